#!/usr/bin/env bash
# The archive's figures: the demo's six audits and all 25 organisations' monthly aggregates
# pushed to a real PostgreSQL server (started here by tests/archive/pg_server.sh and stopped
# at the end), then `compare --archive` over them, with the local `compare` over the same
# workspace as the baseline, in the same run. Prints seconds (wall clock) per step.
#   archive_bench.sh BIN_DIR SOURCE_DIR
set -euo pipefail
bin=$(cd "$1" && pwd)/vtaudit src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
server="$tmp/server"
trap 'bash "$src/tests/archive/pg_server.sh" stop "$server"; rm -rf "$tmp"' EXIT
cd "$src"
bash tests/archive/pg_server.sh start "$server" >/dev/null
export PGSERVICEFILE="$server/pg_service.conf" PGPASSFILE="$server/pgpass"
export VTAUDIT_ARCHIVE=service=vtaudit_bench
as_of=2026-01-31
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); awk "BEGIN { print $t1 - $t0 }"; }
"$bin" demo --output "$tmp/demo" >/dev/null
ws="$tmp/demo/workspace.sqlite"
orgs=$(cut -d, -f1 samples/organisations.csv | tail -n +2)

push_audits() { for a in 1 2 3 4 5 6; do "$bin" --db "$ws" archive push --audit $a --as-of $as_of; done; }
push_orgs() { for o in $orgs; do "$bin" --db "$ws" archive push --org "$o" --as-of $as_of; done; }
printf 'push 6 audits (bundle, judgement, aggregates of the org)  %6.2f s\n' "$(seconds push_audits)"
printf 'push the aggregates of all 25 organisations              %6.2f s\n' "$(seconds push_orgs)"
printf 'push 6 audits again (nothing new)                         %6.2f s\n' "$(seconds push_audits)"
"$bin" archive status | sed 's/^/  /'
compare_local() { "$bin" --db "$ws" compare --period 2019-2025 --as-of $as_of --format json; }
compare_archive() { "$bin" compare --archive --period 2019-2025 --as-of $as_of --format json; }
printf 'compare 2019-2025 --format json, local (baseline)         %6.2f s\n' "$(seconds compare_local)"
printf 'compare --archive 2019-2025 --format json                 %6.2f s\n' "$(seconds compare_archive)"
compare_local >"$tmp/local.json"
compare_archive >"$tmp/archive.json"
cmp -s "$tmp/local.json" "$tmp/archive.json" && echo "the two comparisons are byte for byte the same"
