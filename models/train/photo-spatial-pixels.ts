/**
 * Pure helpers of the spatial-feature cache (photo-spatial-cache.ts): per-cell item shares of the model's crop and
 * float32 → float16 packing.
 */
import { borderMean } from '../../src/core/colour-features.ts';

/** MobileNet V2's last feature map is GRID × GRID cells (224 / 32). */
export const GRID = 7;

/** colour-region.ts' YCbCr skin box. */
function isSkin(r: number, g: number, b: number): boolean {
  const cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
  const cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
  return cb >= 77 && cb <= 127 && cr >= 137 && cr <= 173 && r > g && r > b;
}

/** Per 7×7 cell of a size×size RGB crop: the share of its pixels farther than 40 from the border colour (the item, as
 *  colour-features.ts decides it), and the same with skin-like pixels counted 0.2. */
export function itemShares(rgb: Uint8Array, size: number): [Float32Array, Float32Array] {
  const [br, bg, bb] = borderMean(rgb, size, size, 3);
  const item = new Float32Array(GRID * GRID),
    noSkin = new Float32Array(GRID * GRID),
    n = new Float32Array(GRID * GRID);
  for (let y = 0; y < size; y++) {
    const cy = Math.min(GRID - 1, Math.floor((y * GRID) / size));
    for (let x = 0; x < size; x++) {
      const c = cy * GRID + Math.min(GRID - 1, Math.floor((x * GRID) / size));
      const o = (y * size + x) * 3;
      const r = rgb[o],
        g = rgb[o + 1],
        b = rgb[o + 2];
      n[c]++;
      if ((r - br) ** 2 + (g - bg) ** 2 + (b - bb) ** 2 > 1600) {
        item[c]++;
        noSkin[c] += isSkin(r, g, b) ? 0.2 : 1;
      }
    }
  }
  for (let c = 0; c < GRID * GRID; c++) {
    item[c] /= n[c];
    noSkin[c] /= n[c];
  }
  return [item, noSkin];
}

/** float32 → IEEE half (round to nearest even), via the float32 bit pattern. */
const f32 = new Float32Array(1),
  u32 = new Uint32Array(f32.buffer);
export function toHalf(v: number): number {
  f32[0] = v;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >>> shift;
    const rem = mant & ((1 << shift) - 1),
      half = 1 << (shift - 1);
    if (rem > half || (rem === half && h & 1)) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && h & 1)) h++;
  return sign | h;
}
