/** Shared between the service worker and the page: which URLs are model files, which the settings need, cache names. */
import { modelFileUrl, photoHeadEntry, type ImageEngine, type ModelEntry, type ModelManifest } from '../core/model-manifest.ts';

export const MODEL_CACHE_PREFIX = 'models-';
/** Sent by the inference worker when a cached model failed its checksum: the SW drops it and downloads again. */
export { REFETCH_HEADER } from '../core/model-manifest.ts';
/** On a 503 from the service worker: the file is not cached and the network is unreachable. */
export { OFFLINE_MISSING_HEADER } from '../core/model-manifest.ts';

export function modelCacheName(m: ModelManifest): string {
  return `${MODEL_CACHE_PREFIX}${m.version}`;
}

export interface ModelFileSpec {
  bytes: number;
  sha256: string;
  model: ModelEntry;
}

export function modelUrls(m: ModelManifest, base = '/models'): Map<string, ModelFileSpec> {
  const out = new Map<string, ModelFileSpec>();
  for (const model of m.models) for (const f of model.files) out.set(modelFileUrl(model, f.path, base), { bytes: f.bytes, sha256: f.sha256, model });
  return out;
}

/**
 * Models the app needs offline with these settings: the photo model and photo head of the chosen engine and every
 * other model that is not marked lazy (lazy ones, and the other photo engine's model and head, are cached when first used).
 */
export function neededModels(m: ModelManifest, engine: ImageEngine): ModelEntry[] {
  const head = photoHeadEntry(m, engine);
  const forEngine = (x: ModelEntry) => (x.task === 'image-classification' ? x.engine === engine : x.task !== 'photo-head' || x === head);
  return m.models.filter((x) => !(x as { lazy?: boolean }).lazy && forEngine(x));
}

export function neededModelUrls(m: ModelManifest, engine: ImageEngine, base = '/models'): string[] {
  return neededModels(m, engine).flatMap((x) => x.files.map((f) => modelFileUrl(x, f.path, base)));
}
