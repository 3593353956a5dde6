/**
 * npm run bench:vision — photo engines in Node and in headless Chromium (wasm, webgl, webgpu):
 * model load, warm-up, per-photo inference and end-to-end suggestion (median, p95 over ≥ 30 real photos).
 * Writes tests/bench/results/vision.json and vision.md. Needs `npm run build` first for the browser part.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { classifyRgba } from '../../src/ml/classify-image.ts';
import { loadNodeEngine } from '../../src/ml/node-runtime.ts';
import { suggestFromProbabilities } from '../../src/core/photo-suggest.ts';
import { median, p95, round } from './stats.ts';
import { parseCli } from '../../src/cli/args.ts';

parseCli({ usage: 'usage: npm run bench:vision   (BENCH_PHOTOS=<n>, DATA_DIR=<folder>, CHROMIUM_PATH=<path>)', options: {} });

const DATA = resolve(process.env.DATA_DIR ?? '../shared/data');
const N = Number(process.env.BENCH_PHOTOS ?? 30);
const manifest = JSON.parse(readFileSync(join(DATA, 'photos/manifest.json'), 'utf8')) as { file: string }[];
const step = Math.floor(manifest.length / N);
const photos = Array.from({ length: N }, (_, i) => join(DATA, 'photos', manifest[i * step].file));

interface Row {
  runtime: string;
  engine: string;
  backend: string;
  loadMs: number;
  firstMs: number;
  inferMedian: number;
  inferP95: number;
  e2eMedian: number;
  e2eP95: number;
  ratio: number;
  n: number;
}
const rows: Row[] = [];

// --- Node ---------------------------------------------------------------------------------------------
for (const engine of ['tfjs', 'onnx'] as const) {
  const e = await loadNodeEngine(engine);
  const infer: number[] = [];
  const e2e: number[] = [];
  let first = NaN;
  for (const [i, f] of photos.entries()) {
    const t0 = performance.now();
    const img = await decodeImageFile(f);
    const { probs, ms } = await classifyRgba(e.classifier, e.entry, img);
    suggestFromProbabilities(probs);
    const total = performance.now() - t0;
    if (i === 0) {
      first = total;
      continue;
    } // warm-up photo reported separately
    infer.push(ms.infer);
    e2e.push(total);
  }
  rows.push({
    runtime: 'node',
    engine,
    backend: e.classifier.backend,
    loadMs: round(e.loadMs),
    firstMs: round(first),
    inferMedian: round(median(infer)),
    inferP95: round(p95(infer)),
    e2eMedian: round(median(e2e)),
    e2eP95: round(p95(e2e)),
    ratio: round(median(e2e) / median(infer), 2),
    n: infer.length,
  });
  console.log(JSON.stringify(rows.at(-1)));
}

// --- Chromium ----------------------------------------------------------------------------------------
const server = await preview({ preview: { port: 4188, host: '127.0.0.1' }, logLevel: 'warn' });
const base = server.resolvedUrls!.local[0].replace(/\/$/, '');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--enable-unsafe-webgpu'],
});
const configs: [string, string][] = [
  ['tfjs', 'wasm'],
  ['tfjs', 'webgl'],
  ['tfjs', 'webgpu'],
  ['onnx', 'wasm'],
  ['onnx', 'webgpu'],
];
for (const [engine, backend] of configs) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript(
    ([en, be]) => localStorage.setItem('listing-assistant.settings.v1', JSON.stringify({ engine: en, backend: be })),
    [engine, backend],
  );
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(base + '/');
  try {
    await page
      .getByTestId('status')
      .filter({ hasText: /^Ready/ })
      .waitFor({ timeout: 180_000 });
  } catch {
    console.log(`${engine}/${backend}: did not become ready`);
    await context.close();
    continue;
  }
  const loadMs = Date.now() - t0;
  const ran = (await page.getByTestId('backend').innerText()).split('·').pop()!.trim().split(/\s/)[0];
  const infer: number[] = [];
  const e2e: number[] = [];
  let first = NaN;
  for (const [i, f] of photos.entries()) {
    const s = Date.now();
    await page.getByTestId('photo-input').setInputFiles(f);
    const li = page.locator('ul[aria-label="Photos"] li').nth(i);
    await li.and(page.locator('.done, .error')).waitFor({ timeout: 120_000 });
    const wall = Date.now() - s;
    const ms = JSON.parse((await li.getAttribute('data-ms')) ?? 'null');
    if (!ms) continue;
    if (i === 0) {
      first = wall;
      continue;
    }
    infer.push(ms.infer);
    e2e.push(ms.total);
  }
  rows.push({
    runtime: 'chromium',
    engine,
    backend: ran,
    loadMs,
    firstMs: first,
    inferMedian: round(median(infer)),
    inferP95: round(p95(infer)),
    e2eMedian: round(median(e2e)),
    e2eP95: round(p95(e2e)),
    ratio: round(median(e2e) / median(infer), 2),
    n: infer.length,
  });
  console.log(JSON.stringify(rows.at(-1)), ran !== backend ? `(asked for ${backend}, fell back to ${ran})` : '');
  await context.close();
}
await browser.close();
server.httpServer.close();

mkdirSync('tests/bench/results', { recursive: true });
const md = [
  '| runtime | engine | backend | load+warm-up ms | first photo ms | infer median | infer p95 | end-to-end median | end-to-end p95 | e2e / infer | n |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.runtime} | ${r.engine} | ${r.backend} | ${r.loadMs} | ${r.firstMs} | ${r.inferMedian} | ${r.inferP95} | ${r.e2eMedian} | ${r.e2eP95} | ${r.ratio} | ${r.n} |`,
  ),
].join('\n');
writeFileSync('tests/bench/results/vision.json', JSON.stringify({ date: new Date().toISOString(), photos: photos.length, rows }, null, 2));
writeFileSync('tests/bench/results/vision.md', md + '\n');
console.log('\n' + md);
process.exit(0);
