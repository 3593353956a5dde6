/** Shared between the service worker and the page: which URLs are model files, and the versioned cache name. */
import type { ModelManifest } from '../core/model-manifest.ts';

export const MODEL_CACHE_PREFIX = 'models-';
/** Sent by the inference worker when a cached model failed its checksum: the SW drops it and downloads again. */
export { REFETCH_HEADER } from '../core/model-manifest.ts';

export function modelCacheName(m: ModelManifest): string {
  return `${MODEL_CACHE_PREFIX}${m.version}`;
}

export function modelUrls(m: ModelManifest, base = '/models'): Map<string, { bytes: number; sha256: string }> {
  const out = new Map<string, { bytes: number; sha256: string }>();
  for (const model of m.models) for (const f of model.files) out.set(`${base}/${model.dir}/${f.path}`, { bytes: f.bytes, sha256: f.sha256 });
  return out;
}
