#!/usr/bin/env bash
# Re-make v1/, v2/ and expected.json of the Hugo fixture blog with Debian's hugo and the PaperMod theme
# (see README.md).
#
# Usage: bash tests/sites/hugo/build.sh
#   The theme is PaperMod at tag v7.0 (https://github.com/adityatelange/hugo-PaperMod, commit
#   25e5b4d2982aacfee9a1194d2738db284c2ac380). It is not committed here: set PAPERMOD_DIR to a copy of
#   that tag's files, or let this script clone it (needs access to GitHub).
set -euo pipefail

PAPERMOD_TAG=v7.0
PAPERMOD_COMMIT=25e5b4d2982aacfee9a1194d2738db284c2ac380
# sha256 of the sorted sha256sum lines of the tag's files (.git left out): checks a PAPERMOD_DIR copy too.
PAPERMOD_FILES_SHA256=fb33ac18029b784d3372c1d5a86eb3dce2546c7bcbb05a232e2bf2db6f560376

here="$(cd "$(dirname "$0")" && pwd)"
tests="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! command -v hugo >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq hugo >/dev/null
fi
hugo version

theme="$work/PaperMod"
if [ -n "${PAPERMOD_DIR:-}" ]; then
    cp -r "$PAPERMOD_DIR" "$theme"
else
    git clone --quiet --depth 1 --branch "$PAPERMOD_TAG" https://github.com/adityatelange/hugo-PaperMod.git "$theme"
fi
got="$(cd "$theme" && find . -path ./.git -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum \
       | sha256sum | cut -c1-64)"
if [ "$got" != "$PAPERMOD_FILES_SHA256" ]; then
    echo "$theme is not PaperMod $PAPERMOD_TAG ($PAPERMOD_COMMIT): files hash to $got" >&2
    exit 1
fi

for state in v1 v2; do
    site="$work/$state"
    PYTHONPATH="$tests" python3 "$here/project.py" content "$state" "$site" "$theme/layouts/partials/post_meta.html"
    mkdir -p "$site/themes"
    cp -r "$theme" "$site/themes/PaperMod"
    rm -rf "$site/themes/PaperMod/.git"
    (cd "$site" && TZ=UTC hugo --quiet --destination public)
    out="$site/public"
    # The origin as the test server's placeholder, whatever its spelling (http://, //, bare, JSON's \/).
    find "$out" -type f -exec sed -i 's#fixture\.invalid#{{HOST}}#g' {} +
    if grep -rq 'fixture\.invalid' "$out"; then echo "fixture.invalid left in $state" >&2; exit 1; fi
    PYTHONPATH="$tests" python3 "$here/project.py" check "$state" "$out"
    rm -rf "${here:?}/$state"
    cp -r "$out" "$here/$state"
done
PYTHONPATH="$tests" python3 "$here/project.py" expected "$here/expected.json"
echo "$(hugo version | cut -d' ' -f1-2) + PaperMod $PAPERMOD_TAG: built $here/v1, $here/v2 and expected.json"
