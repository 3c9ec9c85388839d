#!/usr/bin/env bash
# install.prefix: `cmake --install BUILD --prefix P` gives a vtaudit that works from P alone,
# and from wherever P is moved to. Usage: prefix.sh CMAKE BUILD_DIR
set -euo pipefail
cmake=$1 build=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "install.prefix: $*" >&2; exit 1; }

"$cmake" --install "$build" --prefix "$tmp/prefix" >/dev/null
# Moved as a whole, as a package or a copied folder would be: the binary must find its data
# beside itself (P/share/vtaudit), not in the source tree it was built from.
mv "$tmp/prefix" "$tmp/moved"
bin="$tmp/moved/bin/vtaudit"
data="$tmp/moved/share/vtaudit"
for f in checklists/toetsingskader-veilig-thuis-2025.xml checklists/kalender-nl.xml \
         checklists/crosswalks reports/report.html reports/text-nl.properties \
         samples/organisations.csv samples/audits; do
  [ -e "$data/$f" ] || fail "not installed: share/vtaudit/$f"
done
unset VTAUDIT_DATA_DIR
version=$(cd "$tmp" && "$bin" --version)
grep -qx "data: $data" <<<"$version" || fail "the installed binary does not use its own data: $version"

# The main job from the installed tree, in a folder outside the source tree: the demo reads
# the framework, calendar, crosswalks, samples and report templates from share/vtaudit.
cd "$tmp"
"$bin" demo --output "$tmp/demo" >/dev/null
for f in workspace.sqlite vergelijking.html audits/VT06-2025/rapport.html audits/VT06-2025/rapport.pdf; do
  [ -s "$tmp/demo/$f" ] || fail "demo from the installed tree did not write $f"
done
"$bin" framework validate "$data/checklists/toetsingskader-veilig-thuis-2025.xml" >/dev/null
echo "install.prefix: installed, moved, --version names share/vtaudit, demo and validate ran"
