#!/usr/bin/env bash
# Re-make v1/, v2/ and expected.json of the Pelican fixture blog with the real Pelican (see README.md).
# Usage: bash tests/sites/pelican/build.sh   (needs python3 with venv, and PyPI)
set -euo pipefail

PELICAN_VERSION=4.12.0
MARKDOWN_VERSION=3.11.3

here="$(cd "$(dirname "$0")" && pwd)"
tests="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "pelican[markdown]==$PELICAN_VERSION" "markdown==$MARKDOWN_VERSION"

for state in v1 v2; do
    PYTHONPATH="$tests" python3 "$here/project.py" content "$state" "$work/$state"
    (cd "$work/$state" && LC_ALL=C.UTF-8 "$work/venv/bin/pelican" content -s pelicanconf.py -o output \
        --fatal errors --quiet)
    out="$work/$state/output"
    # Keep the fixture lean and free of the theme's own files: no stylesheets or fonts copied as files
    # (pages still name them; the crawler never needs them).
    rm -rf "$out/theme"
    find "$out" -type f -exec sed -i 's#http://fixture\.invalid#http://{{HOST}}#g' {} +
    PYTHONPATH="$tests" python3 "$here/project.py" check "$state" "$out"
    rm -rf "${here:?}/$state"
    cp -r "$out" "$here/$state"
done
PYTHONPATH="$tests" python3 "$here/project.py" expected "$here/expected.json"
echo "Pelican $PELICAN_VERSION: built $here/v1, $here/v2 and expected.json"
