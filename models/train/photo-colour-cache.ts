/** Fills the colour-feature cache for photos-train and photos (npx tsx models/train/photo-colour-cache.ts). */
import { PhotoCache } from './photo-cache.ts';
import { manifestFiles } from './photo-embed.ts';

const cache = await PhotoCache.open('tfjs');
for (const set of ['photos-train', 'photos'] as const) {
  const files = manifestFiles(set);
  const t0 = Date.now();
  for (let i = 0; i < files.length; i++) {
    await cache.colour(files[i]);
    if ((i + 1) % 1000 === 0 || i === files.length - 1) console.error(`${set} ${i + 1}/${files.length} ${Math.round((Date.now() - t0) / 1000)} s`);
  }
}
