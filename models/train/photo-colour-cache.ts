/**
 * Fills the colour-feature caches for photos-train and photos:
 *   npx tsx models/train/photo-colour-cache.ts          v1 (PhotoCache.colour, colour-v1/)
 *   npx tsx models/train/photo-colour-cache.ts v2 [pad] v2 features (colourFeaturesV2) of the centre crop (colour-v2b/)
 *                                                       or of the padded square (colour-v2b-pad/)
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PhotoCache, CACHE_ROOT } from './photo-cache.ts';
import { manifestFiles } from './photo-embed.ts';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { cropResizeRgb } from '../../src/core/preprocess.ts';
import { colourFeaturesV2, COLOUR_FEATURES_V2, COLOUR_V2_ID } from '../../src/core/colour-features.ts';
import { padToSquare } from './photo-augment.ts';

export const colourV2Dir = (pad = false) => path.join(CACHE_ROOT, pad ? `${COLOUR_V2_ID}-pad` : COLOUR_V2_ID);

/** Cached v2 colour features of a photo (by its sha256), or null. */
export function readColourV2(dir: string, hash: string): Float32Array | null {
  const p = path.join(dir, `${hash}.f32`);
  if (!fs.existsSync(p)) return null;
  const b = fs.readFileSync(p);
  const v = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
  return v.length === COLOUR_FEATURES_V2 ? v : null;
}

async function main() {
  const v2 = process.argv[2] === 'v2',
    pad = process.argv[3] === 'pad';
  const cache = v2 ? null : await PhotoCache.open('tfjs');
  const dir = colourV2Dir(pad);
  fs.mkdirSync(dir, { recursive: true });
  for (const set of ['photos-train', 'photos'] as const) {
    const files = manifestFiles(set);
    const t0 = Date.now();
    for (let i = 0; i < files.length; i++) {
      if (cache) await cache.colour(files[i]);
      else {
        const hash = createHash('sha256').update(fs.readFileSync(files[i])).digest('hex');
        if (!readColourV2(dir, hash)) {
          let img = await decodeImageFile(files[i]);
          if (pad) img = padToSquare(img);
          const v = colourFeaturesV2(cropResizeRgb(img, 224, 1), 224);
          const p = path.join(dir, `${hash}.f32`);
          fs.writeFileSync(`${p}.tmp`, new Uint8Array(v.buffer));
          fs.renameSync(`${p}.tmp`, p);
        }
      }
      if ((i + 1) % 1000 === 0 || i === files.length - 1) console.error(`${set} ${i + 1}/${files.length} ${Math.round((Date.now() - t0) / 1000)} s`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
