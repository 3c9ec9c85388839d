// The command line and `vtaudit serve` writing one workspace at the same time, as an
// inspector works: the web UI open in a browser (Anna, four tabs at once) while the
// command line scores (Bram, two shells) and lists audits (read-only calls, which once made
// the server lose its locks and the workspace its WAL). Then two imports at once.
// Afterwards every write that either side confirmed is in the trail, nothing else is, and
// SQLite's integrity check passes.
// usage: node concurrent_writes.mjs VTAUDIT_BIN SOURCE_DIR [SECONDS]
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const [bin, src, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg || 4);
const tmp = mkdtempSync(join(tmpdir(), 'vtaudit-concurrent-'));
const db = join(tmp, 'workspace.sqlite');
const env = { ...process.env };
delete env.VTAUDIT_INSPECTOR;
const cliSync = (...args) =>
  execFileSync(bin, ['--db', db, ...args], { cwd: src, encoding: 'utf8', env });
const cli = (...args) => run(bin, ['--db', db, ...args], { cwd: src, encoding: 'utf8', env });
let failures = 0;
function fail(message) {
  console.error('concurrency test: ' + message);
  failures++;
}

cliSync('org', 'add', 'VT01', 'Voorbeeldregio 01');
cliSync('cases', 'import', '--org', 'VT01', 'tests/data/extracts/hand.csv');
cliSync('audit', 'new', '--org', 'VT01', '--period', '2025', '--framework',
        'checklists/toetsingskader-veilig-thuis-2025.xml', '--inspector', 'Anna', '--inspector', 'Bram');
cliSync('sample', 'draw', '--audit', '1', '--size', '8', '--seed', '1', '--where', 'kind = melding');
const cases = JSON.parse(cliSync('sample', 'show', '--audit', '1', '--json')).cases.map((c) => c.case_id);
if (cases.length < 6) throw new Error('too few sampled meldingen: ' + cases.length);

const server = spawn(bin, ['--db', db, 'serve', '--port', '0', '--inspector', 'Anna'],
                     { cwd: src, stdio: ['ignore', 'pipe', 'inherit'], env });
const url = await new Promise((resolve, reject) => {
  let text = '';
  server.stdout.on('data', (chunk) => {
    text += chunk;
    if (text.includes('\n')) resolve(text.split('\n')[0].trim());
  });
  server.on('exit', (code) => reject(new Error('vtaudit serve exited with ' + code)));
});
const origin = new URL(url).origin;
const login = await fetch(url, { redirect: 'manual' });
const cookie = login.headers.get('set-cookie').split(';')[0];

const hidden = (html, name) => {
  const m = html.match(new RegExp('name="' + name + '" value="([^"]*)"'));
  return m ? m[1] : null;
};

// Which notes each side had confirmed: the web by a 303, the command line by exit 0.
const confirmed = [];  // { inspector, case_id, criterion, note }
const counts = { web: { attempted: 0, confirmed: 0, stale: 0 }, cli: { attempted: 0, confirmed: 0 }, reads: 0 };
const deadline = Date.now() + seconds * 1000;
// Every side goes on past the deadline until both have at least ten confirmed writes (a
// loaded machine gives the command line few in the time), all of them still at once; at
// six times the time the test stops and says too few.
const lastCall = Date.now() + 6 * seconds * 1000;
const going = () => Date.now() < lastCall &&
    (Date.now() < deadline || counts.web.confirmed < 10 || counts.cli.confirmed < 10);

// One browser tab: scores every criterion of its own case, again and again.
async function tab(caseId, t) {
  for (let i = 0; going(); i++) {
    const page = await (await fetch(origin + '/audit/1/case/' + encodeURIComponent(caseId),
                                    { headers: { cookie } })).text();
    const criteria = [...page.matchAll(/name="base_([^"]+)" value="(\d+)"/g)].map((m) => [m[1], m[2]]);
    const body = new URLSearchParams({ csrf: hidden(page, 'csrf'), then: 'stay' });
    const notes = {};
    for (const [criterion, base] of criteria) {
      notes[criterion] = `web ${t}.${i} ${criterion} + & = % "q"\nregel 2 é`;
      body.append('base_' + criterion, base);
      body.append('r_' + criterion, i % 2 ? 'voldoet' : 'voldoet_niet');
      body.append('note_' + criterion, notes[criterion]);
    }
    counts.web.attempted++;
    const r = await fetch(origin + '/audit/1/case/' + encodeURIComponent(caseId),
                          { method: 'POST', body, redirect: 'manual',
                            headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    await r.text();
    if (r.status === 303) {
      counts.web.confirmed++;
      for (const [criterion] of criteria) {
        confirmed.push({ inspector: 'Anna', case_id: caseId, criterion, note: notes[criterion] });
      }
    } else if (r.status === 409) {
      counts.web.stale++;
    } else {
      fail(`web POST ${caseId}: status ${r.status}`);
    }
  }
}

// One shell: Bram scores V2.1 on its case, with a read-only call between writes.
async function shell(caseId, t) {
  for (let i = 0; going(); i++) {
    const note = `cli ${t}.${i}`;
    counts.cli.attempted++;
    try {
      await cli('score', 'set', '--audit', '1', '--case', caseId, '--criterion', 'V2.1', '--result',
                i % 2 ? 'voldoet' : 'voldoet_niet', '--note', note, '--inspector', 'Bram');
      counts.cli.confirmed++;
      confirmed.push({ inspector: 'Bram', case_id: caseId, criterion: 'V2.1', note });
    } catch (e) {
      fail(`score set ${caseId}: ${e.stderr || e.message}`);
    }
    await cli('audit', 'list');
    counts.reads++;
  }
}

try {
  await Promise.all([tab(cases[0], 0), tab(cases[1], 1), tab(cases[2], 2), tab(cases[3], 3),
                     shell(cases[4], 0), shell(cases[5], 1)]);
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.on('exit', resolve));
}

const events = JSON.parse(cliSync('score', 'history', '--audit', '1', '--all', '--json'));
const stored = new Map();
for (const e of events) {
  const key = `${e.inspector}|${e.case_id}|${e.criterion}|${e.note}`;
  stored.set(key, (stored.get(key) || 0) + 1);
}
let missing = 0;
for (const c of confirmed) {
  const key = `${c.inspector}|${c.case_id}|${c.criterion}|${c.note}`;
  if (!stored.get(key)) missing++;
}
const bySide = (who) => events.filter((e) => e.inspector === who).length;
const confirmedBy = (who) => confirmed.filter((c) => c.inspector === who).length;
if (missing) fail(`${missing} confirmed writes are not in the trail`);
// Each confirmed write changed its note, so each is exactly one event.
if (bySide('Anna') !== confirmedBy('Anna')) {
  fail(`web: ${confirmedBy('Anna')} score writes confirmed, ${bySide('Anna')} events stored`);
}
if (bySide('Bram') !== confirmedBy('Bram')) {
  fail(`cli: ${confirmedBy('Bram')} writes confirmed, ${bySide('Bram')} events stored`);
}
const integrity = execFileSync('sqlite3', [db, 'PRAGMA integrity_check'], { encoding: 'utf8' }).trim();
if (integrity !== 'ok') fail('integrity check: ' + integrity);
if (counts.web.confirmed < 10 || counts.cli.confirmed < 10) {
  fail('too few writes to say anything: ' + JSON.stringify(counts));
}

// Two imports at once, of two organisations: each is whole or absent, never half.
const rows = 30000;
for (const org of ['VT02', 'VT03']) {
  cliSync('org', 'add', org, 'Regio ' + org);
  let csv = 'case_id,kind,received\n';
  for (let i = 0; i < rows; i++) csv += `${org}-${i},melding,2025-0${1 + (i % 9)}-1${i % 10}\n`;
  writeFileSync(join(tmp, org + '.csv'), csv);
}
const imports = await Promise.allSettled(['VT02', 'VT03'].map((org) =>
  cli('cases', 'import', '--org', org, join(tmp, org + '.csv'))));
for (const [i, org] of ['VT02', 'VT03'].entries()) {
  const n = Number(execFileSync('sqlite3', [db, `SELECT COUNT(*) FROM case_data WHERE org = '${org}'`],
                                { encoding: 'utf8' }).trim());
  const ok = imports[i].status === 'fulfilled';
  if (ok && n !== rows) fail(`${org}: import succeeded with ${n} of ${rows} cases`);
  if (!ok) {
    const message = imports[i].reason.stderr || '';
    if (n !== 0) fail(`${org}: failed import left ${n} cases`);
    if (!/^vtaudit: .*(locked|busy)/m.test(message)) fail(`${org}: unclear failure: ${message}`);
  }
}
const integrity2 = execFileSync('sqlite3', [db, 'PRAGMA integrity_check'], { encoding: 'utf8' }).trim();
if (integrity2 !== 'ok') fail('integrity check after the imports: ' + integrity2);

console.log(`concurrency test: web ${counts.web.confirmed} of ${counts.web.attempted} form posts saved ` +
            `(${counts.web.stale} stale), ${bySide('Anna')} score events stored of ${confirmedBy('Anna')} confirmed; ` +
            `cli ${counts.cli.confirmed} of ${counts.cli.attempted} score set, ${bySide('Bram')} stored; ` +
            `${counts.reads} read-only calls; imports: ${imports.map((r) => r.status).join(', ')}; ` +
            `integrity ${integrity2}`);
rmSync(tmp, { recursive: true, force: true });
console.log(failures ? `concurrency: 0 passed, 1 failed` : `concurrency: 1 passed, 0 failed`);
process.exitCode = failures ? 1 : 0;
