import { describe, expect, it } from 'vitest';
import { colourFeatures, COLOUR_FEATURES } from '../../src/core/colour-features.ts';

describe('colourFeatures', () => {
  it('a red item on a white sheet: the histogram sits in the red bin, the background barely counts', () => {
    const n = 32;
    const rgb = new Uint8Array(n * n * 3).fill(255);
    for (let y = 8; y < 24; y++) for (let x = 8; x < 24; x++) rgb.set([220, 20, 30], (y * n + x) * 3);
    const f = colourFeatures(rgb, n);
    expect(f).toHaveLength(COLOUR_FEATURES);
    const hist = Array.from(f.slice(0, 64));
    expect(hist.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const red = (220 >> 6) * 16 + (20 >> 6) * 4 + (30 >> 6);
    expect(f[red]).toBeGreaterThan(0.8);
    expect(f[64]).toBeGreaterThan(f[65] * 3); // mean R ≫ mean G
  });
  it('rejects a buffer of the wrong size', () => expect(() => colourFeatures(new Uint8Array(10), 4)).toThrow(RangeError));
});
