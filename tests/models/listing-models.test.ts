/**
 * The committed price and category models: files exist (a missing file FAILS, never skips), fit the 2.5 MiB
 * budget (int4 first layers, issue 13: they were 4.2 MB each as float16, 2.3 MB as int8; 1.5 MiB keeps a first visit
 * with the LiteRT default under its 35 MB), and onnxruntime-web in Node reproduces the
 * trainer's own predictions of the stored (dequantised) weights (models/price/golden.json and models/category/golden.json,
 * written by npm run train from hold-out rows) to 1e-4.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListingModels } from '../../src/ml/listing-models.ts';
import { AppError } from '../../src/core/errors.ts';
import type { ListingInput } from '../../src/core/text-features.ts';

const dir = resolve(import.meta.dirname, '../../models');
const FILES = [
  'price/price.onnx',
  'price/price.json',
  'price/golden.json',
  'price/CARD.md',
  'category/category.onnx',
  'category/category.json',
  'category/golden.json',
  'category/CARD.md',
];
const MAX_BYTES = 1.5 * 1024 * 1024;
const read = (p: string) => readFileSync(resolve(dir, p));

describe('committed listing model files', () => {
  for (const f of FILES) it(`${f} exists`, () => expect(existsSync(resolve(dir, f)), `${f} is missing: run npm run train`).toBe(true));
  for (const f of ['price/price.onnx', 'category/category.onnx'])
    it(`${f} is ≤ 1.5 MiB`, () => expect(statSync(resolve(dir, f)).size).toBeLessThanOrEqual(MAX_BYTES));
});

describe('ONNX in Node = trainer (golden)', () => {
  let models: ListingModels;
  beforeAll(async () => {
    models = await ListingModels.create({
      price: { model: new Uint8Array(read('price/price.onnx')), meta: read('price/price.json').toString() },
      category: { model: new Uint8Array(read('category/category.onnx')), meta: read('category/category.json').toString() },
    });
  });
  afterAll(async () => models?.release());

  it('price: log1p output matches on the golden hold-out rows', async () => {
    const golden = JSON.parse(read('price/golden.json').toString()) as { row: ListingInput; log1pPrice: number }[];
    expect(golden.length).toBeGreaterThanOrEqual(20);
    for (const g of golden) expect(Math.abs((await models.predictLogPrice(g.row)) - g.log1pPrice)).toBeLessThan(1e-4);
  });

  it('category: probabilities match on the golden titles', async () => {
    const golden = JSON.parse(read('category/golden.json').toString()) as { text: string; brand?: string | null; probs: number[] }[];
    expect(golden.length).toBeGreaterThanOrEqual(20);
    expect(golden.filter((g) => g.brand).length).toBeGreaterThanOrEqual(3); // the brand features are checked too
    for (const g of golden) {
      const p = await models.categoryProbs(g.text, g.brand);
      expect(p.length).toBe(g.probs.length);
      let maxDiff = 0;
      g.probs.forEach((q, k) => (maxDiff = Math.max(maxDiff, Math.abs(p[k] - q))));
      expect(maxDiff).toBeLessThan(1e-4);
    }
  });

  it('20 overlapping calls return exactly what the same calls return one at a time', async () => {
    const golden = JSON.parse(read('category/golden.json').toString()) as { text: string; brand?: string | null }[];
    const texts = golden.slice(0, 20).map((g) => g.text);
    expect(new Set(texts).size).toBeGreaterThanOrEqual(15);
    const rows: ListingInput[] = texts.map((name, i) => ({ name, item_condition_id: 1 + (i % 5), shipping: i % 2 }));
    const seqPrice: number[] = [];
    const seqCat: string[] = [];
    for (let i = 0; i < 20; i++) {
      seqPrice.push(await models.predictLogPrice(rows[i]));
      seqCat.push((await models.predictCategory(texts[i])).path.join('>'));
    }
    const [parPrice, parCat] = await Promise.all([
      Promise.all(rows.map((r) => models.predictLogPrice(r))),
      Promise.all(texts.map(async (t) => (await models.predictCategory(t)).path.join('>'))),
    ]);
    expect(parPrice).toEqual(seqPrice);
    expect(parCat).toEqual(seqCat);
    expect(new Set(seqCat).size).toBeGreaterThan(3); // different titles, different answers: a shared buffer would blur them
  });

  it('a call aborted while it waits never runs; the next call succeeds', async () => {
    const ctl = new AbortController();
    const first = models.predictLogPrice({ name: 'iPhone 8 64GB' });
    const aborted = models.predictLogPrice({ name: 'Harry Potter book' }, ctl.signal);
    ctl.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'aborted' });
    const z = await first;
    expect(await models.predictLogPrice({ name: 'iPhone 8 64GB' })).toBe(z);
  });

  it('price range is ordered and positive, also for empty / emoji / huge input', async () => {
    for (const row of [
      { name: 'Nike running shoes', brand_name: 'Nike', item_condition_id: 3, shipping: 1 },
      { name: 'Nike running shoes', category_path: ['Fashion', 'Shoes', 'Athletic Shoes'] },
      {},
      { name: '🔥🔥' },
      { name: 'x'.repeat(5000), brand_name: 'NoSuchBrand' },
    ]) {
      const p = await models.predictPrice(row);
      expect(p.low).toBeGreaterThan(0);
      expect(p.low).toBeLessThanOrEqual(p.mid);
      expect(p.mid).toBeLessThanOrEqual(p.high);
    }
  });

  it('category: a clear title lands in the right top level, with alternatives', async () => {
    const c = await models.predictCategory('Nike running shoes size 10', 3);
    expect(c.path[0]).toBe('Fashion');
    expect(c.alternatives).toHaveLength(2);
    expect(c.score).toBeGreaterThanOrEqual(c.alternatives[0].score);
  });

  it('an empty model file is a model-missing error, garbage bytes model-corrupt', async () => {
    const meta = { price: read('price/price.json').toString(), category: read('category/category.json').toString() };
    await expect(
      ListingModels.create({
        price: { model: new Uint8Array(0), meta: meta.price },
        category: { model: new Uint8Array(read('category/category.onnx')), meta: meta.category },
      }),
    ).rejects.toMatchObject({ code: 'model-missing' });
    await expect(
      ListingModels.create({
        price: { model: new Uint8Array([1, 2, 3, 4]), meta: meta.price },
        category: { model: new Uint8Array(read('category/category.onnx')), meta: meta.category },
      }),
    ).rejects.toBeInstanceOf(AppError);
  });
});
