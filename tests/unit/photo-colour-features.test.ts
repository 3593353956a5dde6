import { describe, expect, it } from 'vitest';
import { colourFeatures, rgbColourFeatures, COLOUR_FEATURES, RGB_FEATURES } from '../../src/core/colour-features.ts';

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

describe('colourFeatures: the item region part (v2b)', () => {
  const n = 48;
  /** A garment of colour `c` on a white sheet, with a skin-coloured patch (an arm) beside it. */
  function photo(c: [number, number, number]): Uint8Array {
    const rgb = new Uint8Array(n * n * 3).fill(250);
    for (let y = 12; y < 40; y++) for (let x = 12; x < 36; x++) rgb.set(c, (y * n + x) * 3);
    for (let y = 12; y < 40; y++) for (let x = 36; x < 42; x++) rgb.set([224, 172, 140], (y * n + x) * 3);
    return rgb;
  }
  const hsv = (f: Float32Array) => Array.from(f.slice(RGB_FEATURES, RGB_FEATURES + 53));
  it('starts with the v1 statistics; the HSV histogram sums to 1', () => {
    const f = colourFeatures(photo([20, 40, 200]), n);
    expect(f).toHaveLength(COLOUR_FEATURES);
    expect(Array.from(f.slice(0, RGB_FEATURES))).toEqual(Array.from(rgbColourFeatures(photo([20, 40, 200]), n)));
    expect(hsv(f).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });
  it('a navy garment lands in a dark saturated blue bin, a black one in the black bin; skin counts little', () => {
    const navy = hsv(colourFeatures(photo([20, 30, 110]), n));
    const black = hsv(colourFeatures(photo([15, 15, 18]), n));
    expect(black[0]).toBeGreaterThan(0.8);
    const best = navy.indexOf(Math.max(...navy));
    expect(best).toBeGreaterThanOrEqual(5);
    expect(Math.floor((best - 5) / 4)).toBe(7); // hue 225–240°: bin 7 of 12 (30° per 2 bins)
    expect(navy[best]).toBeGreaterThan(0.8);
  });
  it('the whole-crop Lab is dark for black and red for red, and a single hue is concentrated', () => {
    const black = colourFeatures(photo([15, 15, 18]), n);
    const red = colourFeatures(photo([210, 20, 30]), n);
    const at = (f: Float32Array, i: number) => f[RGB_FEATURES + i];
    expect(at(black, 89)).toBeLessThan(0.25); // L/100 (the arm, at 0.2 weight, lifts it a little)
    expect(at(red, 89)).toBeGreaterThan(at(black, 89) + 0.2);
    expect(at(red, 90)).toBeGreaterThan(0.4); // a/128: red
    expect(at(red, 94)).toBeGreaterThan(0.95); // one hue
  });
});
