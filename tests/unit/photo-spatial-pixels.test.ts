import { describe, expect, it } from 'vitest';
import { GRID, itemShares, toHalf } from '../../models/train/photo-spatial-pixels.ts';

/** IEEE half → number, the reference decoding. */
function fromHalf(h: number): number {
  const s = h & 0x8000 ? -1 : 1,
    e = (h >> 10) & 0x1f,
    m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 0x1f) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

describe('toHalf (spatial cache float16)', () => {
  it('packs exact values, rounds to nearest, saturates and underflows as IEEE half does', () => {
    expect(toHalf(1)).toBe(0x3c00);
    expect(toHalf(6)).toBe(0x4600);
    expect(toHalf(-2)).toBe(0xc000);
    expect(toHalf(0)).toBe(0);
    expect(toHalf(0.1)).toBe(0x2e66);
    expect(toHalf(65504)).toBe(0x7bff);
    expect(toHalf(1e6)).toBe(0x7c00);
    expect(toHalf(2 ** -24)).toBe(1);
    expect(toHalf(1e-9)).toBe(0);
    expect(toHalf(1 + 2 ** -11)).toBe(0x3c00); // tie → even
    expect(toHalf(1 + 3 * 2 ** -11)).toBe(0x3c02);
  });
  it('round-trips ReLU6 activations within half precision', () => {
    for (let v = 0; v <= 6; v += 0.0137) expect(Math.abs(fromHalf(toHalf(v)) - v)).toBeLessThanOrEqual(Math.max(v, 2 ** -14) * 2 ** -11);
  });
});

describe('itemShares', () => {
  const size = 224;
  const image = (fill: (x: number, y: number) => [number, number, number]) => {
    const rgb = new Uint8Array(size * size * 3);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) rgb.set(fill(x, y), (y * size + x) * 3);
    return rgb;
  };
  it('marks the cells an item covers, not the background', () => {
    // white background, a dark blue block over cells rows 2–4, cols 1–3 (pixels 64–160 × 32–128)
    const rgb = image((x, y) => (y >= 64 && y < 160 && x >= 32 && x < 128 ? [20, 30, 120] : [250, 250, 250]));
    const [item, noSkin] = itemShares(rgb, size);
    expect(item).toHaveLength(GRID * GRID);
    for (let r = 0; r < GRID; r++) for (let c = 0; c < GRID; c++) expect(item[r * GRID + c]).toBeCloseTo(r >= 2 && r <= 4 && c >= 1 && c <= 3 ? 1 : 0, 5);
    expect(Array.from(noSkin)).toEqual(Array.from(item));
  });
  it('counts skin-like pixels at 0.2 in the second share', () => {
    const rgb = image((x, y) => (y < 32 && x >= 96 && x < 128 ? [224, 172, 140] : [40, 120, 60]));
    const [item, noSkin] = itemShares(rgb, size);
    expect(item[3]).toBeCloseTo(1, 5);
    expect(noSkin[3]).toBeCloseTo(0.2, 5);
    expect(item[0]).toBe(0);
  });
});
