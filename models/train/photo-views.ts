/**
 * Other views of a decoded photo, for the photo head's training (augmentation) and the crop comparison
 * (photo-augment.ts, photo-cache.ts): flip (mirrored), crop88 (88% of the short side, off-centre by a seeded offset per
 * photo), pad (the whole photo padded to a square with its border colour; the centre crop then keeps all of it).
 */
import type { RgbaImage } from '../../src/core/types.ts';
import { borderMean } from '../../src/core/colour-features.ts';

export const VARIANTS = ['flip', 'crop88', 'pad'] as const;
export type Variant = (typeof VARIANTS)[number];

export function flipImage(img: RgbaImage): RgbaImage {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const s = (y * w + x) * 4,
        d = (y * w + (w - 1 - x)) * 4;
      out[d] = data[s];
      out[d + 1] = data[s + 1];
      out[d + 2] = data[s + 2];
      out[d + 3] = data[s + 3];
    }
  return { width: w, height: h, data: out };
}

/** Square canvas of the long side, the photo centred, the rest filled with the mean colour of the photo's border. */
export function padToSquare(img: RgbaImage): RgbaImage {
  const { width: w, height: h, data } = img;
  const side = Math.max(w, h);
  const [r, g, b] = borderMean(data, w, h, 4);
  const out = new Uint8Array(side * side * 4);
  for (let i = 0; i < side * side; i++) {
    out[i * 4] = r;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = b;
    out[i * 4 + 3] = 255;
  }
  const x0 = Math.floor((side - w) / 2),
    y0 = Math.floor((side - h) / 2);
  for (let y = 0; y < h; y++) out.set(data.subarray(y * w * 4, (y + 1) * w * 4), ((y + y0) * side + x0) * 4);
  return { width: side, height: side, data: out };
}

/** A crop of 88% of the short side, moved off-centre by up to ±6% of the side (seeded by the photo's hash). */
export function offCentreCrop(img: RgbaImage, seed: number): RgbaImage {
  const { width: w, height: h, data } = img;
  const side = Math.round(Math.min(w, h) * 0.88);
  const jx = (((seed & 0xff) / 255) * 2 - 1) * 0.06 * side,
    jy = ((((seed >>> 8) & 0xff) / 255) * 2 - 1) * 0.06 * side;
  const x0 = Math.max(0, Math.min(w - side, Math.round((w - side) / 2 + jx)));
  const y0 = Math.max(0, Math.min(h - side, Math.round((h - side) / 2 + jy)));
  const out = new Uint8Array(side * side * 4);
  for (let y = 0; y < side; y++) out.set(data.subarray(((y + y0) * w + x0) * 4, ((y + y0) * w + x0 + side) * 4), y * side * 4);
  return { width: side, height: side, data: out };
}

export function variantImage(img: RgbaImage, v: Variant, hash: string): RgbaImage {
  if (v === 'flip') return flipImage(img);
  if (v === 'pad') return padToSquare(img);
  return offCentreCrop(img, parseInt(hash.slice(0, 8), 16));
}
