// Every page of the web UI, found by walking the links from the start page of a seeded
// workspace (two inspectors who differ, a finding), plus the error pages (404, 403 for a
// form of another session, 422 for forms with errors), checked in headless Chromium:
//   axe    axe-core (tests/browser/package.json pins it) on each page; any serious or
//          critical violation fails, every violation is listed
//   dutch  the text of each Dutch page: no English words and no raw ids (voldoet_deels)
// In both modes no page, Dutch or English, holds a missing text: the translator writes a
// key it does not know as "[key]", so "[web." in the HTML is a web.* key missing from
// reports/text-LANG.properties.
// usage: node pages_test.mjs VTAUDIT_BIN SOURCE_DIR axe|dutch
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [bin, src, mode] = process.argv.slice(2);
if (mode !== 'axe' && mode !== 'dutch') throw new Error('mode: axe or dutch');
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'vtaudit-pages-'));
const db = join(tmp, 'workspace.sqlite');
const cli = (...args) => execFileSync(bin, ['--db', db, ...args],
                                      { cwd: src, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const failures = [];
const fail = (message) => { failures.push(message); };

// The seeded workspace: one audit, four cases sampled, Anna and Bram differing on one case
// criterion and agreeing on another, an organisation criterion scored, a finding written.
const framework = 'checklists/toetsingskader-veilig-thuis-2025.xml';
cli('org', 'add', 'VT01', 'Voorbeeldregio 01');
cli('cases', 'import', '--org', 'VT01', 'tests/data/extracts/hand.csv');
cli('audit', 'new', '--org', 'VT01', '--period', '2025', '--framework', framework,
    '--inspector', 'Anna', '--inspector', 'Bram');
cli('sample', 'draw', '--audit', '1', '--size', '4', '--seed', '1');
const sampled = JSON.parse(cli('sample', 'show', '--audit', '1', '--json')).cases.map((c) => c.case_id);
const xml = readFileSync(join(src, framework), 'utf8');
const caseCriteria = [...xml.matchAll(/<criterion id="([^"]+)" scope="case"/g)].map((m) => m[1]);
const orgCriteria = [...xml.matchAll(/<criterion id="([^"]+)" scope="organisation"(?![^>]*measured-by)/g)].map((m) => m[1]);
let scored = 0;
for (const k of caseCriteria) {
  if (scored === 2) break;
  try {
    cli('score', 'set', '--audit', '1', '--case', sampled[0], '--criterion', k, '--result', 'voldoet',
        '--note', 'dossier gelezen', '--inspector', 'Anna');
  } catch { continue; }
  cli('score', 'set', '--audit', '1', '--case', sampled[0], '--criterion', k, '--result',
      scored === 0 ? 'voldoet_niet' : 'voldoet', '--inspector', 'Bram');
  ++scored;
}
if (scored < 2) throw new Error('could not seed two case scores');
cli('score', 'set', '--audit', '1', '--criterion', orgCriteria[0], '--result', 'voldoet',
    '--inspector', 'Anna');
cli('finding', 'set', '--audit', '1', '--criterion', caseCriteria[0], '--text',
    'In twee van de vier dossiers ontbreekt het veiligheidsplan.', '--evidence', 'zaken ' + sampled.slice(0, 2).join(', '),
    '--inspector', 'Anna');

const server = spawn(bin, ['--db', db, 'serve', '--port', '0', '--inspector', 'Anna'],
                     { cwd: src, stdio: ['pipe', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  server.stdout.on('data', (chunk) => {
    const line = String(chunk).split('\n').map((l) => l.trim()).find(Boolean);
    if (line) resolve(line);
  });
  server.on('exit', (code) => reject(new Error('vtaudit serve exited with ' + code)));
});
const origin = new URL(url).origin;

// English words that are no Dutch words, and the raw ids of the framework and the extract.
const forbidden = /\b(voldoet_deels|voldoet_niet|voldoet_grotendeels|gezinnen_centraal|goed_bestuur|safety_assessed|investigation_\w+|received|triaged|melding_\w+|the|and|case|cases|not|scored|sample|judgement|timeliness|agreement|findings?|history|reconciled?|disagreements?|share|deadline met|norm met|missed|save|unscored|none|true|false|null|undefined)\b/gi;

// One visit per kind of page: a case or a finding of its own is a kind, the query's names
// (not its values) count, and so does the language.
const kindOf = (u) => {
  const p = new URL(u);
  const names = [...p.searchParams.keys()].filter((k) => k !== 'saved').sort();
  return p.pathname.replace(/\/(case|finding)\/[^/]+$/, '/$1/*') + '?' + names.join('&') +
         (p.searchParams.get('lang') === 'en' ? '#en' : '#nl');
};

const context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  // axe is injected as a script of its own; the pages' policy allows only /assets/app.js.
  bypassCSP: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1100, height: 900 },
});
const found = new Map();  // violation id → { impact, help, pages }
let checked = 0, passes = 0;
async function check(page, label, expectedStatus, status) {
  if (expectedStatus !== undefined && status !== expectedStatus) {
    fail(`${label}: HTTP ${status}, expected ${expectedStatus}`);
  }
  ++checked;
  const lang = await page.evaluate(() => document.documentElement.lang);
  const html = await page.content();
  const missing = html.indexOf('[web.');
  if (missing >= 0) fail(`${label} (${lang}): missing text ${html.slice(missing, html.indexOf(']', missing) + 1)}`);
  if (mode === 'axe') {
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => window.axe.run(document));
    passes += result.passes.length;
    for (const v of result.violations) {
      const seen = found.get(v.id) || { impact: v.impact, help: v.help, pages: [], nodes: [] };
      seen.pages.push(label);
      seen.nodes.push(...v.nodes.slice(0, 2).map((n) => n.target.join(' ')));
      found.set(v.id, seen);
    }
  } else if (lang === 'nl') {
    const text = await page.evaluate(() => {
      const body = document.body.cloneNode(true);
      // Commands and conditions to type, what the inspectors typed, and passages marked as
      // English (the library's messages) are no Dutch wording of the UI.
      for (const e of body.querySelectorAll('code, textarea, .lang, [lang=en]')) e.remove();
      return body.innerText;
    });
    const hits = [...new Set((text.match(forbidden) || []).map((w) => w.toLowerCase()))];
    if (hits.length) {
      const at = text.search(forbidden);
      fail(`${label}: English words or raw ids: ${hits.join(', ')} ` +
           `(first in: ${JSON.stringify(text.slice(Math.max(0, at - 80), at + 40))})`);
    }
  }
}

try {
  const page = context.pages()[0] || await context.newPage();
  await page.goto(url);
  const queue = [origin + '/'];
  const kinds = new Set();
  while (queue.length) {
    const next = queue.shift();
    if (kinds.has(kindOf(next))) continue;
    kinds.add(kindOf(next));
    const response = await page.goto(next);
    const type = response.headers()['content-type'] || '';
    if (!type.startsWith('text/html')) continue;
    await check(page, next.slice(origin.length), 200, response.status());
    // The report is the published document, with its own links (none into the UI).
    if (new URL(next).pathname.endsWith('/report')) continue;
    for (const href of await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.href))) {
      const u = new URL(href);
      u.hash = '';
      if (u.origin === origin && !u.pathname.endsWith('.pdf')) queue.push(u.href);
    }
  }
  if (checked < 15) fail(`only ${checked} pages found from the start page`);

  // The error pages and the forms with errors, in Dutch.
  const notFound = await page.goto(origin + '/audit/1/nope');
  await check(page, '/audit/1/nope', 404, notFound.status());
  const noCase = await page.goto(origin + '/audit/1/case/NOPE');
  await check(page, '/audit/1/case/NOPE', 404, noCase.status());
  const badQuery = await page.goto(origin + '/audit/1/history');
  await check(page, '/audit/1/history (no criterion)', 400, badQuery.status());

  await page.goto(origin + '/audit/1/finding/' + caseCriteria[0]);
  await page.locator('textarea[name=text]').fill('');
  let [submitted] = await Promise.all([page.waitForNavigation(), page.locator('form button[type=submit]').first().click()]);
  await check(page, 'finding form without a text', 422, submitted.status());

  await page.goto(origin + '/audit/1/disagreements');
  [submitted] = await Promise.all([page.waitForNavigation(), page.locator('form.reconcile button').first().click()]);
  await check(page, 'reconcile form without a result or reason', 422, submitted.status());

  await page.goto(origin + '/audit/1/case/' + encodeURIComponent(sampled[1]));
  await page.locator('input[name=csrf]').first().evaluate((e) => { e.value = 'from-another-session'; });
  [submitted] = await Promise.all([page.waitForNavigation(), page.locator('form.score button[value=stay]').click()]);
  await check(page, 'a form of another session', 403, submitted.status());

  await page.goto(origin + '/audit/1/inspector');
  await page.locator('input[name=inspector]').first().evaluate((e) => { e.value = 'Niemand'; e.checked = true; });
  [submitted] = await Promise.all([page.waitForNavigation(), page.locator('form button[type=submit]').click()]);
  await check(page, 'an inspector not on the audit', 422, submitted.status());
} finally {
  await context.close();
  server.kill('SIGTERM');
  await new Promise((resolve) => server.on('exit', resolve));
  rmSync(tmp, { recursive: true, force: true });
}

if (mode === 'axe') {
  for (const [id, v] of found) {
    console.log(`axe ${v.impact} ${id}: ${v.help} — ${v.pages.length} page(s), e.g. ${v.pages[0]}: ${v.nodes.slice(0, 3).join('; ')}`);
    if (v.impact === 'serious' || v.impact === 'critical') fail(`axe: ${v.impact} violation ${id}`);
  }
}
for (const f of failures) console.error('pages test: ' + f);
if (failures.length) process.exitCode = 1;
else console.log(`pages test (${mode}): ok`);
console.log(`pages test (${mode}): ${checked} pages checked` +
            (mode === 'axe' ? `, ${passes} rule checks passed, ${found.size} rule(s) violated` : ''));
