import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cropResizeRgb, fitInside, inputRange, normalise, resampleRgb, softmax } from '../../src/core/preprocess.ts';
import type { InputSpec } from '../../src/core/types.ts';

const solid = (w: number, h: number, rgba: [number, number, number, number]) => ({
  width: w,
  height: h,
  data: new Uint8Array(w * h * 4).map((_, i) => rgba[i % 4]),
});

describe('preprocessing', () => {
  it('keeps a solid colour solid at any size and composites transparency over white', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), (w, h) => {
        const out = cropResizeRgb(solid(w, h, [10, 200, 30, 255]), 8);
        expect(out.length).toBe(8 * 8 * 3);
        expect([...out.slice(0, 3)]).toEqual([10, 200, 30]);
      }),
      { numRuns: 30 },
    );
    expect([...cropResizeRgb(solid(5, 5, [0, 0, 0, 0]), 4).slice(0, 3)]).toEqual([255, 255, 255]);
  });

  it('centre-crops: the left half red, right half blue stays split down the middle', () => {
    const w = 200,
      h = 100;
    const img = { width: w, height: h, data: new Uint8Array(w * h * 4) };
    for (let i = 0; i < w * h; i++) {
      const x = i % w;
      img.data.set(x < 100 ? [255, 0, 0, 255] : [0, 0, 255, 255], i * 4);
    }
    const out = cropResizeRgb(img, 10);
    expect([...out.slice(0, 3)]).toEqual([255, 0, 0]);
    expect([...out.slice(9 * 3, 9 * 3 + 3)]).toEqual([0, 0, 255]);
  });

  it('normalises per manifest spec in NHWC and NCHW', () => {
    const rgb = new Uint8Array([255, 0, 127.5, 0, 255, 255]); // 2 pixels (size would be √2; use n=... via spec size 1 twice)
    const spec: InputSpec = { size: 1, layout: 'NHWC', mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5], crop: 1 };
    expect([...normalise(rgb.slice(0, 3), spec)].map((v) => +v.toFixed(3))).toEqual([1, -1, -0.004]);
    expect(inputRange(spec)).toEqual([-1, 1]);
    const imagenet: InputSpec = { size: 1, layout: 'NCHW', mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], crop: 1 };
    const v = normalise(new Uint8Array([255, 255, 255]), imagenet);
    expect(v[0]).toBeCloseTo((1 - 0.485) / 0.229, 5);
    expect(v[2]).toBeCloseTo((1 - 0.406) / 0.225, 5);
  });

  it('softmax sums to 1, keeps order, and survives huge logits', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 50 }), (xs) => {
        const p = softmax(xs);
        expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
        const iMax = xs.indexOf(Math.max(...xs));
        expect(p[iMax]).toBe(Math.max(...p));
      }),
    );
    expect([...softmax([0, 1, 2], 1)].length).toBe(2);
  });

  it('an image that already is the crop is repacked to exactly the bytes the bilinear resample gives', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (size, seed) => {
        let x = seed;
        const data = new Uint8Array(size * size * 4).map((_, i) => {
          x = (Math.imul(x, 1103515245) + 12345) >>> 0;
          return i % 4 === 3 && x % 3 === 0 ? 255 : x >>> 24; // alpha: opaque for a third of the pixels, anything else otherwise
        });
        const img = { width: size, height: size, data };
        expect([...cropResizeRgb(img, size, 1)]).toEqual([...resampleRgb(img, size, 1)]);
      }),
      { numRuns: 60 },
    );
  });

  it('fills a given output buffer (reused across photos) and refuses one of the wrong size', () => {
    const out = new Uint8Array(4 * 4 * 3);
    expect(cropResizeRgb(solid(4, 4, [1, 2, 3, 255]), 4, 1, out)).toBe(out);
    expect([...out.slice(-3)]).toEqual([1, 2, 3]);
    expect(cropResizeRgb(solid(9, 5, [7, 8, 9, 255]), 4, 1, out)).toBe(out);
    expect([...out.slice(0, 3)]).toEqual([7, 8, 9]);
    expect(() => cropResizeRgb(solid(4, 4, [0, 0, 0, 255]), 4, 1, new Uint8Array(5))).toThrow(RangeError);
    const spec: InputSpec = { size: 4, layout: 'NCHW', mean: [0, 0, 0], std: [1, 1, 1], crop: 1 };
    const f = new Float32Array(48);
    expect(normalise(out, spec, f)).toBe(f);
    expect(f[0]).toBeCloseTo(7 / 255, 6);
    expect(() => normalise(out, spec, new Float32Array(3))).toThrow(RangeError);
  });

  it('fitInside never upscales and keeps the aspect ratio', () => {
    expect(fitInside(4000, 3000, 1024)).toEqual({ width: 1024, height: 768 });
    expect(fitInside(300, 200, 1024)).toEqual({ width: 300, height: 200 });
  });
});
