#!/usr/bin/env bash
# Re-make v1/, v2/ and expected.json of the Eleventy fixture blog with the real Eleventy and the official
# eleventy-base-blog starter (see README.md).
# Usage: bash tests/sites/eleventy/build.sh
#   The starter comes from ELEVENTY_BASE_BLOG (any git clone, bare or not, of 11ty/eleventy-base-blog that
#   holds BASE_BLOG_COMMIT) or else from a fresh clone from GitHub; its npm packages come from the npm
#   registry, at the versions of its own package-lock.json (npm ci). Needs git, node >= 18, npm, python3.
set -euo pipefail

BASE_BLOG_COMMIT=e37a55c4c4705d7881929de5242ec50448b5eb0b   # eleventy-base-blog v9.0.0, "Fixes #249"
ELEVENTY_VERSION=3.1.6                                     # what that commit's package-lock.json pins

here="$(cd "$(dirname "$0")" && pwd)"
tests="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

src="${ELEVENTY_BASE_BLOG:-}"
if [ -z "$src" ]; then
    git clone --quiet https://github.com/11ty/eleventy-base-blog.git "$work/src"
    src="$work/src"
fi
site="$work/site"
mkdir "$site"
git -C "$src" archive "$BASE_BLOG_COMMIT" | tar -x -C "$site"
(cd "$site" && npm ci --no-audit --no-fund --loglevel=error)
version="$(cd "$site" && npx --no-install @11ty/eleventy --version)"
if [ "$version" != "$ELEVENTY_VERSION" ]; then
    echo "expected Eleventy $ELEVENTY_VERSION, got $version" >&2
    exit 1
fi

for state in v1 v2; do
    # A fresh copy of the starter's files (node_modules stays), then our settings, layouts and posts.
    (cd "$site" && find . -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} +)
    git -C "$src" archive "$BASE_BLOG_COMMIT" | tar -x -C "$site"
    PYTHONPATH="$tests" python3 "$here/project.py" content "$state" "$site"
    (cd "$site" && npx --no-install @11ty/eleventy --quiet)
    out="$site/_site"
    # Keep the fixture lean and free of the starter's own code files: no images, stylesheets or scripts
    # copied as files (pages still name them; the crawler never needs them).
    rm -rf "$out/img" "$out/dist" "$out/feed/pretty-atom-feed.xsl"
    find "$out" -type f -exec sed -i 's#http://fixture\.invalid#http://{{HOST}}#g' {} +
    PYTHONPATH="$tests" python3 "$here/project.py" check "$state" "$out"
    rm -rf "${here:?}/$state"
    cp -r "$out" "$here/$state"
done
PYTHONPATH="$tests" python3 "$here/project.py" expected "$here/expected.json"
echo "Eleventy $ELEVENTY_VERSION: built $here/v1, $here/v2 and expected.json"
