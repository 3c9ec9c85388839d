#!/usr/bin/env bash
# XLSX files that are tiny compressed and huge expanded (tests/data/xlsx/bomb_*.xlsx, made
# by make_fixtures.sh): `vtaudit cases import` refuses each, or reads it, with its peak
# memory (GNU time's maximum resident set size) under 100 MB, and says what it says below.
# Prints each file's time and peak memory.
#   xlsx_bombs.sh BIN_DIR SOURCE_DIR
set -euo pipefail
bin=$(cd "$1" && pwd)/vtaudit src=$(cd "$2" && pwd)
limit_kb=$((100 * 1024))
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
fail=0

# check FILE EXIT_STATUS EXPECTED_LAST_LINE: imports FILE into a fresh workspace.
check() {
  local file=tests/data/xlsx/$1 want_rc=$2 want=$3 ws="$tmp/$1.sqlite" rc=0
  "$bin" --db "$ws" org add VT01 "Bom" >/dev/null
  /usr/bin/time -f '%e %M' -o "$tmp/time" "$bin" --db "$ws" cases import --org VT01 "$file" \
    >"$tmp/out" 2>&1 || rc=$?
  read -r seconds peak_kb < <(tail -n 1 "$tmp/time")
  echo "$1: exit $rc, ${seconds} s, peak $((peak_kb / 1024)) MB"
  local got
  got=$(tail -n 1 "$tmp/out")
  if [ "$rc" != "$want_rc" ] || [ "$got" != "$want" ]; then
    echo "  expected exit $want_rc and: $want"
    echo "  got:                       $got"
    fail=1
  fi
  if [ "$peak_kb" -ge "$limit_kb" ]; then
    echo "  peak memory ${peak_kb} KB is not under ${limit_kb} KB"
    fail=1
  fi
}

d=tests/data/xlsx
# 1,200 rows of 16,384 empty cells (80 MB of XML) before one good row: read, one case.
check bomb_empty_cells.xlsx 0 "$d/bomb_empty_cells.xlsx: 1 rows: 1 added, 0 changed, 0 unchanged"
# One row of 5,000,000 empty cells: refused at cell 16,385.
check bomb_wide_row.xlsx 1 "vtaudit: $d/bomb_wide_row.xlsx: nothing imported (1 error); the workspace is unchanged"
grep -qxF "vtaudit: $d/bomb_wide_row.xlsx:2: more than 16384 cells" "$tmp/out" ||
  { echo "  bomb_wide_row.xlsx: no 'more than 16384 cells'"; fail=1; }
# 3,000,000 empty shared strings: refused at the end of the 2,097,153rd <si/>. Line 2 opens
# with <sst xmlns="…"> (71 bytes); expat places the end of an empty element after it:
# 71 + 2097153 · 5 + 1 = 10485837.
check bomb_shared_strings.xlsx 1 "vtaudit: $d/bomb_shared_strings.xlsx: xl/sharedStrings.xml:2:10485837: more than 2097152 shared strings"
# 2,200 shared strings of 32,000 characters (70 MB): 2097 of them are 67,104,000 bytes, the
# 2098th would pass 64 MiB (67,108,864). Refused at its </si>, each item being 32016 bytes:
# 71 + 2097 · 32016 + 7 + 32000 + 4 + 1 = 67169635.
check bomb_shared_text.xlsx 1 "vtaudit: $d/bomb_shared_text.xlsx: xl/sharedStrings.xml:2:67169635: more than 64 MiB of shared string text"
exit $fail
