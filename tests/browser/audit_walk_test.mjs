// Browser test: a whole audit run from Debian's headless Chromium, from an empty workspace
// with one organisation. Anna creates the audit, uploads the delivery, draws three cases and
// scores them; Bram scores the same cases blind; a difference is reconciled on the
// disagreements page; the audit goes to concept;
// a response of the organisation is recorded and decided; final; the PDF downloads.
// usage: node audit_walk_test.mjs VTAUDIT_BIN SOURCE_DIR OUTPUT_DIR (screenshots go to OUTPUT_DIR)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [bin, src, out] = process.argv.slice(2);
const tmp = mkdtempSync(join(tmpdir(), 'vtaudit-walk-'));
const db = join(tmp, 'workspace.sqlite');
mkdirSync(out, { recursive: true });
const cli = (...args) =>
  execFileSync(bin, ['--db', db, ...args], { cwd: src, encoding: 'utf8' });

function fail(message) {
  console.error('audit walk: ' + message);
  process.exitCode = 1;
}

cli('org', 'add', 'VT01', 'Voorbeeldregio 01');

const server = spawn(bin, ['--db', db, 'serve', '--port', '0'],
                     { cwd: src, stdio: ['pipe', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  server.stdout.on('data', (chunk) => {
    const line = String(chunk).split('\n').map((l) => l.trim()).find(Boolean);
    if (line) resolve(line);
  });
  server.on('exit', (code) => reject(new Error('vtaudit serve exited with ' + code)));
});
const origin = new URL(url).origin;

const context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1100, height: 900 },
  acceptDownloads: true,
});
let step = 0;
try {
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  const shot = (name) => page.screenshot({
    path: join(out, `walk-${String(++step).padStart(2, '0')}-${name}.png`), fullPage: true });
  // Submits the form `button` is in and waits for the page it leads to.
  const submit = (button) => Promise.all([page.waitForNavigation(), page.locator(button).click()]);
  const expectText = async (text, what) => {
    if (!(await page.content()).includes(text)) fail(`${what}: no "${text}" on ${page.url()}`);
  };

  // 1. A new audit, from the start page.
  await page.goto(url);
  await Promise.all([page.waitForNavigation(), page.locator('a[href="/audit/new"]').click()]);
  await page.selectOption('#org', 'VT01');
  await page.fill('#period', '2025');
  await page.selectOption('#framework', 'file:toetsingskader-veilig-thuis-2025.xml');
  await page.fill('#inspectors', 'Anna\nBram');
  await shot('new-audit');
  await submit('form button[type=submit]');
  if (!page.url().endsWith('/audit/1?created=1')) fail('not on the new audit: ' + page.url());

  // 2. Who works: Anna.
  await page.goto(origin + '/audit/1/inspector');
  await page.check('input[value="Anna"]');
  await submit('form button[type=submit]');

  // 3. The delivery, uploaded.
  await page.goto(origin + '/audit/1/import');
  await page.setInputFiles('#delivery', join(src, 'tests/data/extracts/hand.csv'));
  await submit('form button[type=submit]');
  await expectText('Ingelezen: 12 rijen; 12 nieuw', 'the import');
  await shot('imported');

  // 4. The draw: three cases of the twelve.
  await page.goto(origin + '/audit/1/draw');
  await expectText('waarop een dossiercriterium van toepassing is', 'the population');
  await page.fill('#size', '3');
  await page.fill('#seed', 'walk');
  await submit('form button[type=submit]');
  await shot('sample');
  const cases = await page.locator('table a[href*="/case/"]').evaluateAll(
    (links) => links.map((a) => a.getAttribute('href')));
  if (cases.length !== 3) fail(`${cases.length} cases sampled, expected 3`);

  // Scores every criterion of a case or the organisation page with its first choice, but
  // `second` (a criterion's position) with its second one.
  const scoreAll = async (path, second = -1) => {
    await page.goto(origin + path);
    const sets = page.locator('fieldset.criterion');
    const n = await sets.count();
    for (let i = 0; i < n; ++i) await sets.nth(i).locator('input[type=radio]').nth(i === second ? 1 : 0).check();
    await submit('button[value="stay"]');
    return n;
  };

  // 5. Anna scores the three cases and the organisation criteria.
  for (const c of cases) await scoreAll(c);
  await scoreAll('/audit/1/organisation');
  await page.goto(origin + cases[0]);
  await shot('anna-case');

  // 6. Bram, blind: Anna's scores stay hidden until he has scored; he differs on the first
  // criterion of the first case.
  await page.goto(origin + '/audit/1/inspector');
  await page.check('input[value="Bram"]');
  await submit('form button[type=submit]');
  await page.goto(origin + cases[0]);
  if ((await page.locator('p.others').count()) !== 0) fail('Bram sees other scores before scoring');
  await shot('bram-blind');
  for (const [i, c] of cases.entries()) await scoreAll(c, i === 0 ? 0 : -1);
  await page.goto(origin + cases[0]);
  if ((await page.locator('p.others').count()) === 0) fail('Bram does not see Anna\'s scores after scoring');

  // 7. The difference, reconciled on the disagreements page (Bram, who scored it too): the
  // agreed result and the reason as typed; the agreement page shows it.
  await page.goto(origin + '/audit/1/disagreements');
  await shot('disagreements');
  const reconcile = page.locator('form.reconcile').first();
  const criterion = await reconcile.locator('input[name=criterion]').getAttribute('value');
  if ((await reconcile.count()) === 0) fail('no disagreement to reconcile');
  await reconcile.locator('input[name=result][value=voldoet]').check();
  await reconcile.locator('textarea[name=reason]').fill('besproken: "eens" & akkoord + één');
  await Promise.all([page.waitForNavigation(), reconcile.locator('button[type=submit]').click()]);
  const strings = [];
  JSON.parse(cli('score', 'history', '--audit', '1', '--all', '--json'), (k, v) => {
    if (typeof v === 'string') strings.push(v);
    return v;
  });
  if (!strings.includes('besproken: "eens" & akkoord + één')) fail('the reason is not kept exactly');
  await page.goto(origin + '/audit/1/agreement');
  await expectText('afgestemd: voldoet', 'the agreement');
  await shot('agreement');

  // 8. To concept, with its confirmation step.
  await page.goto(origin + '/audit/1/state');
  await shot('state-draft');
  await submit('form[method=get] button');
  await expectText('Weet u het zeker?', 'the confirmation');
  await submit('form[method=post] button[type=submit]');
  await expectText('<strong>concept voor hoor en wederhoor</strong>', 'the state after the move');
  await shot('state-concept');

  // 9. Hoor en wederhoor: a response, recorded and accepted.
  const response = 'Wij herkennen de bevinding & passen het protocol aan.\nZie "bijlage 2" — coördinator';
  await page.goto(origin + '/audit/1/responses');
  await page.selectOption('#criterion', criterion);
  await page.fill('#text', response);
  await page.fill('#source', 'brief van de bestuurder');
  await page.fill('#received', '2026-01-06');
  await submit('form:has(input[value="add"]) button[type=submit]');
  await expectText('6 januari 2026', 'the date received');
  await page.check('input[value="accepted"]');
  await page.locator('details textarea').fill('terecht');
  await submit('details form button[type=submit]');
  await shot('responses');
  const stored = JSON.parse(cli('response', 'list', '--audit', '1', '--json'));
  if (stored.length !== 1 || stored[0].text !== response || stored[0].decision !== 'accepted') {
    fail('the response was stored as ' + JSON.stringify(stored));
  }

  // 10. Final.
  await page.goto(origin + '/audit/1/state?to=final');
  await submit('form[method=post] button[type=submit]');
  await expectText('<strong>definitief</strong>', 'the final state');
  await shot('state-final');

  // 11. The versions and the PDF.
  await page.goto(origin + '/audit/1/versions');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('a[href$="/report.pdf"]', { hasText: 'als PDF downloaden' }).click(),
  ]);
  const pdfPath = join(tmp, 'report.pdf');
  await download.saveAs(pdfPath);
  const pdf = readFileSync(pdfPath);
  if (!pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) fail('the download is no PDF');
  if (pdf.length < 20000) fail(`the PDF is only ${pdf.length} bytes`);
  await page.goto(origin + '/audit/1/versions');
  await expectText('/audit/1/version/2/pdf/nl', 'the final version\'s PDF');
  await shot('versions');
  console.log(`audit walk: PDF of ${pdf.length} bytes`);

  if (problems.length) fail('console errors: ' + problems.join('; '));
} catch (e) {
  fail(`step ${step}: ${e.stack || e}`);
} finally {
  await context.close();
  server.kill('SIGTERM');
  await new Promise((resolve) => server.on('exit', resolve));
  rmSync(tmp, { recursive: true, force: true });
}
if (!process.exitCode) console.log('audit walk: ok, screenshots in ' + out);
