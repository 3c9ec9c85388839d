#!/usr/bin/env bash
# End to end against the real server of pg_server.sh (run by CTest through with_server.sh,
# database vtaudit_e2e): the demo's six audits and 25 organisations pushed; the same audit
# pushed twice is stored once; `compare --archive` gives byte for byte the local compare
# (json, csv, html, table; open stock included), and "-" with a warning for aggregates
# pushed without the stock until pushed again; two copies of one workspace score an audit
# differently, both push, and a fresh workspace that pulls equals the merged one (judge --json, report json); a wrong
# password, an unreachable server and a missing VTAUDIT_ARCHIVE fail with a clear message
# and exit 1; row-level security keeps one inspector's rows from another.
#   archive_e2e.sh BIN_DIR SOURCE_DIR
set -euo pipefail
bin=$(cd "$1" && pwd)/vtaudit src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
export TZ=Europe/Amsterdam LC_ALL=C.UTF-8
unset VTAUDIT_INSPECTOR
port=$(cat "$ARCHIVE_SERVER_DIR/port")
psql_bin=$(ls /usr/lib/postgresql/*/bin/psql | tail -1)
as_admin() { "$psql_bin" -X -q -t -A -v ON_ERROR_STOP=1 "service=vtaudit_e2e" "$@"; }
as_role() { local r=$1; shift; "$psql_bin" -X -t -A "service=vtaudit_e2e user=$r" "$@"; }
fail() { echo "FAILED: $*"; exit 1; }
check_eq() { [ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"; }
admin="service=vtaudit_e2e"
as_of=2026-01-31

"$bin" demo --output "$tmp/demo" >/dev/null
ws="$tmp/demo/workspace.sqlite"

# An empty archive, then its schema by its owner, and the grants of docs/archive-grants.sql.
VTAUDIT_ARCHIVE=$admin "$bin" archive status | grep -q '^schema: none yet' || fail "status of an empty archive"
VTAUDIT_ARCHIVE=$admin "$bin" archive status --migrate | grep -q '^schema: version 2 ' || fail "migrate"
as_admin -f docs/archive-grants.sql

# The same audit twice: the second push changes nothing.
VTAUDIT_ARCHIVE=$admin "$bin" --db "$ws" archive push --audit 1 --as-of $as_of >"$tmp/push1"
grep -q ', stored$' "$tmp/push1" || fail "first push: $(cat "$tmp/push1")"
before=$(as_admin -c "SELECT count(*), sum(length(bytes)) FROM vtaudit.bundle")
judgement_rows=$(as_admin -c "SELECT count(*) FROM vtaudit.judgement")
VTAUDIT_ARCHIVE=$admin "$bin" --db "$ws" archive push --audit 1 --as-of $as_of >"$tmp/push2"
grep -q 'already in the archive: nothing changed$' "$tmp/push2" || fail "second push: $(cat "$tmp/push2")"
check_eq "bundles after pushing twice" "$before" "$(as_admin -c "SELECT count(*), sum(length(bytes)) FROM vtaudit.bundle")"
check_eq "judgement rows after pushing twice" "$judgement_rows" "$(as_admin -c "SELECT count(*) FROM vtaudit.judgement")"
check_eq "audits" 1 "$(as_admin -c "SELECT count(*) FROM vtaudit.audit")"

# Every audit and every organisation's aggregates; then the comparison both ways.
for a in 2 3 4 5 6; do
  VTAUDIT_ARCHIVE=$admin "$bin" --db "$ws" archive push --audit $a --as-of $as_of >/dev/null
done
for code in $(cut -d, -f1 samples/organisations.csv | tail -n +2); do
  VTAUDIT_ARCHIVE=$admin "$bin" --db "$ws" archive push --org "$code" --as-of $as_of >/dev/null
done
for format in json csv html table; do
  "$bin" --db "$ws" compare --period 2019-2025 --as-of $as_of --format $format >"$tmp/local.$format"
  VTAUDIT_ARCHIVE=$admin "$bin" compare --archive --period 2019-2025 --as-of $as_of \
    --format $format >"$tmp/archive.$format"
  cmp "$tmp/local.$format" "$tmp/archive.$format" || fail "compare --archive --format $format differs"
done
"$bin" --db "$ws" compare --period 2024 --cohort due --deadline onderzoek --org VT06 --org VT01 \
  --as-of $as_of --format json >"$tmp/local-due.json"
VTAUDIT_ARCHIVE=$admin "$bin" compare --archive --period 2024 --cohort due --deadline onderzoek \
  --org VT06 --org VT01 --as-of $as_of --format json >"$tmp/archive-due.json"
cmp "$tmp/local-due.json" "$tmp/archive-due.json" || fail "compare --archive --cohort due differs"
grep -q '"scope": "selection"' "$tmp/archive-due.json" || fail "two organisations compared as national"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); n=d["deadlines"][0]["national"]["years"][-1]["open"]; sys.exit(0 if n["pending"] + n["overdue"] > 0 else 1)' \
  "$tmp/archive.json" || fail "no open stock over the archive"

# Aggregates pushed before schema version 2 have no stock (the migration leaves the new
# columns empty): "-" for VT01 and for the total, a warning naming it; a new push fills it.
as_admin -c "UPDATE vtaudit.clock_month SET stock_pending = NULL, stock_overdue = NULL WHERE set_id IN (SELECT id FROM vtaudit.aggregate_set WHERE org = 'VT01')"
VTAUDIT_ARCHIVE=$admin "$bin" compare --archive --period 2024 --deadline onderzoek --org VT01 \
  --org VT02 --as-of $as_of >"$tmp/old-stock" 2>"$tmp/old-stock.err"
grep -q '^VT01    -$' "$tmp/old-stock" || fail "VT01's unknown stock: $(cat "$tmp/old-stock")"
grep -q '^VT02    [0-9]*/[0-9]*$' "$tmp/old-stock" || fail "VT02's stock: $(cat "$tmp/old-stock")"
grep -q '^totaal  -$' "$tmp/old-stock" || fail "the total's stock: $(cat "$tmp/old-stock")"
grep -q '^vtaudit: warning: the aggregates of VT01 were pushed before the archive kept the open stock' \
  "$tmp/old-stock.err" || fail "no warning on VT01's stock: $(cat "$tmp/old-stock.err")"
VTAUDIT_ARCHIVE=$admin "$bin" --db "$ws" archive push --org VT01 --as-of $as_of >/dev/null
VTAUDIT_ARCHIVE=$admin "$bin" compare --archive --period 2019-2025 --as-of $as_of \
  --format csv >"$tmp/archive-again.csv" 2>"$tmp/again.err"
cmp "$tmp/local.csv" "$tmp/archive-again.csv" || fail "compare --archive after pushing VT01 again differs"
if grep -q 'open stock' "$tmp/again.err"; then fail "warned after pushing again"; fi
grep -q '"audits": \[' "$tmp/archive.json" || fail "no audits in the comparison"

# Two laptops: copies of the workspace score audit 1's first sampled case differently.
cp "$ws" "$tmp/a.sqlite"
cp "$ws" "$tmp/b.sqlite"
read -r org period < <(sqlite3 "$ws" "SELECT org, period FROM audit WHERE id = 1" | tr '|' ' ')
case_id=$(sqlite3 "$ws" "SELECT case_id FROM sample_case WHERE draw = (SELECT id FROM sample_draw WHERE audit = 1 AND replaced_by IS NULL) ORDER BY case_id LIMIT 1")
criterion=$(sqlite3 "$ws" "SELECT criterion FROM score_event WHERE audit = 1 AND case_id = '$case_id' ORDER BY id LIMIT 1")
[ -n "$case_id" ] && [ -n "$criterion" ] || fail "no scored case in audit 1"
"$bin" --db "$tmp/a.sqlite" audit inspectors --audit 1 --add Cas >/dev/null
"$bin" --db "$tmp/a.sqlite" score set --audit 1 --case "$case_id" --criterion "$criterion" \
  --result voldoet --inspector Cas >/dev/null
"$bin" --db "$tmp/b.sqlite" audit inspectors --audit 1 --add Dirk >/dev/null
"$bin" --db "$tmp/b.sqlite" score set --audit 1 --case "$case_id" --criterion "$criterion" \
  --result voldoet_niet --inspector Dirk >/dev/null
VTAUDIT_ARCHIVE="service=vtaudit_e2e user=inspector_a" "$bin" --db "$tmp/a.sqlite" archive push --audit 1 --as-of $as_of >/dev/null
VTAUDIT_ARCHIVE="service=vtaudit_e2e user=inspector_b" "$bin" --db "$tmp/b.sqlite" archive push --audit 1 --as-of $as_of >/dev/null
check_eq "bundles of audit 1" 3 "$(as_admin -c "SELECT count(*) FROM vtaudit.bundle b JOIN vtaudit.audit a ON a.uid = b.audit_uid WHERE a.org = '$org' AND a.period = $period")"
# Merged: laptop A pulls (B's bundle and the first); fresh: a new workspace with the same
# delivery (a draft is judged over it: docs/bundles.md) pulls all.
VTAUDIT_ARCHIVE=$admin "$bin" --db "$tmp/a.sqlite" archive pull --org "$org" --period "$period" >/dev/null
"$bin" --db "$tmp/fresh.sqlite" org import samples/organisations.csv >/dev/null
"$bin" --db "$tmp/fresh.sqlite" cases import --org "$org" "$tmp/demo/extracts/$org-synthetisch.csv" >/dev/null
VTAUDIT_ARCHIVE=$admin "$bin" --db "$tmp/fresh.sqlite" archive pull --org "$org" --period "$period" >"$tmp/pull"
fresh_id=$(sqlite3 "$tmp/fresh.sqlite" "SELECT id FROM audit LIMIT 1")
"$bin" --db "$tmp/a.sqlite" judge --audit 1 --json >"$tmp/merged.judge"
"$bin" --db "$tmp/fresh.sqlite" judge --audit "$fresh_id" --json >"$tmp/fresh.judge"
cmp "$tmp/merged.judge" "$tmp/fresh.judge" || fail "judge --json of the pulled audit differs from the merged one"
grep -q "Cas: voldoet[,)]" "$tmp/fresh.judge" && grep -q "Dirk: voldoet_niet" "$tmp/fresh.judge" ||
  fail "the two laptops' scores are not a disagreement"
"$bin" --db "$tmp/a.sqlite" report --audit 1 --format json --output "$tmp/merged.report.json" >/dev/null
"$bin" --db "$tmp/fresh.sqlite" report --audit "$fresh_id" --format json --output "$tmp/fresh.report.json" >/dev/null
cmp <(grep -v '"generated' "$tmp/merged.report.json") <(grep -v '"generated' "$tmp/fresh.report.json") ||
  fail "report json of the pulled audit differs from the merged one"

# Row-level security: B cannot change or remove A's rows; a reader cannot write.
check_eq "B deletes A's bundles" "DELETE 0" "$(as_role inspector_b -c "DELETE FROM vtaudit.bundle WHERE pushed_by = 'inspector_a'" 2>&1 | tail -1)"
check_eq "A's bundles after B's delete" 1 "$(as_admin -c "SELECT count(*) FROM vtaudit.bundle WHERE pushed_by = 'inspector_a'")"
check_eq "B updates A's aggregates" "UPDATE 0" "$(as_role inspector_b -c "UPDATE vtaudit.aggregate_set SET as_of = '2000-01-01' WHERE pushed_by = 'inspector_a'" 2>&1 | tail -1)"
as_role inspector_b -c "INSERT INTO vtaudit.organisation (code, name, pushed_by) VALUES ('XX', 'x', 'inspector_a')" >"$tmp/rls" 2>&1 || true
grep -q 'violates row-level security policy' "$tmp/rls" || fail "B wrote a row in A's name: $(cat "$tmp/rls")"
as_role reader -c "INSERT INTO vtaudit.organisation (code, name) VALUES ('XX', 'x')" >"$tmp/reader" 2>&1 || true
grep -q 'permission denied' "$tmp/reader" || fail "a reader wrote: $(cat "$tmp/reader")"
check_eq "a reader reads" 25 "$(as_role reader -c "SELECT count(*) FROM vtaudit.organisation")"

# Connection errors: exit 1, the server named, the password never.
set +e
PGPASSFILE=/dev/null VTAUDIT_ARCHIVE="host=127.0.0.1 port=$port dbname=vtaudit_e2e user=vtaudit_admin password=Geheim-42" \
  "$bin" archive status >"$tmp/out" 2>"$tmp/err"
rc=$?
set -e
check_eq "exit status, wrong password" 1 $rc
grep -q "^vtaudit: archive (host 127.0.0.1 port $port database vtaudit_e2e user vtaudit_admin): cannot connect: .*password authentication failed" "$tmp/err" ||
  fail "wrong password: $(cat "$tmp/err")"
if grep -q Geheim-42 "$tmp/err" "$tmp/out"; then fail "the password was printed"; fi
free_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
set +e
VTAUDIT_ARCHIVE="host=127.0.0.1 port=$free_port dbname=vtaudit user=x" "$bin" archive status 2>"$tmp/err"
rc=$?
set -e
check_eq "exit status, unreachable" 1 $rc
grep -q "^vtaudit: archive (host 127.0.0.1 port $free_port database vtaudit user x): cannot connect: .*Connection refused" "$tmp/err" ||
  fail "unreachable: $(cat "$tmp/err")"
set +e
env -u VTAUDIT_ARCHIVE "$bin" --db "$ws" archive push --audit 1 2>"$tmp/err"
rc=$?
set -e
check_eq "exit status, no VTAUDIT_ARCHIVE" 1 $rc
grep -q '^vtaudit: VTAUDIT_ARCHIVE is not set' "$tmp/err" || fail "unset: $(cat "$tmp/err")"
echo "archive e2e: ok"
