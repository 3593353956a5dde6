/**
 * npm run bench:startup — the production build ($DIST_DIR, default dist/) in headless Chromium, service worker on:
 * first visit until "Ready offline": bytes the server sent (on the wire, compressed as served) and their
 * uncompressed size, counted by a middleware in front of the preview server, and every URL the server had to
 * send more than once (a 304 revalidation, e.g. the browser's sw.js update check, sends no body and is counted apart); repeat visit (warm cache) time to interactive and until the first suggestion is possible,
 * online and offline; first-page JS gzipped; cross-origin requests. Medians over BENCH_RUNS fresh profiles
 * (default 5). Writes tests/bench/results/startup.json. Build first: `npx vite build --outDir dist-x`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { preview } from 'vite';
import { median, round } from './stats.ts';
import { wireCounter, type Hit } from './wire-counter.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DIST = resolve(process.env.DIST_DIR ?? 'dist');
const GOALS = { transferredMB: 15, uncompressedMB: 35, fetchedTwice: 0 };
let hits: Hit[] = [];

const server = await preview({
  build: { outDir: DIST },
  preview: { port: 4189, host: '127.0.0.1' },
  logLevel: 'warn',
  plugins: [wireCounter(DIST, (h) => hits.push(h))],
});
const base = server.resolvedUrls!.local[0].replace(/\/$/, '');
const origin = new URL(base).origin;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking'],
});

async function visit(context: BrowserContext, waitFor: RegExp) {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(base + '/');
  await page.getByTestId('photo-input').waitFor({ state: 'attached' });
  const interactive = Date.now() - t0;
  await page.getByTestId('status').filter({ hasText: waitFor }).waitFor({ timeout: 300_000 });
  const ready = Date.now() - t0;
  await page.waitForTimeout(1000); // anything still in flight after the pill turned is counted too
  await page.close();
  return { interactive, ready };
}

const first: number[] = [],
  wire: number[] = [],
  raw: number[] = [],
  warmTti: number[] = [],
  warmReady: number[] = [],
  offTti: number[] = [],
  offReady: number[] = [];
const twice = new Set<string>();
const revalidated: number[] = [];
let foreign: string[] = [];
let lastFirstVisit: Hit[] = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  context.on('request', (r) => {
    if (!r.url().startsWith(origin) && !/^(data|blob):/.test(r.url())) foreign.push(r.url());
  });
  hits = [];
  first.push((await visit(context, /Ready offline/)).ready);
  lastFirstVisit = hits;
  wire.push(hits.reduce((n, h) => n + h.wire, 0));
  raw.push(hits.reduce((n, h) => n + h.raw, 0));
  const perPath = new Map<string, number>();
  for (const h of hits.filter((x) => x.status !== 304)) perPath.set(h.path, (perPath.get(h.path) ?? 0) + 1);
  revalidated.push(hits.filter((x) => x.status === 304).length);
  for (const [p, n] of perPath) if (n > 1) twice.add(`${p} ×${n}`);
  const warm = await visit(context, /^Ready · /);
  warmTti.push(warm.interactive);
  warmReady.push(warm.ready);
  await context.setOffline(true);
  const off = await visit(context, /^Ready · /);
  offTti.push(off.interactive);
  offReady.push(off.ready);
  await context.close();
  console.log(
    `run ${i + 1}: first ${first.at(-1)} ms, ${(wire.at(-1)! / 1e6).toFixed(1)} MB on the wire (${(raw.at(-1)! / 1e6).toFixed(1)} MB uncompressed), ${[...perPath.values()].filter((n) => n > 1).length} URL(s) twice; warm tti ${warm.interactive} ready ${warm.ready}; offline tti ${off.interactive} ready ${off.ready}`,
  );
}
await browser.close();
server.httpServer.close();

const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const scripts = [...new Set([...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]))];
const firstPageJsGz = scripts.reduce((n, s) => n + gzipSync(readFileSync(join(DIST, s.replace(/^\//, '')))).length, 0);
foreign = [...new Set(foreign)];
const largest = [...lastFirstVisit]
  .sort((a, b) => b.wire - a.wire)
  .slice(0, 8)
  .map((h) => `${h.path} ${round(h.wire / 1e6, 2)} MB (${round(h.raw / 1e6, 2)} MB raw)`);
const result = {
  date: new Date().toISOString(),
  runs: RUNS,
  dist: DIST,
  firstVisitReadyOfflineMs: median(first),
  firstVisitTransferredMB: round(median(wire) / 1e6, 2),
  firstVisitUncompressedMB: round(median(raw) / 1e6, 2),
  fetchedMoreThanOnce: [...twice].sort(),
  /** 304 answers (the browser's sw.js update checks): no body, not a second download. */
  revalidatedNotModified: median(revalidated),
  goals: GOALS,
  meetsGoals: median(wire) / 1e6 <= GOALS.transferredMB && median(raw) / 1e6 <= GOALS.uncompressedMB && twice.size === 0,
  firstVisitLargest: largest,
  repeatOnline: { interactiveMs: median(warmTti), firstSuggestionReadyMs: median(warmReady) },
  repeatOffline: { interactiveMs: median(offTti), firstSuggestionReadyMs: median(offReady) },
  firstPageJsKBgz: round(firstPageJsGz / 1024),
  crossOriginRequests: foreign.length,
  foreign,
};
mkdirSync('tests/bench/results', { recursive: true });
writeFileSync(process.env.BENCH_OUT ?? 'tests/bench/results/startup.json', JSON.stringify(result, null, 2));
console.log(JSON.stringify(result, null, 2));
process.exit(0);
