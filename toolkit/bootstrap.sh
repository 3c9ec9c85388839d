#!/usr/bin/env bash
# Sets up a Debian 12 machine for vtaudit and runs one job:
#   toolkit/bootstrap.sh demo    install, build, run `vtaudit demo` on the samples
#   toolkit/bootstrap.sh test    install, build, run every test (what CI runs), then the
#                                unit, golden and fuzz-replay tests under ASan+UBSan (preset
#                                asan) and each fuzz target for VTAUDIT_FUZZ_SECONDS (preset fuzz)
#   toolkit/bootstrap.sh deps    install only
# Installing does nothing when every package is already there. Needs root (or sudo)
# only when something is missing.
set -euo pipefail

job=${1:-demo}
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=${VTAUDIT_PRESET:-dev}
[ "${CI:-}" = true ] && preset=${VTAUDIT_PRESET:-ci}

packages=(
  g++ cmake ninja-build ccache pkg-config git
  libpoco-dev libpugixml-dev libexpat1-dev libboost-test-dev libsqlite3-dev sqlite3
  libcairo2-dev libpango1.0-dev fonts-dejavu-core libbenchmark-dev libssl-dev
  libxml2-utils poppler-utils time libxlsxwriter-dev
  libpq-dev postgresql
)
# The fuzz targets need clang and its libFuzzer and sanitizer runtimes.
if [ "$job" = test ] || [ "$job" = deps ]; then
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# The tests also drive Chromium and run the W3C HTML checker (Java, npm packages).
# Tools are looked for as commands, not packages: a machine may have Node.js (with its
# own npm) or Java from elsewhere, and Debian's npm package would then conflict.
if [ "$job" = test ] || [ "$job" = deps ]; then
  need() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
  need chromium chromium
  need java default-jre-headless
  need node nodejs
  need npm npm
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ "$job" = deps ] && exit 0

# Runs a command and says how long it took (the CI budget is in README's Tests section).
timed() {
  local start=$SECONDS
  "$@"
  echo "bootstrap: '$*' took $((SECONDS - start)) s"
}

cd "$top"
# ccache hits across checkouts in other folders (CI clones afresh), as paths are relative.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$top}
cmake --preset "$preset" >/dev/null
# The demo needs only the binary; the tests need everything.
if [ "$job" = demo ]; then
  timed cmake --build --preset "$preset" --target vtaudit
else
  timed cmake --build --preset "$preset"
fi
bin="$top/build/$preset/toolkit/vtaudit"

case "$job" in
  demo) "$bin" demo --output vtaudit-demo ;;
  test)
    # npm ci again whenever the lock file is newer than what node_modules holds.
    [ tests/browser/node_modules/.package-lock.json -nt tests/browser/package-lock.json ] ||
      npm ci --prefix tests/browser --no-audit --no-fund
    # The W3C Nu HTML Checker for the report test, pinned by tests/html/package-lock.json;
    # run with the Debian JRE, so its postinstall (which fetches a JDK) is skipped.
    [ tests/html/node_modules/.package-lock.json -nt tests/html/package-lock.json ] ||
      npm ci --prefix tests/html --ignore-scripts --no-audit --no-fund
    timed ctest --preset "$preset"
    # The same unit, golden and fuzz-replay tests under AddressSanitizer (leaks included)
    # and UndefinedBehaviorSanitizer: only the targets they need, no benchmarks.
    cmake --preset asan >/dev/null
    timed cmake --build --preset asan
    timed ctest --preset asan
    # Each libFuzzer target for VTAUDIT_FUZZ_SECONDS (default 45), two at a time.
    cmake --preset fuzz -DVTAUDIT_FUZZ_SECONDS="${VTAUDIT_FUZZ_SECONDS:-45}" >/dev/null
    timed cmake --build --preset fuzz
    timed ctest --preset fuzz ;;
  *) echo "bootstrap: unknown job '$job' (demo, test, deps)" >&2; exit 2 ;;
esac
