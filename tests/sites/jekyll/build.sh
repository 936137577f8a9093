#!/usr/bin/env bash
# Re-make v1/, v2/ and expected.json of the Jekyll fixture blog with Debian's jekyll, the minima theme
# and the jekyll-feed, jekyll-seo-tag, jekyll-sitemap and jekyll-paginate plugins (see README.md).
# Usage: bash tests/sites/jekyll/build.sh   (installs the Debian packages when missing; needs root for that)
set -euo pipefail

PACKAGES="jekyll jekyll-theme-minima ruby-jekyll-feed ruby-jekyll-seo-tag ruby-jekyll-sitemap ruby-jekyll-paginate"

here="$(cd "$(dirname "$0")" && pwd)"
tests="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

missing=""
for package in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
if [ -n "$missing" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    # shellcheck disable=SC2086
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq $missing >/dev/null
fi
jekyll --version
minima="$(ruby -e 'print Gem::Specification.find_by_name("minima").gem_dir')"

for state in v1 v2; do
    site="$work/$state"
    PYTHONPATH="$tests" python3 "$here/project.py" content "$state" "$site" "$minima"
    (cd "$site" && JEKYLL_ENV=production LC_ALL=C.UTF-8 jekyll build --quiet --destination _site)
    out="$site/_site"
    rm -f "$out/assets/minima-social-icons.svg"      # keep the fixture lean: no images (no social links set)
    # The origin as the test server's placeholder, whatever its spelling (http://, //, bare).
    find "$out" -type f -exec sed -i 's#fixture\.invalid#{{HOST}}#g' {} +
    if grep -rq 'fixture\.invalid' "$out"; then echo "fixture.invalid left in $state" >&2; exit 1; fi
    PYTHONPATH="$tests" python3 "$here/project.py" check "$state" "$out"
    rm -rf "${here:?}/$state"
    cp -r "$out" "$here/$state"
done
PYTHONPATH="$tests" python3 "$here/project.py" expected "$here/expected.json"
echo "$(jekyll --version) + minima $(basename "$minima" | sed 's/^minima-//'): built $here/v1, $here/v2 and expected.json"
