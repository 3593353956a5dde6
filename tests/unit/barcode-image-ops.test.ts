import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { rotate90s, resize, stretchContrast, toGray, toRgba, crop, binarizeLocal } from '../../src/ml/barcode/image-ops.ts';
import { printedForm } from '../../src/ml/barcode/zxing-engine.ts';
import type { GrayImage } from '../../src/ml/barcode/types.ts';

const gray = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }))
  .chain(([w, h]) => fc.uint8Array({ minLength: w * h, maxLength: w * h }).map((data): GrayImage => ({ width: w, height: h, data })));

describe('grayscale image ops', () => {
  it('four quarter turns are the identity; a turn and three more too', () => {
    fc.assert(
      fc.property(gray, (g) => {
        const r4 = rotate90s(rotate90s(rotate90s(rotate90s(g, 1), 1), 1), 1);
        const r13 = rotate90s(rotate90s(g, 1), 3);
        return r4.width === g.width && Buffer.compare(r4.data, g.data) === 0 && Buffer.compare(r13.data, g.data) === 0;
      }),
    );
  });
  it('a quarter turn swaps the sides and moves the top-left pixel to the top-right', () => {
    const g: GrayImage = { width: 3, height: 2, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
    const r = rotate90s(g, 1);
    expect([r.width, r.height, [...r.data]]).toEqual([2, 3, [4, 1, 5, 2, 6, 3]]);
  });
  it('resize keeps a flat image flat, at any size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), (v, w, h) => {
        const g: GrayImage = { width: 7, height: 5, data: new Uint8Array(35).fill(v) };
        const r = resize(g, w, h);
        return r.width === w && r.height === h && r.data.every((x) => x === v);
      }),
    );
  });
  it('contrast stretch keeps pixel order', () => {
    fc.assert(
      fc.property(gray, (g) => {
        const s = stretchContrast(g, 0);
        for (let i = 0; i < g.data.length; i++) for (let j = 0; j < g.data.length; j++) if (g.data[i] < g.data[j] && s.data[i] > s.data[j]) return false;
        return true;
      }),
    );
  });
  it('gray → RGBA → gray is lossless; transparent pixels read as white', () => {
    fc.assert(fc.property(gray, (g) => Buffer.compare(toGray(toRgba(g)).data, g.data) === 0));
    expect([...toGray({ width: 1, height: 1, data: Uint8Array.from([0, 0, 0, 0]) }).data]).toEqual([255]);
  });
  it('crop and binarise stay in bounds', () => {
    const g: GrayImage = { width: 10, height: 10, data: new Uint8Array(100).map((_, i) => (i % 10 < 5 ? 20 : 230)) };
    expect(crop(g, 8, 8, 5, 5)).toMatchObject({ width: 2, height: 2 });
    expect(new Set(binarizeLocal(g).data)).toEqual(new Set([0, 255]));
  });
});

describe("zxing's text normalised to the printed digits", () => {
  it('UPC-E and UPC-A come back as 13-digit GTINs from zxing-cpp', () => {
    expect(printedForm('0012345000065', 'upc_e')).toEqual({ text: '01234565', format: 'upc_e' });
    expect(printedForm('0036000291452', 'ean_13')).toEqual({ text: '036000291452', format: 'upc_a' });
    expect(printedForm('5901234123457', 'ean_13')).toEqual({ text: '5901234123457', format: 'ean_13' });
  });
});
