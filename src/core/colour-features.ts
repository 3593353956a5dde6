/**
 * Pixel colour statistics of the item region, for the photo head's colour output (MobileNet's pooled features keep
 * little colour). Pure. Input: the model's packed size×size RGB crop. The background is estimated from the crop's
 * border; pixels far from it and near the centre count most. Output (COLOUR_FEATURES = 162, "colour-v2b"):
 * [0, 67) the v1 statistics: a 4×4×4 RGB histogram of the weighted pixels (sums to 1) and their mean R, G, B in [0, 1];
 * [67, 162) the item region's HSV histogram, 3×3 Lab grid and spread (src/core/colour-region.ts).
 */
import { regionFeatures, REGION_FEATURES } from './colour-region.ts';

/** Length of the v1 part (the RGB histogram + mean). */
export const RGB_FEATURES = 67;
export const COLOUR_FEATURES = RGB_FEATURES + REGION_FEATURES;
/** Names the definition of what colourFeatures() returns (cache folders and the head's sidecar carry it). */
export const COLOUR_ID = 'colour-v2b';

/** Mean R, G, B of the 2-pixel frame of a packed image with `channels` bytes per pixel (3: RGB, 4: RGBA): its background. */
export function borderMean(data: ArrayLike<number>, width: number, height: number, channels: number): [number, number, number] {
  let r = 0,
    g = 0,
    b = 0,
    n = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (y > 1 && y < height - 2 && x > 1 && x < width - 2) continue;
      const o = (y * width + x) * channels;
      r += data[o];
      g += data[o + 1];
      b += data[o + 2];
      n++;
    }
  }
  return [r / n, g / n, b / n];
}

const centreWeights = new Map<number, Float64Array>();
/** exp(−r²/2σ²) per pixel, σ = size/3; computed once per size. */
function centreWeightsOf(size: number): Float64Array {
  let w = centreWeights.get(size);
  if (!w) {
    w = new Float64Array(size * size);
    const c = (size - 1) / 2,
      s2 = 2 * (size / 3) ** 2;
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) w[y * size + x] = Math.exp(-((x - c) ** 2 + (y - c) ** 2) / s2);
    centreWeights.set(size, w);
  }
  return w;
}

/** The v1 statistics alone (what the first photo head read). */
export function rgbColourFeatures(rgb: Uint8Array, size: number): Float32Array {
  return rgbStats(rgb, size, null);
}

/** The photo head's colour input: the v1 statistics followed by the item region's (colour-region.ts). */
export function colourFeatures(rgb: Uint8Array, size: number): Float32Array {
  const weights = new Float64Array(size * size);
  const v1 = rgbStats(rgb, size, weights);
  const out = new Float32Array(COLOUR_FEATURES);
  out.set(v1, 0);
  out.set(regionFeatures(rgb, size, weights), RGB_FEATURES);
  return out;
}

function rgbStats(rgb: Uint8Array, size: number, weights: Float64Array | null): Float32Array {
  if (rgb.length !== size * size * 3) throw new RangeError(`expected ${size}×${size}×3 bytes, got ${rgb.length}`);
  const [br, bg, bb] = borderMean(rgb, size, size, 3); // the background
  const out = new Float32Array(RGB_FEATURES);
  const cw = centreWeightsOf(size);
  let wsum = 0,
    mr = 0,
    mg = 0,
    mb = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 3;
      const r = rgb[o],
        g = rgb[o + 1],
        b = rgb[o + 2];
      const d2 = (r - br) ** 2 + (g - bg) ** 2 + (b - bb) ** 2;
      const w = (d2 > 1600 ? 1 : 0.05) * cw[y * size + x]; // foreground: farther than 40 from the border colour
      if (weights) weights[y * size + x] = d2 > 1600 ? w : -w; // sign: foreground or not (colour-region.ts)
      out[(r >> 6) * 16 + (g >> 6) * 4 + (b >> 6)] += w;
      mr += w * r;
      mg += w * g;
      mb += w * b;
      wsum += w;
    }
  }
  for (let i = 0; i < 64; i++) out[i] /= wsum;
  out[64] = mr / wsum / 255;
  out[65] = mg / wsum / 255;
  out[66] = mb / wsum / 255;
  return out;
}
