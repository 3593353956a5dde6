/**
 * npx tsx models/train/photo-augment.ts <variant> [train|eval|all] [--limit N]
 * Extra embeddings of the photos, each through a variant of the app's preprocessing, for the photo head's training
 * (augmentation) and for the crop comparison. Cached next to the plain embeddings (photo-cache.ts) in
 * .cache/photo-embeddings/<engine key>-<variant>/<sha256 of the photo>.f32, same layout (1280 pooled + 1000 probs).
 * Variants: flip (mirrored, centre crop), crop88 (88% of the short side, off-centre by a seeded offset per photo),
 * pad (whole photo padded to a square with its border colour; no crop).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadNodeEngine, readManifest, type LoadedEngine } from '../../src/ml/node-runtime.ts';
import { imageModel } from '../../src/core/model-manifest.ts';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { cropResizeRgb } from '../../src/core/preprocess.ts';
import type { RgbaImage } from '../../src/core/types.ts';
import { CACHE_ROOT, EMB_DIM, N_CLASSES, modelKey } from './photo-cache.ts';
import { manifestFiles } from './photo-embed.ts';

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
  let r = 0,
    g = 0,
    b = 0,
    n = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      if (y > 1 && y < h - 2 && x > 1 && x < w - 2) continue;
      const o = (y * w + x) * 4;
      r += data[o];
      g += data[o + 1];
      b += data[o + 2];
      n++;
    }
  const out = new Uint8Array(side * side * 4);
  for (let i = 0; i < side * side; i++) {
    out[i * 4] = r / n;
    out[i * 4 + 1] = g / n;
    out[i * 4 + 2] = b / n;
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

export async function variantDir(v: Variant): Promise<string> {
  return path.join(CACHE_ROOT, `${modelKey(imageModel(await readManifest(), 'tfjs'))}-${v}`);
}

/** Cached variant features of a photo, or null when not computed yet. */
export function readVariant(dir: string, hash: string): Float32Array | null {
  const p = path.join(dir, `${hash}.f32`);
  if (!fs.existsSync(p)) return null;
  const b = fs.readFileSync(p);
  const v = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
  return v.length === EMB_DIM + N_CLASSES ? v : null;
}

async function main() {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const v = args[0] as Variant;
  if (!VARIANTS.includes(v)) throw new Error(`variant: one of ${VARIANTS.join(', ')}`);
  const which = args[1] ?? 'train';
  const li = process.argv.indexOf('--limit');
  const limit = li > 0 ? Number(process.argv[li + 1]) : Infinity;
  const dir = await variantDir(v);
  fs.mkdirSync(dir, { recursive: true });
  let engine: LoadedEngine | null = null;
  for (const set of (which === 'all' ? ['photos-train', 'photos'] : which === 'eval' ? ['photos'] : ['photos-train']) as ('photos' | 'photos-train')[]) {
    const files = manifestFiles(set).slice(0, limit);
    const t0 = Date.now();
    let done = 0;
    for (let i = 0; i < files.length; i++) {
      const hash = createHash('sha256').update(fs.readFileSync(files[i])).digest('hex');
      if (!readVariant(dir, hash)) {
        try {
          const img = variantImage(await decodeImageFile(files[i]), v, hash);
          engine ??= await loadNodeEngine('tfjs');
          const rgb = cropResizeRgb(img, engine.entry.input!.size, 1);
          const { probs, embedding } = await engine.classifier.features!(rgb);
          const all = new Float32Array(EMB_DIM + N_CLASSES);
          all.set(embedding!, 0);
          all.set(probs, EMB_DIM);
          const p = path.join(dir, `${hash}.f32`);
          fs.writeFileSync(`${p}.tmp`, new Uint8Array(all.buffer));
          fs.renameSync(`${p}.tmp`, p);
          done++;
        } catch (e) {
          console.error(`${files[i]}: ${(e as Error).message}`);
        }
      }
      if ((i + 1) % 500 === 0 || i === files.length - 1)
        console.error(`${v} ${set} ${i + 1}/${files.length} (${done} computed) ${Math.round((Date.now() - t0) / 1000)} s`);
    }
  }
  engine?.classifier.dispose();
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
