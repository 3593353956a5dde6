/**
 * npx tsx tests/bench/vision-stages.ts — where the photo path's time goes in headless Chromium (tfjs, wasm): per photo
 * the worker's decode, preprocess (crop + pixels + colour statistics), infer (engine + photo head) and total, medians
 * over BENCH_PHOTOS real photos (default 15; each fresh profile first classifies a warm-up photo, not counted). DIST_DIR picks the build (default dist).
 * Writes tests/bench/results/vision-stages.json (BENCH_OUT to change).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { median, round } from './stats.ts';

const DATA = resolve(process.env.DATA_DIR ?? '../shared/data');
const N = Number(process.env.BENCH_PHOTOS ?? 15);
const DIST = resolve(process.env.DIST_DIR ?? 'dist');
const BACKEND = process.env.BENCH_BACKEND ?? 'wasm';
const manifest = JSON.parse(readFileSync(join(DATA, 'photos/manifest.json'), 'utf8')) as { file: string }[];
const step = Math.floor(manifest.length / N);
const photos = Array.from({ length: N }, (_, i) => join(DATA, 'photos', manifest[i * step].file));

const server = await preview({ build: { outDir: DIST }, preview: { port: 4191, host: '127.0.0.1' }, logLevel: 'warn' });
const base = server.resolvedUrls!.local[0].replace(/\/$/, '');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const stages: Record<'decode' | 'preprocess' | 'infer' | 'total', number[]> = { decode: [], preprocess: [], infer: [], total: [] };
// A listing holds at most 12 photos: a fresh profile per 11 photos, each batch after a warm-up photo (not counted).
for (let start = 0; start < photos.length; start += 11) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript((be) => localStorage.setItem('listing-assistant.settings.v1', JSON.stringify({ engine: 'tfjs', backend: be })), BACKEND);
  const page = await context.newPage();
  await page.goto(base + '/');
  await page
    .getByTestId('status')
    .filter({ hasText: /^Ready/ })
    .waitFor({ timeout: 180_000 });
  for (const [i, f] of [photos[0], ...photos.slice(start, start + 11)].entries()) {
    await page.getByTestId('photo-input').setInputFiles(f);
    const li = page.locator('ul[aria-label="Photos"] li').nth(i);
    await li.and(page.locator('.done, .error')).waitFor({ timeout: 120_000 });
    const ms = JSON.parse((await li.getAttribute('data-ms')) ?? 'null') as Record<keyof typeof stages, number> | null;
    if (!ms || i === 0) continue;
    for (const k of Object.keys(stages) as (keyof typeof stages)[]) stages[k].push(ms[k]);
  }
  await context.close();
}
await browser.close();
server.httpServer.close();
const med = Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, round(median(v))]));
const result = {
  date: new Date().toISOString(),
  dist: DIST,
  backend: BACKEND,
  photos: stages.total.length,
  median: med,
  ratio: round(median(stages.total) / median(stages.infer), 2),
  stages,
};
mkdirSync('tests/bench/results', { recursive: true });
writeFileSync(process.env.BENCH_OUT ?? 'tests/bench/results/vision-stages.json', JSON.stringify(result, null, 1) + '\n');
console.log(JSON.stringify({ ...result, stages: undefined }));
process.exit(0);
