/**
 * npx tsx tests/bench/decode.ts — the photo model's decode in headless Chromium (a module worker, the app's own
 * src/workers/decode-blob.ts): a full decode (`decodeBlob`, createImageBitmap) vs `decodeForModel` (WebCodecs'
 * ImageDecoder at a reduced JPEG scale for photos whose short side is over 2 × 448 px), each followed by the model's
 * 224 px centre crop, on phone-size JPEGs (BENCH_PHOTOS real evaluation photos resized to 4032×3024 by sharp, quality 90,
 * plus every real ≥ 1500 px photo of $DATA_DIR/barcodes/quagga2). Medians over 5 rounds per photo, and how far the two crops
 * differ (mean absolute difference per channel, 0–255). Writes tests/bench/results/decode.json.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { median, round } from './stats.ts';

const DATA = resolve(process.env.DATA_DIR ?? '../shared/data');
const N = Number(process.env.BENCH_PHOTOS ?? 8);
const manifest = JSON.parse(readFileSync(join(DATA, 'photos/manifest.json'), 'utf8')) as { file: string }[];
const step = Math.floor(manifest.length / N);
const photos: { name: string; bytes: Buffer }[] = [];
for (let i = 0; i < N; i++) {
  const f = join(DATA, 'photos', manifest[i * step].file);
  photos.push({ name: `${manifest[i * step].file} → 4032×3024`, bytes: await sharp(f).resize(4032, 3024, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer() });
}
const quagga = join(DATA, 'barcodes/quagga2');
for (const dir of readdirSync(quagga, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)) {
  for (const f of readdirSync(join(quagga, dir)).filter((x) => /\.jpe?g$/i.test(x))) {
    const m = await sharp(join(quagga, dir, f)).metadata();
    if (Math.min(m.width ?? 0, m.height ?? 0) >= 1500)
      photos.push({ name: `barcodes/quagga2/${dir}/${f} (${m.width}×${m.height})`, bytes: readFileSync(join(quagga, dir, f)) });
  }
}

const server = await createServer({ root: resolve('tests/bench/decode'), server: { port: 4193, host: '127.0.0.1' }, logLevel: 'warn' });
await server.listen();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
await page.goto('http://127.0.0.1:4193/');
const rows: { photo: string; fullMs: number; modelMs: number; speedup: number; decodedSide: number; cropDiff: number }[] = [];
for (const p of photos) {
  const r = await page.evaluate(
    async (b64) => (window as unknown as { bench(b: string): Promise<{ full: number[]; model: number[]; side: number; diff: number }> }).bench(b64),
    p.bytes.toString('base64'),
  );
  rows.push({
    photo: p.name,
    fullMs: round(median(r.full), 1),
    modelMs: round(median(r.model), 1),
    speedup: round(median(r.full) / median(r.model), 2),
    decodedSide: r.side,
    cropDiff: round(r.diff, 2),
  });
  console.log(JSON.stringify(rows.at(-1)));
}
await browser.close();
await server.close();
const out = {
  date: new Date().toISOString(),
  note: 'ms = decode + the 224 px centre crop, in a module worker; medians of 5 rounds; cropDiff = mean |Δ| per channel between the two crops',
  medianFullMs: round(median(rows.map((r) => r.fullMs)), 1),
  medianModelMs: round(median(rows.map((r) => r.modelMs)), 1),
  medianSpeedup: round(median(rows.map((r) => r.speedup)), 2),
  rows,
};
console.log(
  `decode + crop, median over ${rows.length} phone-size photos: full ${out.medianFullMs} ms, for the model ${out.medianModelMs} ms (${out.medianSpeedup}×)`,
);
mkdirSync('tests/bench/results', { recursive: true });
writeFileSync('tests/bench/results/decode.json', JSON.stringify(out, null, 1) + '\n');
