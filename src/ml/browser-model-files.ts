/**
 * Model files in the browser (page or worker): fetched from this origin and checked against the manifest's
 * sha256 (a damaged cached copy is fetched once more, past the service worker's cache). No ML runtime imported.
 */
import type { ModelEntry } from '../core/model-manifest.ts';
import { hex, verifiedModelFiles } from './model-files.ts';
import { REFETCH_HEADER } from '../core/model-manifest.ts';

const browserRead = async (url: string, refetch = false) => {
  const res = await fetch(url, refetch ? { headers: { [REFETCH_HEADER]: '1' }, cache: 'reload' } : {});
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  // The dev server answers unknown paths with index.html: that is "missing", not a model.
  if ((res.headers.get('content-type') ?? '').includes('text/html')) return null;
  return new Uint8Array(await res.arrayBuffer());
};
const browserDigest = async (b: Uint8Array) => hex(await crypto.subtle.digest('SHA-256', b as Uint8Array<ArrayBuffer>));

/** One model's files, read through the integrity-checked path (photo models and our own listing models). */
export function browserModelFiles(entry: ModelEntry, base = '/models') {
  return verifiedModelFiles(entry, base, browserRead, browserDigest);
}
