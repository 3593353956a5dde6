/**
 * npm run bench:vision [-- --load] — photo engines in Node and in headless Chromium (the production build), one row per
 * engine × backend × thread count: model load + warm-up, the first photo, per-photo inference and end-to-end time
 * (median, p95), the photo head's time when the worker reports it, the threads the app says it used, and the top-1 class
 * of one fixed photo (checked equal to the same engine's Node row — for LiteRT, the same network, node tfjs's; a mismatch
 * is marked ✗).
 * --load (or BENCH_LOAD=1) runs every row a second time beside a bounded CPU load (BENCH_LOAD_PROCS Node children,
 * default 1, each busy-looping on one core), so thread counts are measured when another process wants the CPU too.
 * Each Chromium row is also measured alone (tests/bench/model-lab: the engine loaded by the app's own code in a bare
 * module worker, the fixed photo, 12 tier-up passes (2 warm-up passes on GPU backends), then up to 30 timed passes;
 * BENCH_ALONE_LOADS page loads, default 3): the model's own time, without the app's decode, UI and follow-up work
 * beside it.
 * In the app, each row is BENCH_LOADS page loads (default 3) of the fixed photo + BENCH_PHOTOS photos each.
 * BENCH_PACE_MS=<ms> adds each photo that long after the previous one was suggested (a seller's pace: its JPEG copy,
 * barcode search and explicit check are done by then), instead of back-to-back (default 0: the next photo's inference
 * shares the CPU with the previous photo's follow-up work).
 * Writes tests/bench/results/vision.json and vision.md (vision-paced.* with a pace). Build first: `npx vite build` (DIST_DIR=dist-x for another folder).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { preview } from 'vite';
import { serveLab } from './lab-server.ts';
import type { AloneResult } from './model-lab/lab.worker.ts';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { MAX_PHOTOS } from '../../src/state/photo-set.svelte.ts';
import { classifyRgba } from '../../src/ml/classify-image.ts';
import { loadNodeEngine } from '../../src/ml/node-runtime.ts';
import { classLabel, suggestFromProbabilities } from '../../src/core/photo-suggest.ts';
import { median, p95, round } from './stats.ts';
import { parseCli } from '../../src/cli/args.ts';

const USAGE =
  'usage: npm run bench:vision -- [--load]   (BENCH_PHOTOS=<n>, BENCH_LOAD=1, BENCH_LOAD_PROCS=<n>, BENCH_ONLY=<regex over row names>, DIST_DIR, DATA_DIR, CHROMIUM_PATH)';
const { values } = parseCli({ usage: USAGE, options: { load: { type: 'boolean' } } });

/** Chromium rows: engine × backend × threads, as the app's Settings take them. Add a row here (e.g. LiteRT) and it runs in both passes. */
interface Config {
  name: string;
  engine: string;
  backend: string;
  threads: 'auto' | 1 | 2 | 4;
}
const CONFIGS: Config[] = [
  { name: 'tfjs wasm 1 thread', engine: 'tfjs', backend: 'wasm', threads: 1 },
  { name: 'tfjs wasm 2 threads', engine: 'tfjs', backend: 'wasm', threads: 2 },
  { name: 'tfjs webgl', engine: 'tfjs', backend: 'webgl', threads: 'auto' },
  { name: 'tfjs webgpu', engine: 'tfjs', backend: 'webgpu', threads: 'auto' },
  { name: 'onnx wasm 1 thread', engine: 'onnx', backend: 'wasm', threads: 1 },
  { name: 'onnx wasm 2 threads', engine: 'onnx', backend: 'wasm', threads: 2 },
  { name: 'onnx webgpu', engine: 'onnx', backend: 'webgpu', threads: 'auto' },
  { name: 'litert wasm 1 thread', engine: 'litert', backend: 'wasm', threads: 1 },
  { name: 'litert wasm 2 threads', engine: 'litert', backend: 'wasm', threads: 2 },
  { name: 'litert webgpu', engine: 'litert', backend: 'webgpu', threads: 'auto' },
];

const DATA = resolve(process.env.DATA_DIR ?? '../shared/data');
const FIXED = resolve(process.env.BENCH_FIXED_PHOTO ?? join(process.env.SHARED_MODELS_DIR ?? '../shared/models', 'samples', 'parrot.jpg'));
/** Photos after the fixed one: the app's listing holds MAX_PHOTOS, the fixed photo included (the Chromium rows add all to one listing). */
const N = Number(process.env.BENCH_PHOTOS ?? MAX_PHOTOS - 2);
if (N > MAX_PHOTOS - 1) throw new Error(`BENCH_PHOTOS=${N}: a listing holds ${MAX_PHOTOS} photos, the fixed photo included (at most ${MAX_PHOTOS - 1})`);
const LOAD = values.load || process.env.BENCH_LOAD === '1';
const LOAD_PROCS = Number(process.env.BENCH_LOAD_PROCS ?? 1);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 0);
const LOADS = Number(process.env.BENCH_LOADS ?? 3);
const ALONE_LOADS = Number(process.env.BENCH_ALONE_LOADS ?? 3);
const RESULT = PACE_MS ? 'vision-paced' : 'vision'; // results file: tests/bench/results/<RESULT>.json / .md
const manifest = JSON.parse(readFileSync(join(DATA, 'photos/manifest.json'), 'utf8')) as { file: string }[];
const step = Math.floor(manifest.length / N);
const photos = Array.from({ length: N }, (_, i) => join(DATA, 'photos', manifest[i * step].file));

interface Row {
  load: string;
  runtime: string;
  name: string;
  engine: string;
  backend: string;
  threads: number | null;
  loadMs: number;
  firstMs: number;
  inferMedian: number;
  inferP95: number;
  headMedian: number | null;
  e2eMedian: number;
  e2eP95: number;
  n: number;
  top1: string;
  top1Ok: boolean | null;
}
const rows: Row[] = [];
const ms = (xs: number[]) => ({ median: round(median(xs)), p95: round(p95(xs)) });
const labelOf = (i: number) => `${classLabel(i)} (${i})`;

async function nodeRows(load: string): Promise<void> {
  for (const engine of ['tfjs', 'onnx', 'litert'] as const) {
    const e = await loadNodeEngine(engine);
    const t0 = performance.now();
    const fixed = await classifyRgba(e.classifier, e.entry, await decodeImageFile(FIXED));
    const firstMs = performance.now() - t0;
    const infer: number[] = [];
    const e2e: number[] = [];
    for (const f of photos) {
      const s = performance.now();
      const { probs, ms: stage } = await classifyRgba(e.classifier, e.entry, await decodeImageFile(f));
      suggestFromProbabilities(probs);
      infer.push(stage.infer);
      e2e.push(performance.now() - s);
    }
    const top = fixed.probs.indexOf(Math.max(...fixed.probs));
    push({
      load,
      runtime: 'node',
      name: `node ${engine}`,
      engine,
      backend: e.classifier.backend,
      threads: 1,
      loadMs: round(e.loadMs),
      firstMs: round(firstMs),
      infer,
      e2e,
      head: [],
      top1: labelOf(top),
    });
    e.classifier.dispose();
  }
}

function push(
  r: Omit<Row, 'inferMedian' | 'inferP95' | 'headMedian' | 'e2eMedian' | 'e2eP95' | 'n' | 'top1Ok'> & { infer: number[]; e2e: number[]; head: number[] },
): void {
  const { infer, e2e, head, ...rest } = r;
  // LiteRT runs the same network as tfjs (Google's TFLite file): its top-1 must be node tfjs's
  const refEngine = r.engine === 'litert' ? 'tfjs' : r.engine;
  const ref = rows.find((x) => x.runtime === 'node' && x.engine === refEngine && x.load === r.load);
  const row: Row = {
    ...rest,
    inferMedian: ms(infer).median,
    inferP95: ms(infer).p95,
    headMedian: head.length ? ms(head).median : null,
    e2eMedian: ms(e2e).median,
    e2eP95: ms(e2e).p95,
    n: infer.length,
    top1Ok: ref && (r.runtime !== 'node' || refEngine !== r.engine) ? ref.top1 === r.top1 : null,
  };
  rows.push(row);
  console.log(JSON.stringify(row), row.top1Ok === false ? `✗ top-1 differs from node ${refEngine}: ${ref!.top1}` : '');
}

async function chromiumRows(browser: Browser, base: string, load: string): Promise<void> {
  for (const c of CONFIGS) {
    if (ONLY && !ONLY.test(c.name)) continue;
    const infer: number[] = [];
    const e2e: number[] = [];
    const head: number[] = [];
    const loads: number[] = [];
    const firsts: number[] = [];
    const top1s: string[] = [];
    let ran = '?';
    let threads: number | null = null;
    let failed = false;
    for (let l = 0; l < LOADS; l++) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      try {
        await context.addInitScript(
          (s) => localStorage.setItem('listing-assistant.settings.v1', JSON.stringify(s)),
          { engine: c.engine, backend: c.backend, threads: c.threads, checkExplicit: false }, // the explicit check would share the CPU
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
          console.log(`${c.name}: did not become ready (${await page.getByTestId('status').innerText()})`);
          failed = true;
          break;
        }
        loads.push(Date.now() - t0);
        const backendEl = page.getByTestId('backend');
        ran = ((await backendEl.textContent()) ?? '').split('·').pop()!.trim().split(/[\s,]/)[0];
        threads = Number(await backendEl.getAttribute('data-threads')) || null;
        for (const [i, f] of [FIXED, ...photos].entries()) {
          const s = Date.now();
          await page.getByTestId('photo-input').setInputFiles(f);
          const li = page.locator('ul[aria-label="Photos"] li').nth(i);
          await li.and(page.locator('.done, .error')).waitFor({ timeout: 120_000 });
          const wall = Date.now() - s;
          if (PACE_MS) await page.waitForTimeout(PACE_MS); // the seller's pace: this photo's follow-up work finishes first
          const stage = JSON.parse((await li.getAttribute('data-ms')) ?? 'null') as { infer: number; total: number; head?: number } | null;
          if (i === 0) {
            // the fixed photo: warm-up, and the top-1 every row must agree on
            firsts.push(wall);
            const top = JSON.parse((await li.getAttribute('data-top')) ?? '[]') as [number, number][];
            top1s.push(top.length ? labelOf(top[0][0]) : '?');
            continue;
          }
          if (!stage) continue;
          infer.push(stage.infer);
          e2e.push(stage.total);
          if (typeof stage.head === 'number') head.push(stage.head);
        }
      } finally {
        await context.close();
      }
    }
    if (failed || !infer.length) continue; // no row from part of its loads
    const top1 = top1s.every((t) => t === top1s[0]) ? top1s[0] : `${top1s.join(' / ')} (differs between loads)`;
    push({
      load,
      runtime: 'chromium',
      name: c.name,
      engine: c.engine,
      backend: ran,
      threads,
      loadMs: round(median(loads)),
      firstMs: round(median(firsts)),
      infer,
      e2e,
      head,
      top1,
    });
    if (ran !== c.backend) console.log(`  (${c.name}: asked for ${c.backend}, ran on ${ran})`);
  }
}

interface AloneRow {
  load: string;
  name: string;
  backend: string;
  threads: number;
  loadMs: number;
  firstMs: number;
  /** Median of the warm-up passes after the first (all loads): 12 tier-up passes on wasm, 2 on GPU backends. */
  warmMedian: number;
  median: number;
  p95: number;
  min: number;
  n: number;
  top1: string;
  top1Ok: boolean | null;
}
const alone: AloneRow[] = [];

/** Each Chromium row's engine alone in the model lab (tests/bench/model-lab), ALONE_LOADS page loads. */
async function aloneRows(browser: Browser, base: string, load: string): Promise<void> {
  for (const c of CONFIGS) {
    if (ONLY && !ONLY.test(c.name)) continue;
    const results: AloneResult[] = [];
    for (let l = 0; l < ALONE_LOADS; l++) {
      const page = await browser.newPage();
      try {
        await page.goto(`${base}/?engine=${c.engine}&backend=${c.backend}&threads=${c.threads}`);
        const out = page.locator('#out');
        await out.filter({ hasText: /"times"|"error"/ }).waitFor({ timeout: 300_000 });
        const r = JSON.parse(await out.innerText()) as AloneResult | { error: string };
        if ('error' in r) {
          console.log(`${c.name} alone: ${r.error}`);
          break;
        }
        results.push(r);
      } finally {
        await page.close();
      }
    }
    if (results.length < ALONE_LOADS) continue; // a failed load: no row (its message is above)
    const times = results.flatMap((r) => r.times);
    const medians = results.map((r) => median(r.times));
    const refEngine = c.engine === 'litert' ? 'tfjs' : c.engine;
    const ref = rows.find((x) => x.runtime === 'node' && x.engine === refEngine && x.load === load);
    const top1 = labelOf(results[0].top1);
    const row: AloneRow = {
      load,
      name: c.name,
      backend: results[0].backend,
      threads: results[0].threads,
      loadMs: round(median(results.map((r) => r.loadMs))),
      firstMs: round(median(results.map((r) => r.firstMs))),
      warmMedian: round(median(results.flatMap((r) => r.warmTimes))),
      median: round(median(medians)), // the median page load's median pass
      p95: round(p95(times)),
      min: round(Math.min(...times)),
      n: times.length,
      top1: results.every((r) => r.top1 === results[0].top1) ? top1 : `${top1} (differs between loads)`,
      top1Ok: ref ? ref.top1 === top1 && results.every((r) => r.top1 === results[0].top1) : null,
    };
    alone.push(row);
    console.log('alone', JSON.stringify(row));
  }
}

/** Busy-loops `n` Node children (one core each) until stopped: the "another process is busy" condition. */
function startLoad(n: number): ChildProcess[] {
  return Array.from({ length: n }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}

const server = await preview({ build: { outDir: process.env.DIST_DIR ?? 'dist' }, preview: { port: 4188, host: '127.0.0.1' }, logLevel: 'warn' });
const base = server.resolvedUrls!.local[0].replace(/\/$/, '');
const lab = await serveLab('model-lab', 4190, { 'fixed.jpg': FIXED }); // the app's runtime code, no app
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--enable-unsafe-webgpu'],
});
const passes = LOAD ? ['idle', `${LOAD_PROCS} busy core${LOAD_PROCS === 1 ? '' : 's'}`] : ['idle'];
for (const load of passes) {
  const hogs = load === 'idle' ? [] : startLoad(LOAD_PROCS);
  try {
    await nodeRows(load);
    await aloneRows(browser, lab.base, load);
    await chromiumRows(browser, base, load);
  } finally {
    for (const h of hogs) h.kill('SIGKILL');
  }
}
await browser.close();
server.httpServer.close();
lab.server.httpServer.close();

const cell = (x: number | null) => (x === null || Number.isNaN(x) ? '–' : String(x));
const md = [
  `Photos: ${photos.length} from ${join(DATA, 'photos')} (+ the fixed photo ${FIXED.split('/').pop()} first: warm-up and top-1 check), ` +
    `${PACE_MS ? `each added ${PACE_MS} ms after the previous one was suggested` : 'back-to-back'}, ${LOADS} page loads a Chromium row. Cores: ${cpus().length}. Times in ms; medians unless marked.`,
  '',
  `The model alone (tests/bench/model-lab: the app's runtime code in a bare worker, the fixed photo, 12 tier-up passes (2 warm-up passes on GPU), then up to 30 timed passes; ${ALONE_LOADS} page loads a row; median = the median load's median pass):`,
  '',
  '| CPU load | row | backend | threads | load | first pass | warm-up passes after the first (12 on wasm, 2 on GPU) | median | p95 | min | n | top-1 (fixed photo) |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...alone.map(
    (r) =>
      `| ${r.load} | ${r.name} | ${r.backend} | ${r.threads} | ${r.loadMs} | ${r.firstMs} | ${r.warmMedian} | ${r.median} | ${r.p95} | ${r.min} | ${r.n} | ${r.top1}${r.top1Ok === false ? ' ✗' : ''} |`,
  ),
  '',
  'In the app (the production build, a photo added through the file input; infer = the model and the photo head as the inference worker times them, end to end = photo in → suggestion out):',
  '',
  '| CPU load | runtime | row | backend | threads | load+warm-up | first photo | infer median | infer p95 | head median | end-to-end median | end-to-end p95 | n | top-1 (fixed photo) |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.load} | ${r.runtime} | ${r.name} | ${r.backend} | ${cell(r.threads)} | ${r.loadMs} | ${cell(r.firstMs)} | ${r.inferMedian} | ${r.inferP95} | ${cell(r.headMedian)} | ${r.e2eMedian} | ${r.e2eP95} | ${r.n} | ${r.top1}${r.top1Ok === false ? ' ✗' : ''} |`,
  ),
];
if (LOAD) {
  md.push('', '| row | infer median idle | infer median under load | slowdown |', '|---|---|---|---|');
  for (const r of rows.filter((x) => x.load === 'idle')) {
    const l = rows.find((x) => x.load !== 'idle' && x.name === r.name);
    if (l) md.push(`| ${r.name} | ${r.inferMedian} | ${l.inferMedian} | ×${round(l.inferMedian / r.inferMedian, 2)} |`);
  }
}
for (const load of passes) {
  const fastest = alone.filter((r) => r.load === load && r.top1Ok !== false).sort((a, b) => a.median - b.median)[0];
  if (!fastest) continue;
  md.push('', `${load}: fastest alone: ${fastest.name}, ${fastest.median} ms. End to end in the app ÷ the same row alone / ÷ its own infer in the app:`, '');
  md.push('| row | alone median | in-app infer median | end-to-end median | ÷ alone | ÷ in-app infer |', '|---|---|---|---|---|---|');
  for (const a of alone.filter((r) => r.load === load)) {
    const r = rows.find((x) => x.runtime === 'chromium' && x.load === load && x.name === a.name);
    if (r)
      md.push(
        `| ${a.name} | ${a.median} | ${r.inferMedian} | ${r.e2eMedian} | ×${round(r.e2eMedian / a.median, 2)} | ×${round(r.e2eMedian / r.inferMedian, 2)} |`,
      );
  }
}
const mismatches = [...rows, ...alone].filter((r) => r.top1Ok === false);
if (mismatches.length) md.push('', `Top-1 mismatches (✗): ${mismatches.map((r) => `${r.load}/${r.name}: ${r.top1}`).join('; ')}`);
mkdirSync('tests/bench/results', { recursive: true });
writeFileSync(
  `tests/bench/results/${RESULT}.json`,
  JSON.stringify(
    { date: new Date().toISOString(), photos: photos.length, loads: LOADS, aloneLoads: ALONE_LOADS, paceMs: PACE_MS, fixedPhoto: FIXED, passes, alone, rows },
    null,
    2,
  ),
);
writeFileSync(`tests/bench/results/${RESULT}.md`, md.join('\n') + '\n');
console.log('\n' + md.join('\n'));
process.exit(0);
