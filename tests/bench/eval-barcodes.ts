/**
 * Barcode read-rate benchmark over ../shared/data/barcodes/manifest.json (EAN/UPC only; Code 128 skipped).
 *   npm run eval:barcodes -- [--decoders zxing,quagga,hybrid] [--set ean13-4] [--limit N] [--dump stages.json]
 *                            [--negatives N]   (also decode every k-th of the photos in DATA_DIR/photos, N in all:
 *                                               none has a retail barcode, so any code found there is a false read)
 * Correct = the first code returned is the expected GTIN (or an alt_expected one) and no other code is wrong;
 * wrong (misread) = any returned code that is neither; miss = no code. Writes tests/bench/results/barcodes.json.
 */
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { describeGtin, type GtinFormat } from '../../src/core/gtin.ts';
import { createNodeDecoder } from '../../src/ml/barcode/node.ts';
import type { DecodeResult } from '../../src/ml/barcode/types.ts';
import { parseCli } from '../../src/cli/args.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = resolve(root, process.env.DATA_DIR ?? '../shared/data', 'barcodes');

export interface Entry {
  file: string;
  format: string;
  expected: string;
  source: string;
  set: string;
  kind: string;
  alt_expected?: string[];
}
type Outcome = 'correct' | 'wrong' | 'miss';

const USAGE = 'usage: npm run eval:barcodes -- [--decoders zxing,quagga,hybrid] [--set ean13-4] [--limit N] [--dump stages.json] [--negatives N]';
const cliOptions = {
  decoders: { type: 'string' },
  set: { type: 'string' },
  limit: { type: 'string' },
  dump: { type: 'string' },
  negatives: { type: 'string' },
} as const;
const arg = (name: keyof typeof cliOptions): string | undefined => parseCli({ usage: USAGE, options: cliOptions }).values[name];

export function judge(e: Entry, r: DecodeResult): Outcome {
  const ok = new Set([e.expected, ...(e.alt_expected ?? [])].map((x) => describeGtin(x, e.format as GtinFormat).gtin13));
  if (r.codes.length === 0) return 'miss';
  if (r.codes.some((c) => !ok.has(c.gtin13))) return 'wrong';
  return 'correct';
}

interface Tally {
  n: number;
  correct: number;
  wrong: number;
  miss: number;
}
const tally = (): Tally => ({ n: 0, correct: 0, wrong: 0, miss: 0 });
const add = (t: Tally, o: Outcome) => {
  t.n++;
  t[o]++;
};
const pct = (t: Tally) => (t.n ? Math.round((1000 * t.correct) / t.n) / 10 : 0);
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))] * 10) / 10 : 0;
};

async function main() {
  const names = (arg('decoders') ?? 'zxing,quagga,hybrid').split(',');
  const limit = Number(arg('limit') ?? Infinity);
  const setFilter = arg('set');
  const dumpPath = arg('dump');
  const manifest: Entry[] = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8'));
  const entries = manifest.filter((e) => e.format !== 'code_128' && (!setFilter || e.set === setFilter)).slice(0, limit);
  const decoders = await Promise.all(names.map((n) => createNodeDecoder(n)));

  const per: Record<
    string,
    { all: Tally; photo: Tally; bySet: Record<string, Tally>; byFormat: Record<string, Tally>; byStage: Record<string, number>; ms: number[]; wrong: string[] }
  > = {};
  for (const n of names) per[n] = { all: tally(), photo: tally(), bySet: {}, byFormat: {}, byStage: {}, ms: [], wrong: [] };
  const dump: unknown[] = [];

  for (const [i, e] of entries.entries()) {
    const img = await decodeImageFile(join(dataDir, e.file), 1600);
    const row: Record<string, unknown> = {
      file: e.file,
      expected: describeGtin(e.expected, e.format as GtinFormat).gtin13,
      alt: (e.alt_expected ?? []).map((x) => describeGtin(x).gtin13),
      set: `${e.source}/${e.set}`,
      kind: e.kind,
    };
    for (const [k, dec] of decoders.entries()) {
      const name = names[k];
      const r = await dec.decode(img, { exhaustive: name === 'exhaustive' });
      const o = judge(e, r);
      const p = per[name];
      add(p.all, o);
      if (e.kind === 'photo') add(p.photo, o);
      add((p.bySet[`${e.source}/${e.set}`] ??= tally()), o);
      add((p.byFormat[e.format] ??= tally()), o);
      p.ms.push(r.ms);
      if (o === 'correct') {
        const stage = r.codes[0].confirmed_by;
        p.byStage[stage] = (p.byStage[stage] ?? 0) + 1;
      }
      if (o === 'wrong') p.wrong.push(`${e.file}: expected ${e.expected}, got ${r.codes.map((c) => `${c.text} (${c.confirmed_by})`).join(', ')}`);
      row[name] = { outcome: o, ms: Math.round(r.ms * 10) / 10, codes: r.codes };
      if (name === 'exhaustive')
        row.stages = r.stages?.map((s) => ({
          stage: s.stage,
          ms: Math.round(s.ms * 10) / 10,
          reads: s.reads.map((x) => ({ gtin13: describeGtin(x.text, x.format).gtin13, q: Math.round(x.quality * 100) / 100 })),
        }));
    }
    dump.push(row);
    if ((i + 1) % 25 === 0)
      process.stderr.write(`${i + 1}/${entries.length} ${names.map((n) => `${n} ${pct(per[n].all)}%/${per[n].all.wrong}w`).join('  ')}\n`);
  }

  const summary = Object.fromEntries(
    names.map((n) => {
      const p = per[n];
      const sets = Object.fromEntries(Object.entries(p.bySet).map(([k, t]) => [k, { ...t, rate: pct(t) }]));
      const formats = Object.fromEntries(Object.entries(p.byFormat).map(([k, t]) => [k, { ...t, rate: pct(t) }]));
      return [
        n,
        {
          all: { ...p.all, rate: pct(p.all) },
          photo: { ...p.photo, rate: pct(p.photo) },
          median_ms: quantile(p.ms, 0.5),
          p95_ms: quantile(p.ms, 0.95),
          by_format: formats,
          by_set: sets,
          correct_by_stage: p.byStage,
          misreads: p.wrong,
        },
      ];
    }),
  );
  for (const n of names) {
    const s = summary[n] as { all: Tally & { rate: number }; photo: Tally & { rate: number }; median_ms: number; p95_ms: number };
    console.log(
      `${n.padEnd(10)} all ${s.all.correct}/${s.all.n} = ${s.all.rate}% (wrong ${s.all.wrong}, miss ${s.all.miss})  photos ${s.photo.correct}/${s.photo.n} = ${s.photo.rate}% (wrong ${s.photo.wrong})  median ${s.median_ms} ms  p95 ${s.p95_ms} ms`,
    );
  }
  const negatives = await runNegatives(Number(arg('negatives') ?? 0), names, decoders);
  const out = {
    date: new Date().toISOString(),
    data: dataDir,
    images: entries.length,
    skipped: 'code_128',
    node: process.version,
    command: `npm run eval:barcodes -- ${process.argv.slice(2).join(' ')}`.trim(),
    decoders: summary,
    negatives,
  };
  const resultPath = join(root, 'tests/bench/results/barcodes.json');
  if (!setFilter && !Number.isFinite(limit) && !names.includes('exhaustive')) {
    mkdirSync(dirname(resultPath), { recursive: true });
    writeFileSync(resultPath, `${JSON.stringify(out, null, 2)}\n`);
    console.log(`wrote ${resultPath}`);
  } else console.log(JSON.stringify(out.decoders, (k, v) => (k === 'by_set' || k === 'by_format' ? undefined : v), 1).slice(0, 4000));
  if (dumpPath) writeFileSync(dumpPath, JSON.stringify(dump));
}

/** Photos without barcodes (clothing, ImageNet samples, product shots): every code reported is a false read. */
async function runNegatives(n: number, names: string[], decoders: Awaited<ReturnType<typeof createNodeDecoder>>[]) {
  if (!n) return undefined;
  const photosDir = resolve(dataDir, '../photos');
  const all: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/\.(jpe?g|png|webp)$/i.test(e.name)) all.push(join(d, e.name));
    }
  };
  walk(photosDir);
  all.sort();
  const step = Math.max(1, Math.floor(all.length / n));
  const files = all.filter((_, i) => i % step === 0).slice(0, n);
  const res: Record<string, { images: number; with_codes: number; false_reads: string[]; median_ms: number }> = {};
  for (const [k, dec] of decoders.entries()) {
    const ms: number[] = [];
    const bad: string[] = [];
    for (const f of files) {
      const r = await dec.decode(await decodeImageFile(f, 1600));
      ms.push(r.ms);
      if (r.codes.length) bad.push(`${f.slice(photosDir.length + 1)}: ${r.codes.map((c) => `${c.text} (${c.confirmed_by})`).join(', ')}`);
    }
    res[names[k]] = { images: files.length, with_codes: bad.length, false_reads: bad, median_ms: quantile(ms, 0.5) };
    console.log(`negatives ${names[k].padEnd(8)} ${bad.length}/${files.length} photos without barcodes gave a code; median ${quantile(ms, 0.5)} ms`);
  }
  return { dir: photosDir, ...res };
}

// Only as a program (tests/models/gates.test.ts imports judge).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
