/**
 * Image preprocessing maths shared by every engine and every runtime:
 * RGBA → (alpha over white) → centre crop → bilinear resize → normalised tensor in the model's layout.
 */
import type { InputSpec, RgbaImage } from './types.ts';

/** Centre square crop of `crop` × the short side, bilinear-resized to size×size; returns packed RGB bytes.
 *  Transparent pixels are composited over white (a product cut-out on transparency reads as on a white sheet).
 *  An image that already is the size×size crop (the browser worker decodes straight to it) is only repacked, with
 *  exactly the bytes the resampling would give. `out` (size×size×3) is filled and returned when given. */
export function cropResizeRgb(img: RgbaImage, size: number, crop = 1, out = new Uint8Array(size * size * 3)): Uint8Array {
  const { width: w, height: h, data } = img;
  if (w <= 0 || h <= 0) throw new Error('empty image');
  if (out.length !== size * size * 3) throw new RangeError(`output buffer holds ${out.length} bytes, not ${size}×${size}×3`);
  if (w === size && h === size && Math.min(1, Math.max(0.1, crop)) === 1) return rgbaToRgb(data, out);
  return resampleRgb(img, size, crop, out);
}

/** cropResizeRgb's general path: the bilinear resample, also when it is the identity (tests compare the two). */
export function resampleRgb(img: RgbaImage, size: number, crop = 1, out = new Uint8Array(size * size * 3)): Uint8Array {
  const { width: w, height: h, data } = img;
  const side = Math.min(w, h) * Math.min(1, Math.max(0.1, crop));
  const x0 = (w - side) / 2;
  const y0 = (h - side) / 2;
  const scale = side / size;
  for (let y = 0; y < size; y++) {
    const sy = Math.min(h - 1, Math.max(0, y0 + (y + 0.5) * scale - 0.5));
    const yi = Math.floor(sy);
    const yj = Math.min(h - 1, yi + 1);
    const fy = sy - yi;
    for (let x = 0; x < size; x++) {
      const sx = Math.min(w - 1, Math.max(0, x0 + (x + 0.5) * scale - 0.5));
      const xi = Math.floor(sx);
      const xj = Math.min(w - 1, xi + 1);
      const fx = sx - xi;
      const a = (yi * w + xi) * 4,
        b = (yi * w + xj) * 4,
        c = (yj * w + xi) * 4,
        d = (yj * w + xj) * 4;
      const wa = (1 - fx) * (1 - fy),
        wb = fx * (1 - fy),
        wc = (1 - fx) * fy,
        wd = fx * fy;
      const alpha = (data[a + 3] * wa + data[b + 3] * wb + data[c + 3] * wc + data[d + 3] * wd) / 255;
      const o = (y * size + x) * 3;
      for (let k = 0; k < 3; k++) {
        const v = data[a + k] * wa + data[b + k] * wb + data[c + k] * wc + data[d + k] * wd;
        out[o + k] = Math.round(v * alpha + 255 * (1 - alpha));
      }
    }
  }
  return out;
}

/** RGBA → packed RGB, alpha over white: what cropResizeRgb's bilinear weights (1, 0, 0, 0) give at a pixel centre. */
function rgbaToRgb(data: ArrayLike<number>, out: Uint8Array): Uint8Array {
  for (let i = 0, o = 0; o < out.length; i += 4, o += 3) {
    const a = data[i + 3];
    if (a === 255) {
      out[o] = data[i];
      out[o + 1] = data[i + 1];
      out[o + 2] = data[i + 2];
    } else {
      const alpha = a / 255;
      for (let k = 0; k < 3; k++) out[o + k] = Math.round(data[i + k] * alpha + 255 * (1 - alpha));
    }
  }
  return out;
}

/** Packed RGB bytes (size×size×3) → float32 tensor data normalised as the model's manifest says (into `out` when given). */
export function normalise(rgb: Uint8Array, spec: InputSpec, out = new Float32Array(spec.size * spec.size * 3)): Float32Array {
  const n = spec.size * spec.size;
  if (out.length !== n * 3) throw new RangeError(`output buffer holds ${out.length} values, not ${spec.size}×${spec.size}×3`);
  const mul = spec.std.map((s) => 1 / (255 * s));
  const add = spec.mean.map((m, c) => -m / spec.std[c]);
  if (spec.layout === 'NHWC') {
    for (let i = 0; i < n * 3; i++) out[i] = rgb[i] * mul[i % 3] + add[i % 3];
  } else {
    for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) out[c * n + i] = rgb[i * 3 + c] * mul[c] + add[c];
  }
  return out;
}

/** The [min, max] input range a [0,255] pixel maps to, for engines that normalise themselves (tfjs-models). */
export function inputRange(spec: InputSpec): [number, number] {
  return [-spec.mean[0] / spec.std[0], (1 - spec.mean[0]) / spec.std[0]];
}

/** A quantised tensor's real values: x = scale × (q − zeroPoint) (uint8 model outputs of the ONNX and LiteRT engines). */
export function dequantise(q: ArrayLike<number>, scale = 1, zeroPoint = 0): Float32Array {
  return Float32Array.from(q, (v) => scale * (v - zeroPoint));
}

/** Index of the largest value (the first one on ties). */
export function argmax(v: ArrayLike<number>): number {
  let b = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[b]) b = i;
  return b;
}

/** Numerically stable softmax over a slice of logits. */
export function softmax(logits: ArrayLike<number>, start = 0, end = logits.length): Float32Array {
  let max = -Infinity;
  for (let i = start; i < end; i++) max = Math.max(max, logits[i]);
  const out = new Float32Array(end - start);
  let sum = 0;
  for (let i = start; i < end; i++) sum += out[i - start] = Math.exp(logits[i] - max);
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

/** Target size for a one-time downscale so the long side is at most maxSide (never upscales). */
export function fitInside(width: number, height: number, maxSide: number): { width: number; height: number } {
  const s = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}
