/**
 * Refreshes the sha256 and byte sizes of our own trained models (entries with source "repo") in
 * models/manifest.json, and bumps its version so service workers cache the new files. Run by `npm run train`
 * after it writes new models; `npx tsx models/sync-manifest.ts` by hand.
 */
import { sha256Hex } from '../src/ml/sha256-node.ts';
import { readFileSync } from 'node:fs';
import { writeAllAtomically } from './train/artifacts.ts';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelManifest } from '../src/core/model-manifest.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** `only`: the model ids to refresh (default every "repo" model). */
export function syncRepoModels(manifestPath = join(here, 'manifest.json'), only?: string[]): boolean {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ModelManifest;
  let changed = false;
  for (const m of manifest.models.filter((x) => x.source === 'repo' && (!only || only.includes(x.id)))) {
    for (const f of m.files) {
      const bytes = readFileSync(join(here, m.dir, f.path));
      const sha256 = sha256Hex(bytes);
      if (sha256 !== f.sha256 || bytes.length !== f.bytes) {
        f.sha256 = sha256;
        f.bytes = bytes.length;
        changed = true;
      }
    }
  }
  if (changed) {
    const [date, n] = manifest.version.split('-');
    const today = new Date().toISOString().slice(0, 10).replace(/-/g, '.');
    manifest.version = date === today ? `${today}-${Number(n ?? 0) + 1}` : `${today}-1`;
    writeAllAtomically([{ path: manifestPath, data: JSON.stringify(manifest, null, 2) + '\n' }]);
  }
  return changed;
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  console.log(syncRepoModels() ? 'models/manifest.json updated' : 'models/manifest.json already up to date');
}
