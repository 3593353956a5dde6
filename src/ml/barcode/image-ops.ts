/** Small, allocation-conscious grayscale operations for the barcode cascade (no DOM, no canvas). */
import type { RgbaImage } from '../../core/types.ts';
import type { GrayImage } from './types.ts';

/** RGBA → luminance (zxing-cpp's integer weights), transparent pixels composited on white. */
export function toGray(img: RgbaImage): GrayImage {
  const { width, height, data } = img;
  const out = new Uint8Array(width * height);
  for (let i = 0, j = 0; j < out.length; i += 4, j++) {
    const y = (306 * data[i] + 601 * data[i + 1] + 117 * data[i + 2] + 512) >> 10;
    const a = data[i + 3];
    out[j] = a === 255 ? y : (y * a + 255 * (255 - a) + 127) / 255;
  }
  return { width, height, data: out };
}

/** Gray → RGBA (for engines that only take ImageData-shaped input). */
export function toRgba(g: GrayImage): RgbaImage {
  const out = new Uint8ClampedArray(g.width * g.height * 4);
  for (let i = 0, j = 0; i < g.data.length; i++, j += 4) {
    const v = g.data[i];
    out[j] = v;
    out[j + 1] = v;
    out[j + 2] = v;
    out[j + 3] = 255;
  }
  return { width: g.width, height: g.height, data: out };
}

/** Resizes to exactly w×h: box average when shrinking, bilinear when enlarging. */
export function resize(g: GrayImage, w: number, h: number): GrayImage {
  w = Math.max(1, Math.round(w));
  h = Math.max(1, Math.round(h));
  if (w === g.width && h === g.height) return g;
  const out = new Uint8Array(w * h);
  const sx = g.width / w;
  const sy = g.height / h;
  const src = g.data;
  const W = g.width;
  if (sx >= 1 && sy >= 1) {
    for (let y = 0; y < h; y++) {
      const y0 = Math.floor(y * sy);
      const y1 = Math.max(y0 + 1, Math.floor((y + 1) * sy));
      for (let x = 0; x < w; x++) {
        const x0 = Math.floor(x * sx);
        const x1 = Math.max(x0 + 1, Math.floor((x + 1) * sx));
        let sum = 0;
        for (let yy = y0; yy < y1; yy++) for (let xx = x0, o = yy * W; xx < x1; xx++) sum += src[o + xx];
        out[y * w + x] = sum / ((y1 - y0) * (x1 - x0));
      }
    }
    return { width: w, height: h, data: out };
  }
  for (let y = 0; y < h; y++) {
    const fy = Math.min(g.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(g.height - 1, y0 + 1);
    const dy = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = Math.min(W - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(W - 1, x0 + 1);
      const dx = fx - x0;
      const top = src[y0 * W + x0] * (1 - dx) + src[y0 * W + x1] * dx;
      const bot = src[y1 * W + x0] * (1 - dx) + src[y1 * W + x1] * dx;
      out[y * w + x] = top * (1 - dy) + bot * dy + 0.5;
    }
  }
  return { width: w, height: h, data: out };
}

/** Scales so the long side is `side` (keeps the aspect ratio). */
export function fitLongSide(g: GrayImage, side: number): GrayImage {
  const s = side / Math.max(g.width, g.height);
  return resize(g, g.width * s, g.height * s);
}

/** Rotates by a multiple of 90° clockwise. */
export function rotate90s(g: GrayImage, quarterTurns: number): GrayImage {
  const q = ((quarterTurns % 4) + 4) % 4;
  if (q === 0) return g;
  const { width: W, height: H, data } = g;
  const w = q === 2 ? W : H;
  const h = q === 2 ? H : W;
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const v = data[y * W + x];
      if (q === 1) out[x * w + (H - 1 - y)] = v;
      else if (q === 2) out[(H - 1 - y) * w + (W - 1 - x)] = v;
      else out[(W - 1 - x) * w + y] = v;
    }
  }
  return { width: w, height: h, data: out };
}

/** Rotates by a small angle (degrees, clockwise) about the centre, same size, corners filled with white. */
export function rotateSmall(g: GrayImage, degrees: number): GrayImage {
  const { width: W, height: H, data } = g;
  const out = new Uint8Array(W * H).fill(255);
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = (W - 1) / 2;
  const cy = (H - 1) / 2;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // inverse mapping: output (x,y) ← source rotated by −a
      const dx = x - cx;
      const dy = y - cy;
      const sx = cos * dx + sin * dy + cx;
      const sy = -sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= W - 1 || y0 >= H - 1) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * W + x0;
      const top = data[i] * (1 - fx) + data[i + 1] * fx;
      const bot = data[i + W] * (1 - fx) + data[i + W + 1] * fx;
      out[y * W + x] = top * (1 - fy) + bot * fy + 0.5;
    }
  }
  return { width: W, height: H, data: out };
}

/** Linear stretch so the `clip` and 1 − `clip` percentiles map to 0 and 255 (fixes flat, grey photos). */
export function stretchContrast(g: GrayImage, clip = 0.01): GrayImage {
  const hist = new Uint32Array(256);
  for (let i = 0; i < g.data.length; i++) hist[g.data[i]]++;
  const n = g.data.length;
  let lo = 0;
  let hi = 255;
  for (let acc = 0; lo < 255 && (acc += hist[lo]) < n * clip; lo++);
  for (let acc = 0; hi > 0 && (acc += hist[hi]) < n * clip; hi--);
  if (hi - lo < 8) return g;
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round(((v - lo) * 255) / (hi - lo))));
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = lut[g.data[i]];
  return { width: g.width, height: g.height, data: out };
}

function integral(g: GrayImage): Float64Array {
  const { width: W, height: H, data } = g;
  const s = new Float64Array((W + 1) * (H + 1));
  for (let y = 0; y < H; y++) {
    let row = 0;
    for (let x = 0; x < W; x++) {
      row += data[y * W + x];
      s[(y + 1) * (W + 1) + x + 1] = s[y * (W + 1) + x + 1] + row;
    }
  }
  return s;
}

/** Box blur of radius r (uses an integral image; cost independent of r). */
export function boxBlur(g: GrayImage, r: number): GrayImage {
  const { width: W, height: H } = g;
  const s = integral(g);
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(H, y + r + 1);
    for (let x = 0; x < W; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(W, x + r + 1);
      const sum = s[y1 * (W + 1) + x1] - s[y0 * (W + 1) + x1] - s[y1 * (W + 1) + x0] + s[y0 * (W + 1) + x0];
      out[y * W + x] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  return { width: W, height: H, data: out };
}

/** Unsharp mask: g + amount·(g − blur(g)); sharpens soft bar edges. */
export function sharpen(g: GrayImage, radius = 1, amount = 1): GrayImage {
  const b = boxBlur(g, radius);
  const out = new Uint8Array(g.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.max(0, Math.min(255, g.data[i] + amount * (g.data[i] - b.data[i])));
  return { width: g.width, height: g.height, data: out };
}

/**
 * Local-mean binarisation (Bradley): a pixel is black when it is `t` below the mean of its window.
 * Handles shadows and glare gradients that defeat a global threshold.
 */
export function binarizeLocal(g: GrayImage, windowFrac = 1 / 8, t = 0.1): GrayImage {
  const blur = boxBlur(g, Math.max(2, Math.round((Math.max(g.width, g.height) * windowFrac) / 2)));
  const out = new Uint8Array(g.data.length);
  for (let i = 0; i < out.length; i++) out[i] = g.data[i] < blur.data[i] * (1 - t) ? 0 : 255;
  return { width: g.width, height: g.height, data: out };
}

/** Gamma curve (γ > 1 darkens mid-tones: recovers bars washed out by glare). */
export function gamma(g: GrayImage, gam: number): GrayImage {
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.round(255 * Math.pow(v / 255, gam));
  const out = new Uint8Array(g.data.length);
  for (let i = 0; i < out.length; i++) out[i] = lut[g.data[i]];
  return { width: g.width, height: g.height, data: out };
}

/** Crops to a sub-rectangle (clamped). */
export function crop(g: GrayImage, x: number, y: number, w: number, h: number): GrayImage {
  x = Math.max(0, Math.floor(x));
  y = Math.max(0, Math.floor(y));
  w = Math.min(g.width - x, Math.floor(w));
  h = Math.min(g.height - y, Math.floor(h));
  const out = new Uint8Array(w * h);
  for (let r = 0; r < h; r++) out.set(g.data.subarray((y + r) * g.width + x, (y + r) * g.width + x + w), r * w);
  return { width: w, height: h, data: out };
}
