/**
 * npx tsx models/train/size-sweep.ts [--price-dims 65536,32768] [--category-dims 32768,16384] [--formats f16,int8]
 * Issue 13 (smaller listing models): retrains the price and category models with the shipped configuration at each
 * hash-bucket count and reports, per weight format, the exported model's bytes (raw and brotli) and hold-out metrics
 * (price RMSLE on both hold-outs; category top-1 full path, top-1/top-3 top level). Writes nothing under models/;
 * results go to tests/bench/results/listing-size-sweep.json (rows merged by model, dim and format).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { buildSplit, defaultDataDir } from './loaders.ts';
import { SHIPPED_PRICE_CONFIG, trainPriceModel } from './price-model.ts';
import { SHIPPED_CATEGORY_CONFIG, toTitled, trainCategoryModel } from './category-model.ts';
import { mlpToOnnx, storedValues, type WeightFormat } from './onnx-writer.ts';
import type { Mlp } from './sparse-mlp.ts';
import { categoryAccuracy, categoryTrainingRows, holdoutPriceRmsle } from './holdout-metrics.ts';
import { parseCli } from '../../src/cli/args.ts';

const { values: opts } = parseCli({
  usage: 'usage: npx tsx models/train/size-sweep.ts [--price-dims 65536,32768] [--category-dims 32768,16384] [--formats f16,int8]',
  options: {
    'price-dims': { type: 'string', default: '' },
    'category-dims': { type: 'string', default: '' },
    formats: { type: 'string', default: 'f16,int8' },
  },
});
const dims = (s: string) => s.split(',').filter(Boolean).map(Number);
const formats = opts.formats.split(',') as WeightFormat[];
const log = (m: string) => process.stderr.write(`${m}\n`);
const OUT = resolve(import.meta.dirname, '../../tests/bench/results/listing-size-sweep.json');

const stored = (m: Mlp, f: WeightFormat): Mlp => ({
  ...m,
  w1: storedValues(m.w1, m.dim, m.hidden, f),
  ...(m.wl ? { wl: storedValues(m.wl, m.dim, m.outputs, f) } : {}),
});
const sizes = (bytes: Uint8Array) => ({
  bytes: bytes.length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 } }).length,
});

type Row = Record<string, string | number>;
const rows: Row[] = existsSync(OUT) ? (JSON.parse(readFileSync(OUT, 'utf8')) as { rows: Row[] }).rows : [];
function record(r: Row): void {
  log(JSON.stringify(r));
  const i = rows.findIndex((x) => x.model === r.model && x.dim === r.dim && x.format === r.format);
  if (i >= 0) rows[i] = r;
  else rows.push(r);
  mkdirSync(resolve(OUT, '..'), { recursive: true });
  writeFileSync(OUT, JSON.stringify({ note: 'npx tsx models/train/size-sweep.ts; brotli quality 11, window 2^24', rows }, null, 1) + '\n');
}

const dataDir = defaultDataDir();
const split = buildSplit(dataDir);
for (const dim of dims(opts['price-dims'])) {
  const t0 = performance.now();
  const price = trainPriceModel(split.train, split.valid, { ...SHIPPED_PRICE_CONFIG, dim }, log);
  const trainS = Math.round((performance.now() - t0) / 1000);
  for (const f of formats) {
    const m = stored(price.model, f);
    record({
      model: 'price',
      dim,
      format: f,
      ...sizes(mlpToOnnx(price.model, { name: 'price', weights: f })),
      rmsleKaggle: +holdoutPriceRmsle(m, dim, split.holdoutKaggle).toFixed(4),
      rmsleSkill: +holdoutPriceRmsle(m, dim, split.holdoutSkill).toFixed(4),
      trainS,
    });
  }
}
if (dims(opts['category-dims']).length) {
  const cr = categoryTrainingRows(split, undefined, dataDir);
  for (const dim of dims(opts['category-dims'])) {
    const t0 = performance.now();
    const cat = trainCategoryModel(cr.train, toTitled(split.valid), { ...SHIPPED_CATEGORY_CONFIG, dim }, log);
    const trainS = Math.round((performance.now() - t0) / 1000);
    for (const f of formats) {
      const k = categoryAccuracy(stored(cat.model, f), cat.meta.classes, dim, split.holdoutKaggle);
      const s = categoryAccuracy(stored(cat.model, f), cat.meta.classes, dim, split.holdoutSkill);
      const p = (x: number) => +(x * 100).toFixed(1);
      record({
        model: 'category',
        dim,
        format: f,
        ...sizes(mlpToOnnx(cat.model, { name: 'category', softmax: true, weights: f })),
        kaggleFull: p(k.full),
        kaggleTop1: p(k.top),
        kaggleTop3: p(k.top3),
        skillFull: p(s.full),
        skillTop1: p(s.top),
        trainS,
      });
    }
  }
}
