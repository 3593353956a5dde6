/**
 * npm run bench:startup — the production build ($DIST_DIR, default dist/) in headless Chromium, service worker on:
 * first visit until "Ready offline": bytes the server sent (on the wire, compressed as served) and their
 * uncompressed size, counted by a middleware in front of the preview server, and every URL the server had to
 * send more than once (a 304 revalidation, e.g. the browser's sw.js update check, sends no body and is counted apart); repeat visit (warm cache) time to interactive and until the first suggestion is possible,
 * online and offline; first-page JS gzipped; cross-origin requests. Medians over BENCH_RUNS fresh profiles
 * (default 5). Then the throttled profile (tests/bench/throttle.ts: 12 Mbit/s, 40 ms, CPU ×4) over BENCH_THROTTLED_RUNS
 * fresh profiles (default 3): a real photo added as soon as the page is interactive, photo → title shown and photo →
 * price shown on the first visit, and photo → price on a repeat visit (warm cache). BENCH_ONLY=throttled runs only the
 * throttled profile and keeps the other figures of the existing JSON. Writes tests/bench/results/startup.json.
 * Build first: `npx vite build --outDir dist-x`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { preview } from 'vite';
import { median, round } from './stats.ts';
import { countPerPath, wireCounter, type Hit } from './wire-counter.ts';
import { FOUR_G, networkShaper, PHOTO_TIMES_SCRIPT, photoTimes, throttleCpu } from './throttle.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DIST = resolve(process.env.DIST_DIR ?? 'dist');
const THROTTLED_RUNS = Number(process.env.BENCH_THROTTLED_RUNS ?? 3);
const ONLY_THROTTLED = process.env.BENCH_ONLY === 'throttled';
const OUT = process.env.BENCH_OUT ?? 'tests/bench/results/startup.json';
const DATA = resolve(process.env.DATA_DIR ?? '../shared/data');
/** A seller's photo (a garment on a plain background) from the clothing set. */
const PHOTO = process.env.BENCH_PHOTO ?? join(DATA, 'photos/clothing-dataset/images/83eaeb24-7b5c-4943-813f-d430237c577e.jpg');
const GOALS = { transferredMB: 15, uncompressedMB: 35, fetchedTwice: 0 };
const THROTTLED_GOALS = { firstPhotoToTitleMs: 1000, firstPhotoToPriceMs: 3000, repeatPhotoToPriceMs: 500 };
let hits: (Hit & { at: number })[] = [];
let shaping = false;

const server = await preview({
  build: { outDir: DIST },
  preview: { port: 4189, host: '127.0.0.1' },
  logLevel: 'warn',
  plugins: [wireCounter(DIST, (h) => hits.push({ ...h, at: Date.now() })), networkShaper(FOUR_G, () => shaping)],
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
  // Polled in the page every 10 ms: a locator's waitFor backs off to 500 ms between tries, which rounded these times up
  // by as much (a "Ready" at 1.05 s read as 1.5 s).
  await page.waitForFunction(() => !!document.querySelector('[data-testid="photo-input"]'), undefined, { polling: 10, timeout: 300_000 });
  const interactive = Date.now() - t0;
  await page.waitForFunction(
    ([src, flags]) => new RegExp(src, flags).test(document.querySelector('[data-testid="status"]')?.textContent ?? ''),
    [waitFor.source, waitFor.flags] as const,
    { polling: 10, timeout: 300_000 },
  );
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
for (let i = 0; i < (ONLY_THROTTLED ? 0 : RUNS); i++) {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  context.on('request', (r) => {
    if (!r.url().startsWith(origin) && !/^(data|blob):/.test(r.url())) foreign.push(r.url());
  });
  hits = [];
  first.push((await visit(context, /Ready offline/)).ready);
  lastFirstVisit = hits;
  wire.push(hits.reduce((n, h) => n + h.wire, 0));
  raw.push(hits.reduce((n, h) => n + h.raw, 0));
  const perPath = countPerPath(hits.filter((x) => x.status !== 304));
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

/**
 * One throttled visit: the photo goes in as soon as the page is interactive (or, with photoWhenReady, once the status
 * says Ready: photo model, head and price models loaded); resolves once title and price are shown.
 */
async function throttledVisit(context: BrowserContext, waitReadyOffline: boolean, photoWhenReady = false) {
  const page = await context.newPage();
  await throttleCpu(page, FOUR_G);
  // A new listing each visit: the repeat visit would otherwise reopen the last draft, title and price already filled.
  await page.addInitScript(() => localStorage.removeItem('listing-assistant.current-draft'));
  const t0 = Date.now();
  await page.goto(base + '/');
  await page.getByTestId('photo-input').waitFor({ state: 'attached' });
  const interactive = Date.now() - t0;
  if (photoWhenReady)
    await page
      .getByTestId('status')
      .filter({ hasText: /^Ready/ })
      .waitFor({ timeout: 300_000 });
  await page.getByTestId('photo-input').setInputFiles(PHOTO);
  const times = await photoTimes(page);
  const data = JSON.parse((await page.locator('ul[aria-label="Photos"] li').first().getAttribute('data-ms')) ?? 'null') as { infer?: number } | null;
  if (waitReadyOffline)
    await page
      .getByTestId('status')
      .filter({ hasText: /Ready offline/ })
      .waitFor({ timeout: 600_000 });
  await page.close();
  return { interactive, ...times, inferMs: data?.infer ?? NaN, t0 };
}

const thr = {
  tti: [] as number[],
  title: [] as number[],
  price: [] as number[],
  infer: [] as number[],
  repTitle: [] as number[],
  repPrice: [] as number[],
  readyTitle: [] as number[],
  readyPrice: [] as number[],
  readyInfer: [] as number[],
  firstReadyTitle: [] as number[],
  firstReadyPrice: [] as number[],
};
let fetchOrder: string[] = [];
for (let i = 0; i < THROTTLED_RUNS; i++) {
  shaping = true;
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  await context.addInitScript(PHOTO_TIMES_SCRIPT);
  hits = [];
  const f = await throttledVisit(context, true);
  fetchOrder = hits
    .filter((h) => h.wire > 50_000)
    .map((h) => `${h.path} ${round(h.wire / 1e6, 2)} MB done at ${h.at - f.t0} ms`)
    .slice(0, 16);
  const r = await throttledVisit(context, false);
  const w = await throttledVisit(context, false, true);
  await context.close();
  // A second first visit, the photo added once the status says Ready (photo model, photo head and price models
  // loaded; the issue measured "title 0.3 s, price 28.6 s" this way when Ready meant the photo model alone).
  const context2 = await browser.newContext({ serviceWorkers: 'allow' });
  await context2.addInitScript(PHOTO_TIMES_SCRIPT);
  const fw = await throttledVisit(context2, false, true);
  await context2.close();
  thr.firstReadyTitle.push(fw.photoToTitleMs);
  thr.firstReadyPrice.push(fw.photoToPriceMs);
  shaping = false;
  thr.tti.push(f.interactive);
  thr.title.push(f.photoToTitleMs);
  thr.price.push(f.photoToPriceMs);
  thr.infer.push(f.inferMs);
  thr.repTitle.push(r.photoToTitleMs);
  thr.repPrice.push(r.photoToPriceMs);
  thr.readyTitle.push(w.photoToTitleMs);
  thr.readyPrice.push(w.photoToPriceMs);
  thr.readyInfer.push(w.inferMs);
  console.log(
    `throttled run ${i + 1}: first visit tti ${f.interactive} ms, photo → title ${f.photoToTitleMs} ms, → price ${f.photoToPriceMs} ms (infer ${f.inferMs} ms); photo once Ready → title ${fw.photoToTitleMs} ms, → price ${fw.photoToPriceMs} ms; ` +
      `repeat photo → title ${r.photoToTitleMs} ms, → price ${r.photoToPriceMs} ms; repeat, photo once Ready: → title ${w.photoToTitleMs} ms, ` +
      `→ price ${w.photoToPriceMs} ms (infer ${w.inferMs} ms)`,
  );
}
await browser.close();
server.httpServer.close();

const throttled = THROTTLED_RUNS
  ? {
      profile: FOUR_G,
      runs: THROTTLED_RUNS,
      photo: PHOTO.replace(DATA, '$DATA_DIR'),
      network: 'shaped at the preview server: one shared downlink for every connection (service worker and workers too), latency before each first byte',
      cpu: 'CDP Emulation.setCPUThrottlingRate on the page (Chromium throttles the renderer main thread; worker inference ms below show what the workers got)',
      firstVisit: { interactiveMs: median(thr.tti), photoToTitleMs: median(thr.title), photoToPriceMs: median(thr.price), photoInferMs: median(thr.infer) },
      /** First visit, the photo added once the status says Ready (photo model, head and price models loaded). */
      firstVisitPhotoWhenReady: { photoToTitleMs: median(thr.firstReadyTitle), photoToPriceMs: median(thr.firstReadyPrice) },
      repeatVisit: { photoToTitleMs: median(thr.repTitle), photoToPriceMs: median(thr.repPrice) },
      /** Repeat visit, the photo added once the status says Ready (models loaded): the app's own share of the wait. */
      repeatVisitPhotoWhenReady: { photoToTitleMs: median(thr.readyTitle), photoToPriceMs: median(thr.readyPrice), photoInferMs: median(thr.readyInfer) },
      goals: THROTTLED_GOALS,
      meetsGoals:
        median(thr.title) <= THROTTLED_GOALS.firstPhotoToTitleMs &&
        median(thr.price) <= THROTTLED_GOALS.firstPhotoToPriceMs &&
        median(thr.repPrice) <= THROTTLED_GOALS.repeatPhotoToPriceMs,
      lastFirstVisitFetches: fetchOrder,
      samples: thr,
    }
  : undefined;
if (ONLY_THROTTLED) {
  const old = existsSync(OUT) ? (JSON.parse(readFileSync(OUT, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(OUT, JSON.stringify({ ...old, throttled, throttledDate: new Date().toISOString() }, null, 2));
  console.log(JSON.stringify(throttled, null, 2));
  process.exit(0);
}

const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const scripts = [...new Set([...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]))];
const firstPageJsGz = scripts.reduce((n, s) => n + gzipSync(readFileSync(join(DIST, s.replace(/^\//, '')))).length, 0);
foreign = [...new Set(foreign)];
const largest = [...lastFirstVisit]
  .sort((a, b) => b.wire - a.wire)
  .slice(0, 8)
  .map((h) => `${h.path} ${round(h.wire / 1e6, 2)} MB (${round(h.raw / 1e6, 2)} MB raw)`);
/** Every file of the last first visit, largest uncompressed first: where the uncompressed budget goes. */
const firstVisitFiles = [...lastFirstVisit].sort((a, b) => b.raw - a.raw).map((h) => `${h.path} ${round(h.raw / 1e6, 3)} MB raw`);
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
  firstVisitFiles,
  repeatOnline: { interactiveMs: median(warmTti), firstSuggestionReadyMs: median(warmReady) },
  repeatOffline: { interactiveMs: median(offTti), firstSuggestionReadyMs: median(offReady) },
  firstPageJsKBgz: round(firstPageJsGz / 1024),
  crossOriginRequests: foreign.length,
  foreign,
  throttled,
};
mkdirSync('tests/bench/results', { recursive: true });
writeFileSync(OUT, JSON.stringify(result, null, 2));
console.log(JSON.stringify(result, null, 2));
process.exit(0);
