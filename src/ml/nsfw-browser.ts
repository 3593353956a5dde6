/**
 * The explicit-photo model in the inference worker: loaded once, on first use, from the manifest's verified files.
 * A chunk of its own, imported on the first check once tfjs-browser.ts (backends, wasm files, threads) is in: the
 * caller imports that first (explicit-check.ts), through importAgain, so a failed download of it is retried.
 */
import manifestJson from '../../models/manifest.json';
import { AppError } from '../core/errors.ts';
import type { ModelManifest } from '../core/model-manifest.ts';
import { browserModelFiles } from './browser-model-files.ts';
import { loadNsfwModel, type NsfwModel } from './nsfw-model.ts';
import { loadOncePerKey } from './load-once.ts';

const manifest = manifestJson as ModelManifest;
// Loaded once, on first use; a failed load is retried on the next photo.
const load = loadOncePerKey((base: string): Promise<NsfwModel> => {
  const entry = manifest.models.find((m) => m.task === 'explicit-photo');
  if (!entry) return Promise.reject(new AppError('model-missing', 'models/manifest.json has no explicit-photo model.'));
  return loadNsfwModel(entry, browserModelFiles(entry, base)).catch((e: unknown) => {
    if (e instanceof AppError) throw e;
    throw new AppError('model-load-failed', `The explicit-photo check failed to load: ${(e as Error).message}`);
  });
});

export function nsfwModel(base = '/models'): Promise<NsfwModel> {
  return load(base);
}

export function nsfwInputSize(): number {
  return manifest.models.find((m) => m.task === 'explicit-photo')?.input?.size ?? 224;
}
