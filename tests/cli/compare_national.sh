#!/usr/bin/env bash
# End to end: the synthetic national registration at scale 1 (about 1M cases), imported
# organisation by organisation, then `compare`. Checks the issue's "done when": in 2024,
# 2 of the 25 organisations finished at least 80% of their investigations on time, and the
# yearly national counts computed from the cases equal the table of the parliamentary
# answers (docs/domain.md). Prints how long compare took.
#   compare_national.sh BIN_DIR SOURCE_DIR
set -euo pipefail
bin=$(cd "$1" && pwd)/vtaudit src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
ws="$tmp/ws.sqlite"
"$bin" samples generate --output "$tmp/nat" >/dev/null
"$bin" --db "$ws" org import samples/organisations.csv >/dev/null
for f in "$tmp"/nat/VT*-synthetisch.csv; do
  code=$(basename "$f" -synthetisch.csv)
  "$bin" --db "$ws" cases import --org "$code" "$f" >/dev/null
done

statement=$("$bin" --db "$ws" compare --period 2024 --deadline onderzoek --as-of 2026-05-26 |
  grep 'organisaties rondde')
expected="2 van de 25 organisaties rondden in 2024 ten minste 80% van hun onderzoeken tijdig af"
if [ "$statement" != "$expected" ]; then
  echo "expected: $expected"; echo "got:      $statement"; exit 1
fi

start=$(date +%s.%N)
"$bin" --db "$ws" compare --period 2019-2025 --as-of 2026-05-26 --format json >"$tmp/all.json"
end=$(date +%s.%N)
echo "compare --period 2019-2025 (25 organisations, all deadlines): $(echo "$end - $start" | bc) s"

python3 - "$tmp/all.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
# year: meldingen kindermishandeling, completed investigations, of which child abuse, RvdK
table = {
    2019: (55590, 6100, 2440, 355), 2020: (62795, 7305, 3735, 520),
    2021: (61495, 7615, 4025, 620), 2022: (62460, 7585, 4145, 565),
    2023: (65750, 7530, 4335, 595), 2024: (67030, 7720, 4610, 630),
    2025: (68150, 7435, 4405, 490),
}
bad = 0
for n in d["national_counts"]:
    got = (n["meldingen_kindermishandeling"], n["investigations_completed"],
           n["investigations_completed_kindermishandeling"], n["rvdk"])
    if got != table[n["year"]]:
        print(f"{n['year']}: expected {table[n['year']]}, got {got}")
        bad = 1
totals = [sum(n[k] for n in d["national_counts"]) for k in
          ("investigations_completed", "investigations_completed_kindermishandeling", "rvdk")]
if totals != [51290, 27695, 3775]:
    print(f"totals: expected [51290, 27695, 3775], got {totals}")
    bad = 1
onderzoek = next(x for x in d["deadlines"] if x["id"] == "onderzoek")
t2024 = next(s for s in onderzoek["statements"] if s["year"] == 2024)
if (t2024["met"], t2024["organisations"]) != (2, 25):
    print(f"2024 onderzoek: expected 2 of 25, got {t2024['met']} of {t2024['organisations']}")
    bad = 1
# The national share is the summed counts, and every cell adds up.
for x in d["deadlines"]:
    for i, year in enumerate(d["years"]):
        on_time = sum(o["years"][i]["on_time"] for o in x["organisations"])
        counted = sum(o["years"][i]["counted"] for o in x["organisations"])
        nat = x["national"]["years"][i]
        if (nat["on_time"], nat["counted"]) != (on_time, counted):
            print(f"{x['id']} {year}: national {nat['on_time']}/{nat['counted']} "
                  f"is not the sum {on_time}/{counted}")
            bad = 1
sys.exit(bad)
PY
echo "ok: 2 of 25 in 2024; national counts equal the parliamentary table"
