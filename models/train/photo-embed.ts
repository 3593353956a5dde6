/**
 * npm run embed:photos -- [--engine tfjs] [train|eval|all]
 * Fills the embedding cache (see photo-cache.ts) for $DATA_DIR/photos-train and/or $DATA_DIR/photos.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/ml/node-runtime.ts';
import { PhotoCache, CACHE_ROOT } from './photo-cache.ts';
import { oneOf, parseCli } from '../../src/cli/args.ts';

export const DATA_DIR = path.resolve(REPO_ROOT, process.env.DATA_DIR ?? '../shared/data');

export function manifestFiles(set: 'photos' | 'photos-train'): string[] {
  const m = JSON.parse(fs.readFileSync(path.join(DATA_DIR, set, 'manifest.json'), 'utf8')) as { file: string }[];
  return m.map((e) => path.join(DATA_DIR, set, e.file));
}

async function main() {
  const usage = 'usage: npm run embed:photos -- [train|eval|all] [--engine tfjs|onnx]';
  const { values, positionals } = parseCli({ usage, positionals: true, options: { engine: { type: 'string', default: 'tfjs' } } });
  const which = oneOf(usage, 'set', positionals[0] ?? 'all', ['train', 'eval', 'all']);
  const sets: ('photos' | 'photos-train')[] = which === 'train' ? ['photos-train'] : which === 'eval' ? ['photos'] : ['photos-train', 'photos'];
  const cache = await PhotoCache.open(oneOf(usage, '--engine', values.engine, ['tfjs', 'onnx']));
  console.error(`cache ${cache.dir} (root ${CACHE_ROOT})`);
  for (const set of sets) {
    const files = manifestFiles(set);
    const t0 = Date.now();
    let failed = 0;
    for (let i = 0; i < files.length; i++) {
      try {
        await cache.get(files[i]);
      } catch (e) {
        failed++;
        console.error(`${files[i]}: ${(e as Error).message}`);
      }
      if ((i + 1) % 250 === 0 || i === files.length - 1) {
        console.error(
          `${set}: ${i + 1}/${files.length} (${cache.misses} computed, ${cache.hits} cached, ${failed} failed) ${Math.round((Date.now() - t0) / 1000)} s`,
        );
      }
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
