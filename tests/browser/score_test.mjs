// Browser test: a workspace with an audit made with the vtaudit CLI, `vtaudit serve --port 0`,
// and Debian's headless Chromium scoring one sampled case with the keyboard only.
// usage: node score_test.mjs VTAUDIT_BIN SOURCE_DIR OUTPUT_DIR (screenshots go to OUTPUT_DIR)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [bin, src, out] = process.argv.slice(2);
const tmp = mkdtempSync(join(tmpdir(), 'vtaudit-browser-'));
const db = join(tmp, 'workspace.sqlite');
mkdirSync(out, { recursive: true });
const cli = (...args) =>
  execFileSync(bin, ['--db', db, ...args], { cwd: src, encoding: 'utf8' });

function fail(message) {
  console.error('browser test: ' + message);
  process.exitCode = 1;
}

cli('org', 'add', 'VT01', 'Voorbeeldregio 01');
cli('cases', 'import', '--org', 'VT01', 'tests/data/extracts/hand.csv');
cli('audit', 'new', '--org', 'VT01', '--period', '2025', '--framework',
    'checklists/toetsingskader-veilig-thuis-2025.xml', '--inspector', 'Anna');
cli('sample', 'draw', '--audit', '1', '--size', '4', '--seed', '1');

const server = spawn(bin, ['--db', db, 'serve', '--port', '0', '--inspector', 'Anna'],
                     { cwd: src, stdio: ['pipe', 'pipe', 'inherit'] });
// The links `vtaudit serve` prints: the first at start, one more for each Enter.
const links = [];
let linkWaiter = null;
server.stdout.on('data', (chunk) => {
  links.push(...String(chunk).split('\n').map((l) => l.trim()).filter(Boolean));
  if (linkWaiter) linkWaiter();
});
const nthLink = (n) => new Promise((resolve, reject) => {
  const check = () => { if (links.length > n) resolve(links[n]); };
  linkWaiter = check;
  server.on('exit', (code) => reject(new Error('vtaudit serve exited with ' + code)));
  check();
});
const url = await nthLink(0);
const origin = new URL(url).origin;
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                      '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: chromiumArgs,
  viewport: { width: 1100, height: 900 },
  acceptDownloads: true,
});
try {
  const page = context.pages()[0] || await context.newPage();
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(origin)) external.push(r.url()); });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });

  await page.goto(url);
  if (new URL(page.url()).search.includes('token')) fail('the token stays in the address bar');
  await page.screenshot({ path: join(out, 'browser-audits.png'), fullPage: true });

  await page.goto(origin + '/audit/1/judgement');
  const before = await page.locator('.level').allTextContents();

  await page.goto(origin + '/audit/1');
  await page.screenshot({ path: join(out, 'browser-sample.png'), fullPage: true });
  const firstCase = await page.locator('table a').first().getAttribute('href');
  await page.goto(origin + firstCase);
  // Keyboard only from here: the script focuses the first criterion; 1 = voldoet, moving on.
  const criteria = await page.locator('fieldset.criterion').count();
  if (criteria === 0) fail('no criteria on the scoring page');
  for (let i = 0; i < criteria; ++i) await page.keyboard.press(i === 1 ? '2' : '1');
  await page.screenshot({ path: join(out, 'browser-case.png'), fullPage: true });
  const focused = await page.evaluate(() => document.activeElement.textContent);
  if (!/Opslaan en volgende/.test(focused)) fail('focus is not on "Opslaan en volgende": ' + focused);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  if (page.url() === origin + firstCase) fail('"opslaan en volgende" stayed on the same case');

  await page.goto(origin + firstCase);
  const checked = await page.locator('input[type=radio]:checked').count();
  if (checked !== criteria) fail(`${checked} of ${criteria} criteria saved`);

  // A note typed in the browser reaches the record, the JSON and the report byte for byte:
  // '+', '&', '=', '%', quotes, a line break, diacritics and an emoji.
  const typed = 'ernst + aard (zie verslag 3 & 4) a=b 100% "dubbel" \'enkel\'\nregel twee: coördinatie, één, café 😀';
  await page.goto(origin + firstCase);
  await page.locator('fieldset.criterion textarea').first().focus();
  const [line1, line2] = typed.split('\n');
  await page.keyboard.type(line1);
  await page.keyboard.press('Enter');
  await page.keyboard.type(line2);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Control+Enter')]);
  const caseId = decodeURIComponent(firstCase.split('/').pop());
  const shown = JSON.parse(cli('score', 'show', '--audit', '1', '--all', '--json'));
  const notes = shown.scores.filter((s) => s.case_id === caseId && s.note !== '').map((s) => s.note);
  if (notes.length !== 1 || notes[0] !== typed) fail('the note was stored as ' + JSON.stringify(notes));
  const reportJson = join(tmp, 'report.json');
  cli('report', '--audit', '1', '--format', 'json', '--output', reportJson);
  if (!readFileSync(reportJson, 'utf8').includes(JSON.stringify(typed))) {
    fail('the report does not carry the note as typed');
  }
  // Ctrl+Enter saved like "Opslaan en volgende"; back to the case to see the note again.
  await page.goto(origin + firstCase);
  if ((await page.locator('fieldset.criterion textarea').first().inputValue()) !== typed) {
    fail('the page does not show the note as typed: ' + JSON.stringify(await page.locator('fieldset.criterion textarea').first().inputValue()));
  }

  await page.goto(origin + '/audit/1/judgement');
  const after = await page.locator('.level').allTextContents();
  if (JSON.stringify(before) === JSON.stringify(after)) fail('the judgement did not change');
  await page.screenshot({ path: join(out, 'browser-judgement.png'), fullPage: true });

  await page.goto(origin + '/audit/1/organisation');
  await page.screenshot({ path: join(out, 'browser-organisation.png'), fullPage: true });
  await page.goto(origin + '/audit/1/timeliness?lang=en');
  await page.screenshot({ path: join(out, 'browser-timeliness-en.png'), fullPage: true });

  // The report: previewed in the browser, then downloaded as PDF from the audit's menu.
  await page.goto(origin + '/audit/1/report');
  const preview = await page.content();
  // The session switched to English on the timeliness page above.
  if (!/Inspection report Veilig Thuis/.test(preview)) fail('no report preview: ' + preview.slice(0, 400));
  await page.screenshot({ path: join(out, 'browser-report.png') });
  await page.goto(origin + '/audit/1');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('a[href$="/report.pdf"]').click(),
  ]);
  const pdfPath = join(tmp, 'report.pdf');
  await download.saveAs(pdfPath);
  if (!readFileSync(pdfPath).subarray(0, 5).equals(Buffer.from('%PDF-'))) fail('the download is no PDF');
  if (!/^rapport-.*\.pdf$/.test(download.suggestedFilename())) {
    fail('unexpected file name ' + download.suggestedFilename());
  }

  // A second tab of the same browser shares its session: no link needed.
  const tab = await context.newPage();
  await tab.goto(origin + '/audit/1');
  if (!(await tab.content()).includes('VT01')) fail('a second tab was not let in');
  await tab.close();
  // A second browser (another profile) cannot use the link the first one used; Enter in the
  // terminal of `vtaudit serve` prints a new link, which lets it in.
  const other = await chromium.launchPersistentContext(join(tmp, 'profile-2'), {
    executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
  try {
    const page2 = other.pages()[0] || await other.newPage();
    const refused = await page2.goto(url);
    if (refused.status() !== 403 || !(await page2.content()).includes('This link has been used')) {
      fail(`the used link again, in another browser: ${refused.status()}`);
    }
    server.stdin.write('\n');
    const second = await nthLink(1);
    if (second === url) fail('Enter printed the same link');
    await page2.goto(second);
    if (!(await page2.content()).includes('VT01')) fail('the new link did not let the second browser in');
    const cookies = await other.cookies(origin);
    const session = cookies.find((c) => c.name === 'vtaudit_session_' + new URL(origin).port);
    if (!session || !session.httpOnly || session.sameSite !== 'Strict' || session.expires <= 0) {
      fail('the session cookie: ' + JSON.stringify(cookies));
    }
  } finally {
    await other.close();
  }

  if (external.length) fail('requests outside the app: ' + external.join(', '));
  if (problems.length) fail('console errors: ' + problems.join('; '));
} finally {
  await context.close();
  server.kill('SIGTERM');
  await new Promise((resolve) => server.on('exit', resolve));
  rmSync(tmp, { recursive: true, force: true });
}
if (!process.exitCode) console.log('browser test: ok, screenshots in ' + out);
