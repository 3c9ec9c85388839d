#!/usr/bin/env bash
# Latency of the scoring page under load: 8 concurrent clients on loopback for 10 s (wrk
# from Debian). The design target is p99 < 20 ms.
#   tests/bench/serve_bench.sh [BUILD_DIR]     (default build/dev)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bin="$top/${1:-build/dev}/toolkit/vtaudit"
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
db="$tmp/workspace.sqlite"
cd "$top"
"$bin" --db "$db" org add VT01 Voorbeeld >/dev/null
"$bin" --db "$db" cases import --org VT01 tests/data/extracts/hand.csv >/dev/null
"$bin" --db "$db" audit new --org VT01 --period 2025 \
  --framework checklists/toetsingskader-veilig-thuis-2025.xml --inspector Anna >/dev/null
"$bin" --db "$db" sample draw --audit 1 --size 4 --seed 1 >/dev/null
case_id=$("$bin" --db "$db" sample show --audit 1 --json | grep -o '"case_id": *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/')
"$bin" --db "$db" serve --port 0 --inspector Anna >"$tmp/url" 2>/dev/null &
pid=$!
for _ in $(seq 50); do [ -s "$tmp/url" ] && break; sleep 0.1; done
url=$(head -1 "$tmp/url")
origin=${url%%/?token=*}
cookie=$(curl -s -D - -o /dev/null "$url" | sed -n 's/^Set-Cookie: \(vtaudit_session_[0-9]*=[^;]*\).*/\1/p')
curl -sf -o /dev/null -H "Cookie: $cookie" "$origin/audit/1/case/$case_id"
wrk -t 4 -c 8 -d 10s --latency -H "Cookie: $cookie" "$origin/audit/1/case/$case_id"
