#!/usr/bin/env bash
# `compare` of the full national set with two builds measured alternately in one run, so
# that the load of a shared machine falls on both alike: BASE (e.g. main's build) and NEW
# (this one), each a build directory holding tests/bench/vtaudit_bench_compare. Prints per
# round the load average and the wall times in ms, then the median of each column.
#   compare_ab.sh BASE_BUILD_DIR NEW_BUILD_DIR [ROUNDS]
# The workspace is VTAUDIT_COMPARE_DB when set, else the one the NEW benchmark generates
# (about 15 s) into the temporary directory.
set -euo pipefail
base=$(cd "$1" && pwd)/tests/bench/vtaudit_bench_compare
new=$(cd "$2" && pwd)/tests/bench/vtaudit_bench_compare
rounds=${3:-5}
if [[ -z "${VTAUDIT_COMPARE_DB:-}" ]]; then
  "$new" --benchmark_filter=BM_ReadCasesOnly >/dev/null
  export VTAUDIT_COMPARE_DB="${TMPDIR:-/tmp}/vtaudit-compare-bench/ws.sqlite"
fi
# "NAME MS" per benchmark of one run, the name cut at its first '/' plus a threads argument.
run() {
  "$1" --benchmark_color=false 2>/dev/null | awk '$1 ~ /^BM_/ {
      name = $1; t = ""
      if (match(name, /threads:[0-9]+/)) t = "/" substr(name, RSTART, RLENGTH)
      sub(/\/.*/, "", name); printf "%s%s %.0f/%.0f\n", name, t, $2, $4 }'
}
printf '%-6s %-6s %14s %14s %18s %18s %14s\n' round load base:compare base:read \
  new:compare/1thr new:compare/2thr new:read
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for ((r = 1; r <= rounds; r++)); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  b=$(run "$base") n=$(run "$new")
  get() { awk -v k="$2" '$1 == k { print $2 }' <<<"$1"; }
  row=("$(get "$b" BM_CompareAll)" "$(get "$b" BM_ReadCasesOnly)"
       "$(get "$n" BM_CompareAll/threads:1)" "$(get "$n" BM_CompareAll/threads:2)"
       "$(get "$n" BM_ReadCasesOnly)")
  printf '%-6s %-6s %14s %14s %18s %18s %14s\n' "$r" "$load" "${row[@]}"
  echo "${row[*]}" >>"$out"
done
median1() { sort -n | awk '{ v[NR] = $1 } END {
    print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
median() {
  echo "$(cut -d' ' -f"$1" "$out" | cut -d/ -f1 | median1)/$(cut -d' ' -f"$1" "$out" | cut -d/ -f2 | median1)"
}
printf '%-6s %-6s %14s %14s %18s %18s %14s\n' median "" "$(median 1)" "$(median 2)" \
  "$(median 3)" "$(median 4)" "$(median 5)"
