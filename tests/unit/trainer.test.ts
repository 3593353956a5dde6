import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import { initMlp, mergeMlps, predict, trainMlp } from '../../models/train/sparse-mlp.ts';
import { fromHalfBits, mlpToOnnx, packInt4, quantizeRows, storedValues, toHalfBits, type WeightFormat } from '../../models/train/onnx-writer.ts';
import { categoryFeatures, priceFeatures, scatterDense } from '../../src/core/text-features.ts';
import { parseDelimited } from '../../models/train/csv.ts';

const DIM = 1024;
const fixture = [
  { name: 'iPhone 8 64GB unlocked', brand_name: 'Apple', category_name: 'Electronics/Cell Phones', price: 180 },
  { name: 'Nike running shoes size 9', brand_name: 'Nike', category_name: 'Men/Shoes/Athletic', price: 40 },
  { name: 'Lularoe leggings OS', brand_name: 'LuLaRoe', category_name: 'Women/Pants/Leggings', price: 15 },
  { name: 'Harry Potter book set', brand_name: '', category_name: 'Other/Books/Fiction', price: 30 },
  { name: 'MAC lipstick Ruby Woo', brand_name: 'MAC', category_name: 'Beauty/Makeup/Lips', price: 12 },
  { name: 'Samsung Galaxy S7 cracked', brand_name: 'Samsung', category_name: 'Electronics/Cell Phones', price: 60 },
];

describe('sparse MLP trainer', () => {
  it('regression loss decreases on a tiny fixture', () => {
    const xs = fixture.map((r) => priceFeatures(r, DIM));
    const y = fixture.map((r) => Math.log1p(r.price));
    const m = initMlp({ dim: DIM, hidden: 8, outputs: 1 }, 7, [y.reduce((a, b) => a + b) / y.length]);
    const losses = trainMlp(m, xs, y, { task: 'regression', hidden: 8, epochs: 30, lr: 0.01, batch: 2, seed: 7 });
    expect(losses.at(-1)!).toBeLessThan(losses[0] * 0.2);
  });

  it('classification loss decreases and is reproducible with the same seed', () => {
    const xs = fixture.map((r) => categoryFeatures(r.name, DIM));
    const y = [0, 1, 1, 2, 3, 0];
    const run = () => {
      const m = initMlp({ dim: DIM, hidden: 8, outputs: 4 }, 3);
      const l = trainMlp(m, xs, y, { task: 'classification', hidden: 8, epochs: 20, lr: 0.02, batch: 3, seed: 3 });
      return { m, l };
    };
    const a = run();
    const b = run();
    expect(a.l.at(-1)!).toBeLessThan(a.l[0] * 0.5);
    expect(Array.from(a.m.w2)).toEqual(Array.from(b.m.w2));
  });

  it('a merged ensemble predicts the mean of its members', () => {
    const m1 = initMlp({ dim: 64, hidden: 3, outputs: 2 }, 1);
    const m2 = initMlp({ dim: 64, hidden: 5, outputs: 2 }, 2);
    const x = categoryFeatures('red dress', 64);
    const merged = predict(mergeMlps([m1, m2]), x, 'regression');
    const p1 = predict(m1, x, 'regression');
    const p2 = predict(m2, x, 'regression');
    expect(merged[0]).toBeCloseTo((p1[0] + p2[0]) / 2, 5);
    expect(merged[1]).toBeCloseTo((p1[1] + p2[1]) / 2, 5);
  });
});

describe('ONNX export', () => {
  it('float16 helpers round-trip', () => {
    for (const v of [0, 1, -2.5, 0.1, 65504, 1e-5]) expect(fromHalfBits(toHalfBits(v))).toBeCloseTo(v, Math.abs(v) > 1 ? 0 : 3);
  });

  it('int8 rows: each row keeps its own scale, error ≤ half a step, an all-zero row stays zero', () => {
    const a = Float32Array.from([0.5, -0.25, 0.125, 0, 0, 0, 100, -3, 7]);
    const { q, scale } = quantizeRows(a, 3, 3);
    expect(Array.from(q.subarray(0, 3))).toEqual([127, -64, 32]);
    expect(Array.from(q.subarray(3, 6))).toEqual([0, 0, 0]);
    expect(scale[2]).toBeCloseTo(100 / 127, 6);
    const back = storedValues(a, 3, 3, 'int8');
    a.forEach((v, i) => expect(Math.abs(back[i] - v)).toBeLessThanOrEqual(scale[Math.floor(i / 3)] / 2 + 1e-7));
  });

  it('int4 rows: codes in ±7 with a scale per row, packed two to a byte (low nibble first)', () => {
    const a = Float32Array.from([0.7, -0.36, 0.1, 0, 0, 0, 14, -3, 7]);
    const { q, scale } = quantizeRows(a, 3, 3, 'int4');
    expect(Array.from(q)).toEqual([7, -4, 1, 0, 0, 0, 7, -1, 4]); // Math.round(−1.5) = −1
    expect(scale[2]).toBeCloseTo(2, 6);
    expect(Array.from(packInt4(Int8Array.from([7, -4, 1])))).toEqual([0xc7, 0x01]);
    expect(() => packInt4(Int8Array.from([0, 8]))).toThrow(/outside/); // an int8 code never wraps into a wrong nibble
    const back = storedValues(a, 3, 3, 'int4');
    a.forEach((v, i) => expect(Math.abs(back[i] - v)).toBeLessThanOrEqual(scale[Math.floor(i / 3)] / 2 + 1e-6));
  });

  for (const [weights, wide] of [
    ['f32', false],
    ['f16', false],
    ['f16', true],
    ['int8', false],
    ['int8', true],
    ['int4', false],
    ['int4', true],
  ] as [WeightFormat, boolean][]) {
    it(`round-trips a tiny model through onnxruntime-web (weights=${weights}, wide=${wide})`, async () => {
      const base = initMlp({ dim: 64, hidden: 4, outputs: 3 }, 5, [0.1, 0.2, 0.3], wide);
      if (base.wl) base.wl.forEach((_, i) => (base.wl![i] = Math.sin(i) * 0.3));
      const stored = (a: Float32Array, cols: number) => storedValues(a, 64, cols, weights);
      const m = { ...base, w1: stored(base.w1, 4), ...(base.wl ? { wl: stored(base.wl, 3) } : {}) };
      // The graph gets the original weights and must store them as `weights` itself (m holds what it should store).
      const session = await ort.InferenceSession.create(mlpToOnnx(base, { name: 'tiny', softmax: true, weights }), {
        executionProviders: ['wasm'],
      });
      const texts = ['blue jeans', 'iphone charger'];
      const xs = texts.map((t) => categoryFeatures(t, 64));
      const dense = new Float32Array(2 * 64);
      xs.forEach((x, i) => scatterDense(x, 64, dense, i));
      const out = await session.run({ x: new ort.Tensor('float32', dense, [2, 64]) });
      expect(out.probs.dims).toEqual([2, 3]);
      xs.forEach((x, i) => {
        const ref = predict(m, x, 'classification');
        const logits = predict(m, x, 'regression');
        for (let k = 0; k < 3; k++) {
          expect(Math.abs((out.probs.data as Float32Array)[i * 3 + k] - ref[k])).toBeLessThan(1e-5);
          expect(Math.abs((out.y.data as Float32Array)[i * 3 + k] - logits[k])).toBeLessThan(1e-5);
        }
      });
    });
  }
});

describe('delimited reader', () => {
  it('handles quotes, doubled quotes and newlines inside fields', () => {
    const rows = parseDelimited('a,b\n"x, ""y""","line1\nline2"\n1,2\n', ',');
    expect(rows).toEqual([
      ['a', 'b'],
      ['x, "y"', 'line1\nline2'],
      ['1', '2'],
    ]);
  });
});
