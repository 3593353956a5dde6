/**
 * npm run bench:moderation — the explicit-photo check's cost in headless Chromium on the production build
 * ($DIST_DIR, default dist/; run `npm run build` first): ms per photo in the inference worker (decode + NSFW
 * model, photos added one at a time; the model's first load measured separately, from the first photo's suggestion to its score), and the bytes
 * it adds (model files, fetched on first use; the tfjs-layers chunk). Writes tests/bench/results/moderation-browser.json.
 */
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { median, round } from './stats.ts';

const outDir = process.env.DIST_DIR ?? 'dist';
const DIR = resolve(process.env.DATA_DIR ?? '../shared/data', 'photos-moderation');
const server = await preview({ build: { outDir }, preview: { port: 4189, strictPort: false, host: '127.0.0.1' }, logLevel: 'warn' });
const base = (server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4189/').replace(/\/$/, '');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
try {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const nsfwBytes: number[] = [];
  page.on('response', async (r) => {
    if (/\/models\/nsfw_/.test(r.url())) nsfwBytes.push((await r.body()).length);
  });
  await page.goto(base + '/');
  await page
    .getByTestId('status')
    .filter({ hasText: /^Ready/ })
    .waitFor({ timeout: 180_000 });
  const backend = await page
    .getByTestId('status')
    .innerText()
    .catch(() => '');
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.JPEG'))
    .sort();
  // First photo alone: time from its suggestion (title filled) to its explicit score = model download + load + one check.
  await page.getByTestId('photo-input').setInputFiles(join(DIR, files[0]));
  await page.waitForFunction(() => (document.querySelector('[data-testid="title"]') as HTMLInputElement | null)?.value !== '', null, { timeout: 120_000 });
  const t0 = Date.now();
  await page.waitForSelector('li[data-explicit]', { timeout: 120_000 });
  const firstMs = Date.now() - t0;
  // Then one photo at a time, so each check runs alone in the worker (not interleaved with the next suggestion).
  for (let i = 1; i < files.length; i++) {
    await page.getByTestId('photo-input').setInputFiles(join(DIR, files[i]));
    await page.waitForFunction((n) => document.querySelectorAll('li[data-explicit-ms]').length === n, i + 1, { timeout: 120_000 });
  }
  const ms = (await page.locator('li[data-explicit-ms]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-explicit-ms'))))).slice(1);
  const layers = readdirSync(join(outDir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(outDir, 'assets', f))
    .find((f) => /\/lazy-tfjs-layers-[\w-]+\.js$/.test(f) && readFileSync(f, 'utf8').includes('loadLayersModel'));
  const result = {
    backend,
    photos: ms.length,
    msPerPhotoMedian: round(median(ms), 1),
    msPerPhoto: ms.map((x) => round(x, 1)),
    firstCheckAfterSuggestionMs: firstMs,
    modelBytesFetchedOnFirstUse: nsfwBytes.reduce((a, b) => a + b, 0),
    layersChunk: layers ? { file: layers.split('/').pop(), bytes: statSync(layers).size, gzipBytes: gzipSync(readFileSync(layers)).length } : null,
  };
  console.log(JSON.stringify(result, null, 1));
  mkdirSync('tests/bench/results', { recursive: true });
  writeFileSync('tests/bench/results/moderation-browser.json', JSON.stringify(result, null, 1) + '\n');
} finally {
  await browser.close();
  await new Promise<void>((r) => server.httpServer.close(() => r()));
}
