/**
 * npm run bench:startup — the production build in headless Chromium (service worker on):
 * first visit until "Ready offline" and bytes downloaded; repeat visit (warm cache) time to interactive and
 * until the first suggestion is possible, online and offline; first-page JS gzipped; cross-origin requests.
 * Medians over RUNS fresh profiles. Writes tests/bench/results/startup.json. Run `npm run build` first.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { preview } from 'vite';
import { median, round } from './stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const server = await preview({ preview: { port: 4189, host: '127.0.0.1' }, logLevel: 'warn' });
const base = server.resolvedUrls!.local[0].replace(/\/$/, '');
const origin = new URL(base).origin;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking'] });

async function visit(context: BrowserContext, waitFor: RegExp) {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(base + '/');
  await page.getByTestId('photo-input').waitFor({ state: 'attached' });
  const interactive = Date.now() - t0;
  await page.getByTestId('status').filter({ hasText: waitFor }).waitFor({ timeout: 300_000 });
  const ready = Date.now() - t0;
  await page.close();
  return { interactive, ready };
}

const first: number[] = [], bytes: number[] = [], warmTti: number[] = [], warmReady: number[] = [], offTti: number[] = [], offReady: number[] = [];
let foreign: string[] = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  let b = 0;
  const pending: Promise<void>[] = [];
  context.on('requestfinished', (r) => {
    if (!r.url().startsWith(origin)) foreign.push(r.url());
    pending.push(r.sizes().then((s) => { b += s.responseBodySize + s.responseHeadersSize; }).catch(() => {}));
  });
  first.push((await visit(context, /Ready offline/)).ready);
  await Promise.all(pending);
  bytes.push(b);
  const warm = await visit(context, /^Ready · /);
  warmTti.push(warm.interactive); warmReady.push(warm.ready);
  await context.setOffline(true);
  const off = await visit(context, /^Ready · /);
  offTti.push(off.interactive); offReady.push(off.ready);
  await context.close();
  console.log(`run ${i + 1}: first ${first.at(-1)} ms, ${(b / 1e6).toFixed(1)} MB; warm tti ${warm.interactive} ready ${warm.ready}; offline tti ${off.interactive} ready ${off.ready}`);
}
await browser.close();
server.httpServer.close();

const html = readFileSync('dist/index.html', 'utf8');
const scripts = [...new Set([...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]))];
const firstPageJsGz = scripts.reduce((n, s) => n + gzipSync(readFileSync(join('dist', s.replace(/^\//, '')))).length, 0);
foreign = [...new Set(foreign)];
const result = {
  date: new Date().toISOString(), runs: RUNS,
  firstVisitReadyOfflineMs: median(first), firstVisitMB: round(median(bytes) / 1e6, 2),
  repeatOnline: { interactiveMs: median(warmTti), firstSuggestionReadyMs: median(warmReady) },
  repeatOffline: { interactiveMs: median(offTti), firstSuggestionReadyMs: median(offReady) },
  firstPageJsKBgz: round(firstPageJsGz / 1024), crossOriginRequests: foreign.length, foreign,
};
mkdirSync('tests/bench/results', { recursive: true });
writeFileSync('tests/bench/results/startup.json', JSON.stringify(result, null, 2));
console.log(JSON.stringify(result, null, 2));
process.exit(0);
