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
import { CACHE_ROOT, EMB_DIM, N_CLASSES, modelKey } from './photo-cache.ts';
import { manifestFiles } from './photo-embed.ts';
import { VARIANTS, variantImage, type Variant } from './photo-views.ts';
import { writeAllAtomically } from './artifacts.ts';
import { numberArg, oneOf, parseCli } from '../../src/cli/args.ts';

export { VARIANTS, type Variant };

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
  const usage = `usage: npx tsx models/train/photo-augment.ts <${VARIANTS.join('|')}> [train|eval|all] [--limit N]`;
  const { values, positionals } = parseCli({ usage, positionals: true, options: { limit: { type: 'string' } } });
  const v: Variant = oneOf(usage, 'variant', positionals[0] ?? '', VARIANTS);
  const which = oneOf(usage, 'set', positionals[1] ?? 'train', ['train', 'eval', 'all']);
  const limit = values.limit === undefined ? Infinity : numberArg(usage, '--limit', values.limit);
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
          writeAllAtomically([{ path: p, data: new Uint8Array(all.buffer) }]);
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
