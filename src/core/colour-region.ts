/**
 * Colour statistics of the item region, second part of the photo head's colour features (src/core/colour-features.ts
 * holds the first). Pure. Input: the model's packed size×size RGB crop. A pixel's weight: centre weight on
 * foreground pixels (farther than 40 from the border colour) only, and × 0.2 where it looks like skin (YCbCr box), so
 * a model's arms and face count less than the garment. Output (REGION_FEATURES = 95):
 * - [0, 53): HSV histogram of the weighted pixels (sums to 1): 1 black bin (V < 0.2), 4 grey bins by V where
 *   S < 0.18, then 12 hues × 2 saturations × 2 values;
 * - [53, 89): a 3×3 grid of the crop, per cell the Lab of the weighted mean linear RGB (L/100, a/128, b/128) and the
 *   cell's share of the weight (the garment's colour is where the item is: top half for a T-shirt, bottom for jeans);
 * - [89, 95): Lab of the weighted mean over the whole crop, and the weighted std of the pixels' lightness, chroma, hue
 *   spread (|mean unit hue vector| ∈ [0, 1]: 1 = one hue, 0 = many: multicoloured).
 */
export const REGION_FEATURES = 95;

const LIN = Float64Array.from({ length: 256 }, (_, i) => {
  const c = i / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

/** Linear sRGB (D65) → CIE Lab. */
export function linearToLab(r: number, g: number, b: number): [number, number, number] {
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const fx = f(x),
    fy = f(y),
    fz = f(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

function isSkin(r: number, g: number, b: number): boolean {
  const cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
  const cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
  return cb >= 77 && cb <= 127 && cr >= 137 && cr <= 173 && r > g && r > b;
}

/** HSV bin of one pixel (see the module comment). */
function hsvBin(r: number, g: number, b: number): number {
  const mx = Math.max(r, g, b),
    mn = Math.min(r, g, b);
  const v = mx / 255;
  if (v < 0.2) return 0;
  const s = mx === 0 ? 0 : (mx - mn) / mx;
  if (s < 0.18) return 1 + Math.min(3, Math.floor(((v - 0.2) / 0.8) * 4));
  let h: number;
  const d = mx - mn;
  if (mx === r) h = ((g - b) / d + 6) % 6;
  else if (mx === g) h = (b - r) / d + 2;
  else h = (r - g) / d + 4;
  const hb = Math.min(11, Math.floor(h * 2)); // 6 sectors × 2 = 12 hue bins
  return 5 + hb * 4 + (s >= 0.5 ? 2 : 0) + (v >= 0.6 ? 1 : 0);
}

/**
 * weights[i] = the pixel's weight before the skin factor (foreground × centre), as colour-features.ts computes it,
 * negative for a background pixel. Only foreground pixels count, unless they carry under 5% of the weight (an item
 * the colour of its background): then every pixel does.
 */
export function regionFeatures(rgb: Uint8Array, size: number, weights: Float64Array): Float32Array {
  const out = new Float32Array(REGION_FEATURES);
  let fg = 0,
    all = 0;
  for (const w of weights) {
    all += Math.abs(w);
    if (w > 0) fg += w;
  }
  const onlyFg = fg >= 0.05 * all;
  const cell = new Float64Array(9 * 4); // per cell: Σw·linR, Σw·linG, Σw·linB, Σw
  let wsum = 0;
  for (let y = 0; y < size; y++) {
    const cy = Math.min(2, Math.floor((y * 3) / size));
    for (let x = 0; x < size; x++) {
      const i = y * size + x,
        o = i * 3;
      const r = rgb[o],
        g = rgb[o + 1],
        b = rgb[o + 2];
      const w = (onlyFg ? Math.max(0, weights[i]) : Math.abs(weights[i])) * (isSkin(r, g, b) ? 0.2 : 1);
      if (w === 0) continue;
      out[hsvBin(r, g, b)] += w;
      const c = (cy * 3 + Math.min(2, Math.floor((x * 3) / size))) * 4;
      cell[c] += w * LIN[r];
      cell[c + 1] += w * LIN[g];
      cell[c + 2] += w * LIN[b];
      cell[c + 3] += w;
      wsum += w;
    }
  }
  if (wsum <= 0) return out;
  for (let k = 0; k < 53; k++) out[k] /= wsum;
  let tr = 0,
    tg = 0,
    tb = 0;
  for (let k = 0; k < 9; k++) {
    const c = k * 4,
      cw = cell[c + 3];
    tr += cell[c];
    tg += cell[c + 1];
    tb += cell[c + 2];
    const lab = cw > 0 ? linearToLab(cell[c] / cw, cell[c + 1] / cw, cell[c + 2] / cw) : [0, 0, 0];
    out[53 + k * 4] = lab[0] / 100;
    out[54 + k * 4] = lab[1] / 128;
    out[55 + k * 4] = lab[2] / 128;
    out[56 + k * 4] = cw / wsum;
  }
  const lab = linearToLab(tr / wsum, tg / wsum, tb / wsum);
  out[89] = lab[0] / 100;
  out[90] = lab[1] / 128;
  out[91] = lab[2] / 128;
  // spread: lightness std and hue concentration from the HSV histogram (cheap: no per-pixel Lab)
  let l2 = 0,
    hx = 0,
    hy = 0,
    hw = 0;
  for (let k = 0; k < 9; k++) l2 += out[56 + k * 4] * (out[53 + k * 4] - out[89]) ** 2;
  for (let hb = 0; hb < 12; hb++) {
    const m = out[5 + hb * 4] + out[6 + hb * 4] + out[7 + hb * 4] + out[8 + hb * 4];
    const a = ((hb + 0.5) / 12) * 2 * Math.PI;
    hx += m * Math.cos(a);
    hy += m * Math.sin(a);
    hw += m;
  }
  out[92] = Math.sqrt(l2);
  out[93] = hw; // share of chromatic pixels
  out[94] = hw > 0 ? Math.hypot(hx, hy) / hw : 1;
  return out;
}
