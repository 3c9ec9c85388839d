// Slow clients must not starve the others (slowloris). `vtaudit serve` runs with its
// defaults (16 workers, 5 s for a request's headers) while 24 connections trickle their
// headers in, one byte a second, and open again as soon as the server closes them. Meanwhile
// the inspector's browser asks for the start page once a second: each answer must come
// within 3 s, and each trickling connection must be closed (408) within the header timeout
// plus a margin.
// usage: node slow_clients.mjs VTAUDIT_BIN SOURCE_DIR [LIMIT_MS]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [bin, src, limitArg] = process.argv.slice(2);
const limitMs = Number(limitArg || 3000);
const drips = 24;          // more than the 16 workers
const headerTimeoutMs = 5000;
const marginMs = 2500;     // the server's check interval, a loaded machine
const runMs = 13000;       // two header timeouts and more
const tmp = mkdtempSync(join(tmpdir(), 'vtaudit-slow-'));
const db = join(tmp, 'workspace.sqlite');
const env = { ...process.env };
delete env.VTAUDIT_INSPECTOR;
execFileSync(bin, ['--db', db, 'org', 'list'], { cwd: src, env });  // creates the workspace
let failures = 0;
function fail(message) {
  console.error('slow clients test: ' + message);
  failures++;
}

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
const { origin, port } = new URL(url);
const login = await fetch(url, { redirect: 'manual' });
const cookie = login.headers.get('set-cookie').split(';')[0];

// One trickling client: a request line, then header bytes one a second, for ever.
let stopping = false;
const closed = [];  // { lifeMs, reply }
function drip() {
  const opened = Date.now();
  const socket = connect(Number(port), '127.0.0.1');
  const header = `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`;
  const trickle = 'X-Slow: 1\r\n';
  let reply = '';
  let i = 0;
  let timer;
  socket.on('connect', () => {
    socket.write(header);
    timer = setInterval(() => socket.write(trickle[i++ % trickle.length]), 1000);
  });
  socket.on('data', (d) => { reply += d; });
  socket.on('error', () => {});
  socket.on('close', () => {
    clearInterval(timer);
    if (stopping) return;
    closed.push({ lifeMs: Date.now() - opened, reply });
    drip();
  });
  return socket;
}
const sockets = [];
for (let n = 0; n < drips; n++) sockets.push(drip());
await new Promise((r) => setTimeout(r, 1500));  // all of them connected and trickling

// A page on a connection of its own, as a new tab or a browser whose idle connections were
// closed: a connection kept alive from earlier would not show the queue.
function page(path) {
  return new Promise((resolve, reject) => {
    const request = get(origin + path, { agent: false, headers: { cookie }, timeout: limitMs }, (r) => {
      let body = '';
      r.on('data', (d) => { body += d; });
      r.on('end', () => resolve({ status: r.statusCode, body }));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
  });
}

const times = [];
const started = Date.now();
while (Date.now() - started < runMs) {
  const t0 = Date.now();
  try {
    const r = await page('/');
    if (r.status !== 200 || !r.body.includes('vtaudit audit new')) fail(`start page: status ${r.status}`);
    times.push(Date.now() - t0);
  } catch (e) {
    times.push(Date.now() - t0);
    fail(`no answer within ${limitMs} ms (${e.message})`);
    break;
  }
  await new Promise((r) => setTimeout(r, 1000));
}
stopping = true;

server.kill('SIGTERM');
await new Promise((resolve) => server.on('exit', resolve));
for (const s of sockets) s.destroy();

if (closed.length < drips) fail(`only ${closed.length} of ${drips} trickling connections were closed`);
const longest = Math.max(0, ...closed.map((c) => c.lifeMs));
if (longest > headerTimeoutMs + marginMs) fail(`a trickling connection lived ${longest} ms`);
const timedOut = closed.filter((c) => c.reply.startsWith('HTTP/1.1 408 ')).length;
if (timedOut === 0) fail('no trickling connection was told 408');
const slowest = Math.max(...times);
if (slowest > limitMs) fail(`a start page took ${slowest} ms`);
const sorted = [...times].sort((a, b) => a - b);
console.log(`slow clients test: ${drips} trickling connections; ${times.length} start pages, ` +
            `median ${sorted[sorted.length >> 1]} ms, slowest ${slowest} ms (limit ${limitMs}); ` +
            `${closed.length} trickling connections closed after at most ${longest} ms, ` +
            `${timedOut} with 408`);
rmSync(tmp, { recursive: true, force: true });
console.log(failures ? 'slow clients: 0 passed, 1 failed' : 'slow clients: 1 passed, 0 failed');
process.exit(failures ? 1 : 0);
