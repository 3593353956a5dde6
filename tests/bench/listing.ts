/**
 * npm run bench:listing — our price and category ONNX models in headless Chromium, in a module worker, per
 * execution provider (WASM, WebGPU): median ms per prediction after warm-up, over BENCH_RUNS page loads
 * (default 3) × 300 predictions each (40 on WebGPU). Served by the Vite dev server (tests/bench/listing/index.html), models
 * from public/models. Writes tests/bench/results/listing.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import type { BenchResult } from './listing/bench.worker.ts';
import { median, p95, round } from './stats.ts';
import { parseCli } from '../../src/cli/args.ts';

parseCli({ usage: 'usage: npm run bench:listing   (BENCH_RUNS=<n>, CHROMIUM_PATH=<path>)', options: {} });

const root = resolve(import.meta.dirname, '../..');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const server = await createServer({ root, server: { port: 4189, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
await server.listen();
const base = server.resolvedUrls!.local[0].replace(/\/$/, '');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--enable-unsafe-webgpu'],
});

const out: Record<string, unknown> = {};
try {
  for (const ep of ['wasm', 'webgpu']) {
    const runs: BenchResult[] = [];
    let error: string | null = null;
    for (let i = 0; i < RUNS && !error; i++) {
      const page = await browser.newPage();
      // Software WebGPU (SwiftShader, the only adapter on a GPU-less machine) takes ~0.25 s a prediction: fewer runs.
      await page.goto(`${base}/tests/bench/listing/index.html?ep=${ep}&runs=${ep === 'wasm' ? 300 : 40}`);
      await page.waitForFunction(() => window.benchResult, null, { timeout: 300_000 });
      const r = await page.evaluate(() => window.benchResult!);
      await page.close();
      if ('error' in r) error = r.error;
      else runs.push(r);
    }
    if (error) {
      out[ep] = { error };
      console.log(`${ep}: ${error}`);
      continue;
    }
    const all = (k: 'priceMs' | 'categoryMs') => runs.flatMap((r) => r[k]);
    const perRun = (k: 'priceMs' | 'categoryMs') => runs.map((r) => round(median(r[k]), 3));
    out[ep] = {
      adapter: runs[0].adapter,
      runs: runs.length,
      predictionsPerRun: runs[0].runs,
      loadMsMedian: round(median(runs.map((r) => r.loadMs))),
      price: { medianMs: round(median(all('priceMs')), 3), p95Ms: round(p95(all('priceMs')), 3), perRunMedians: perRun('priceMs') },
      category: { medianMs: round(median(all('categoryMs')), 3), p95Ms: round(p95(all('categoryMs')), 3), perRunMedians: perRun('categoryMs') },
    };
    console.log(`${ep}${runs[0].adapter ? ` (${runs[0].adapter})` : ''}: ${JSON.stringify(out[ep])}`);
  }
  const w = out.wasm as { price: { medianMs: number }; category: { medianMs: number } } | undefined;
  const g = out.webgpu as { price?: { medianMs: number }; category?: { medianMs: number } } | undefined;
  if (w && g?.price && g.category)
    out.webgpuOverWasm = { price: round(g.price.medianMs / w.price.medianMs, 2), category: round(g.category.medianMs / w.category.medianMs, 2) };
  if (w?.price)
    console.log(
      `median ms per prediction — wasm: price ${w.price.medianMs}, category ${w.category.medianMs}; budget 5 ms${out.webgpuOverWasm ? `; webgpu/wasm ${JSON.stringify(out.webgpuOverWasm)}` : ''}`,
    );
  mkdirSync(resolve(root, 'tests/bench/results'), { recursive: true });
  writeFileSync(
    resolve(root, 'tests/bench/results/listing.json'),
    JSON.stringify({ date: new Date().toISOString(), chromium: browser.version(), ...out }, null, 1) + '\n',
  );
  console.log('wrote tests/bench/results/listing.json');
} finally {
  await browser.close();
  await server.close();
}
