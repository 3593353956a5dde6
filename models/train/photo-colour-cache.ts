/**
 * Fills the colour-feature caches for photos-train and photos:
 *   npx tsx models/train/photo-colour-cache.ts [pad]   colourFeatures() of the centre crop (<COLOUR_ID>/, what
 *                                                      PhotoCache.colour reads) or of the padded square (<COLOUR_ID>-pad/)
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PhotoCache, CACHE_ROOT } from './photo-cache.ts';
import { manifestFiles } from './photo-embed.ts';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { cropResizeRgb } from '../../src/core/preprocess.ts';
import { colourFeatures, COLOUR_FEATURES, COLOUR_ID } from '../../src/core/colour-features.ts';
import { padToSquare } from './photo-views.ts';
import { writeAllAtomically } from './artifacts.ts';

export const colourDir = (pad = false) => path.join(CACHE_ROOT, pad ? `${COLOUR_ID}-pad` : COLOUR_ID);

/** Cached colour features of a photo (by its sha256), or null. */
export function readColour(dir: string, hash: string): Float32Array | null {
  const p = path.join(dir, `${hash}.f32`);
  if (!fs.existsSync(p)) return null;
  const b = fs.readFileSync(p);
  const v = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
  return v.length === COLOUR_FEATURES ? v : null;
}

async function main() {
  const pad = process.argv[2] === 'pad';
  const cache = pad ? null : await PhotoCache.open('tfjs');
  const dir = colourDir(pad);
  fs.mkdirSync(dir, { recursive: true });
  for (const set of ['photos-train', 'photos'] as const) {
    const files = manifestFiles(set);
    const t0 = Date.now();
    for (let i = 0; i < files.length; i++) {
      if (cache) await cache.colour(files[i]);
      else {
        const hash = createHash('sha256').update(fs.readFileSync(files[i])).digest('hex');
        if (!readColour(dir, hash)) {
          let img = await decodeImageFile(files[i]);
          if (pad) img = padToSquare(img);
          const v = colourFeatures(cropResizeRgb(img, 224, 1), 224);
          const p = path.join(dir, `${hash}.f32`);
          writeAllAtomically([{ path: p, data: new Uint8Array(v.buffer) }]);
        }
      }
      if ((i + 1) % 1000 === 0 || i === files.length - 1) console.error(`${set} ${i + 1}/${files.length} ${Math.round((Date.now() - t0) / 1000)} s`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
