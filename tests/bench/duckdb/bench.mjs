// The analyst's alternative to `vtaudit cases import` plus `vtaudit timeliness`: the same
// 1,000,000-row extract loaded into DuckDB and the same three shares computed in SQL, with
// a calendar table of the Atw working days. The counts must equal vtaudit's (the bench
// fails otherwise); it prints the wall time and peak memory of both and their ratios
// (docs/performance.md).
//
//   cd tests/bench/duckdb && npm ci && node bench.mjs [BUILD_DIR] [--rows=N] [--runs=N]
//
// BUILD_DIR (default ../../../build/dev) holds toolkit/vtaudit and
// tests/bench/vtaudit_bench_import, which writes the extract and the calendar. Each side
// runs as a child process under /usr/bin/time, so that each peak is its own.
//   node bench.mjs shares EXTRACT CALENDAR DB   the DuckDB side alone: prints its counts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// What the bench asks vtaudit: `timeliness --from 2025-01-01 --to 2025-12-31 --as-of
// 2026-03-31` over the completed cohort (cases whose to-event date lies in the period).
const PERIOD_FROM = '2025-01-01';
const PERIOD_TO = '2025-12-31';
const AS_OF = '2026-03-31';

// The three deadlines of checklists/toetsingskader-veilig-thuis-2025.xml, computed as
// src/rules/timeliness.h says (docs/domain.md):
//  - triage, 24 hours: both moments with a time of day: triaged <= received + 24 h; else
//    the triage date at most 1 day (ceil(24/24)) after the date of receipt;
//  - veiligheidsbeoordeling, 5 working days: on time up to the 5th working day after the
//    date of receipt (that day never counts);
//  - onderzoek, 10 weeks with the Atw: decided + 70 days, moved to the next working day
//    when it falls on a weekend or holiday (art. 2 cannot move a term of 70 days).
// All apply to meldingen only; a moment after the as-of date has not happened yet.
const SHARES_SQL = `
WITH c AS (
  SELECT kind,
         CAST(received AS TIMESTAMP) AS rec_ts, length(received) > 10 AS rec_time,
         CAST(received AS TIMESTAMP)::DATE AS rec,
         CAST(triaged AS TIMESTAMP) AS tri_ts, length(triaged) > 10 AS tri_time,
         CAST(triaged AS TIMESTAMP)::DATE AS tri,
         CAST(safety_assessed AS TIMESTAMP)::DATE AS vb,
         CAST(investigation_decided AS TIMESTAMP)::DATE AS dec,
         CAST(investigation_completed AS TIMESTAMP)::DATE AS done
  FROM extract WHERE kind = 'melding'
), known AS (
  SELECT rec_ts, rec_time, rec,
         CASE WHEN tri <= DATE '${AS_OF}' THEN tri_ts END AS tri_ts, tri_time,
         CASE WHEN tri <= DATE '${AS_OF}' THEN tri END AS tri,
         CASE WHEN vb <= DATE '${AS_OF}' THEN vb END AS vb,
         CASE WHEN dec <= DATE '${AS_OF}' THEN dec END AS dec,
         CASE WHEN done <= DATE '${AS_OF}' THEN done END AS done
  FROM c WHERE rec <= DATE '${AS_OF}'
), triage AS (
  SELECT CASE WHEN rec_time AND tri_time THEN tri_ts <= rec_ts + INTERVAL 24 HOUR
              ELSE tri <= rec + 1 END AS on_time
  FROM known WHERE tri BETWEEN DATE '${PERIOD_FROM}' AND DATE '${PERIOD_TO}'
), vb AS (
  SELECT k.vb <= due.day AS on_time
  FROM known k
  JOIN calendar start ON start.day = k.rec
  JOIN calendar due ON due.workday AND due.seq = start.seq + 5
  WHERE k.vb BETWEEN DATE '${PERIOD_FROM}' AND DATE '${PERIOD_TO}'
), onderzoek AS (
  SELECT k.done <= due.next_workday AS on_time
  FROM known k
  JOIN calendar due ON due.day = k.dec + 70
  WHERE k.dec IS NOT NULL AND k.done BETWEEN DATE '${PERIOD_FROM}' AND DATE '${PERIOD_TO}'
)
SELECT 'triage' AS id, count(*) AS counted, count(*) FILTER (on_time) AS on_time FROM triage
UNION ALL
SELECT 'veiligheidsbeoordeling', count(*), count(*) FILTER (on_time) FROM vb
UNION ALL
SELECT 'onderzoek', count(*), count(*) FILTER (on_time) FROM onderzoek
`;

// Loads the extract and the calendar into a DuckDB file and prints the counts as JSON.
async function shares(extract, holidays, db) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(db);
  const con = await instance.connect();
  // Every column as text, as vtaudit reads them; the moments are parsed in the query.
  await con.run(`CREATE TABLE extract AS SELECT * FROM read_csv('${extract}', header = true,
    all_varchar = true)`);
  // One row per day 2024-2027: a working day is neither Saturday, Sunday nor holiday;
  // seq counts the working days up to and including it; next_workday is it or the next.
  await con.run(`CREATE TABLE holiday AS SELECT CAST(date AS DATE) AS day FROM
    read_csv('${holidays}', header = true, all_varchar = true)`);
  await con.run(`CREATE TABLE calendar AS
    WITH d AS (
      SELECT CAST(day AS DATE) AS day,
             isodow(day) < 6 AND CAST(day AS DATE) NOT IN (SELECT day FROM holiday) AS workday
      FROM range(DATE '2024-01-01', DATE '2028-01-01', INTERVAL 1 DAY) t(day)
    )
    SELECT day, workday,
           sum(CASE WHEN workday THEN 1 ELSE 0 END) OVER (ORDER BY day) AS seq,
           min(CASE WHEN workday THEN day END) OVER (ORDER BY day ROWS BETWEEN CURRENT ROW
             AND UNBOUNDED FOLLOWING) AS next_workday
    FROM d`);
  const reader = await con.runAndReadAll(SHARES_SQL);
  const out = {};
  for (const row of reader.getRowObjects()) {
    const counted = Number(row.counted), onTime = Number(row.on_time);
    out[row.id] = { counted, on_time: onTime, late: counted - onTime };
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

// Runs argv under /usr/bin/time: wall seconds (measured here), peak RSS in MB, stdout.
function timed(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], { encoding: 'utf8',
    maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) {
    throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  }
  const lines = r.stderr.trim().split('\n');
  return { seconds, peakMb: Number(lines[lines.length - 1]) / 1024, stdout: r.stdout };
}

function run(argv) {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
}

// Prints one run's figures (or their medians) and the two ratios.
function printFigures(r) {
  console.log(`duckdb (node + @duckdb/node-api): ${r.duck.toFixed(2)} s, peak ` +
              `${r.duckPeak.toFixed(1)} MB`);
  console.log(`vtaudit import + timeliness:      ${r.vt.toFixed(2)} s ` +
              `(${r.imp.toFixed(2)} + ${r.tl.toFixed(2)}), peak ${r.vtPeak.toFixed(1)} MB`);
  console.log(`vtaudit / duckdb: wall ${(r.vt / r.duck).toFixed(2)}x (target at most ` +
              `0.8), peak ${(r.vtPeak / r.duckPeak).toFixed(3)}x (target under 50 MB)`);
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === 'shares') return shares(args[1], args[2], args[3]);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const rows = args.find((a) => a.startsWith('--rows=')) ?? '--rows=1000000';
  const build = path.resolve(args.find((a) => !a.startsWith('--')) ??
                             path.join(here, '../../../build/dev'));
  const runs = Number((args.find((a) => a.startsWith('--runs=')) ?? '--runs=1').slice(7));
  const vtaudit = path.join(build, 'toolkit/vtaudit');
  const dir = mkdtempSync(path.join(tmpdir(), 'vtaudit-duckdb-'));
  try {
    const extract = path.join(dir, 'extract.csv'), holidays = path.join(dir, 'holidays.csv');
    run([path.join(build, 'tests/bench/vtaudit_bench_import'), rows,
         `--write-extract=${extract}`, `--write-holidays=${holidays}`]);

    // Each run loads both sides afresh (a new DuckDB file, a new workspace); with --runs=N
    // the medians of the N runs are printed too, as one run on two cores swings by 10%.
    // Before each side the disk is synced, so that neither waits on writing out (or
    // discarding) the other's files when it syncs its own.
    const results = [];
    let same = true;
    for (let i = 0; i < runs; ++i) {
      run(['sync']);
      const duck = timed([process.execPath, fileURLToPath(import.meta.url), 'shares', extract,
                          holidays, path.join(dir, `bench-${i}.duckdb`)]);
      rmSync(path.join(dir, `bench-${i}.duckdb`), { force: true });
      const duckCounts = JSON.parse(duck.stdout);

      const ws = path.join(dir, `vtaudit-${i}.sqlite`);
      run([vtaudit, '--db', ws, 'org', 'add', 'VT01', 'Bench']);
      run(['sync']);
      const imp = timed([vtaudit, '--db', ws, 'cases', 'import', '--org', 'VT01', extract]);
      const tl = timed([vtaudit, '--db', ws, 'timeliness', '--org', 'VT01', '--from',
                        PERIOD_FROM, '--to', PERIOD_TO, '--as-of', AS_OF, '--json']);
      rmSync(ws, { force: true });
      const report = JSON.parse(tl.stdout);
      for (const [id, want] of Object.entries(duckCounts)) {
        const d = report.deadlines.find((x) => x.id === id);
        const got = { counted: d.counted, on_time: d.on_time, late: d.late };
        const ok = got.counted === want.counted && got.on_time === want.on_time &&
                   got.late === want.late;
        same &&= ok;
        if (i === 0 || !ok) {
          console.log(`${id.padEnd(24)} vtaudit ${JSON.stringify(got)}  ` +
                      `duckdb ${JSON.stringify(want)}` + (ok ? '' : '  DIFFERENT'));
        }
      }
      const r = { duck: duck.seconds, duckPeak: duck.peakMb, imp: imp.seconds, tl: tl.seconds,
                  vt: imp.seconds + tl.seconds, vtPeak: Math.max(imp.peakMb, tl.peakMb) };
      results.push(r);
      if (runs > 1) console.log(`run ${i + 1} of ${runs}:`);
      printFigures(r);
    }
    if (runs > 1) {
      const median = (key) => {
        const v = results.map((r) => r[key]).sort((a, b) => a - b);
        return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
      };
      const ratios = results.map((r) => r.vt / r.duck).sort((a, b) => a - b);
      console.log(`medians of ${runs} runs:`);
      printFigures({ duck: median('duck'), duckPeak: median('duckPeak'), imp: median('imp'),
                tl: median('tl'), vt: median('vt'), vtPeak: median('vtPeak') });
      console.log(`wall ratio per run: ${ratios.map((x) => x.toFixed(2) + 'x').join(', ')}`);
    }
    if (!same) {
      console.error('the counts differ');
      process.exitCode = 1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
