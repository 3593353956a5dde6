/**
 * Model files in the browser (page or worker): fetched from this origin and checked against the manifest's
 * sha256 (a damaged cached copy is fetched once more, past the service worker's cache). Offline, a file that is
 * not on the device yet fails with a message that says so. No ML runtime imported.
 */
import { AppError } from '../core/errors.ts';
import { modelFileUrl, modelMegabytes, OFFLINE_MISSING_HEADER, REFETCH_HEADER, type ModelEntry } from '../core/model-manifest.ts';
import type { ModelFiles } from './image-classifier.ts';
import { hex, verifiedModelFiles, type RawRead } from './model-files.ts';

const browserDigest = async (b: Uint8Array) => hex(await crypto.subtle.digest('SHA-256', b as Uint8Array<ArrayBuffer>));

/** One model's files, read through the integrity-checked path (photo models and our own listing models). */
export function browserModelFiles(entry: ModelEntry, base = '/models'): ModelFiles {
  const offline = new Set<string>();
  const read: RawRead = async (url, refetch = false) => {
    let res: Response;
    try {
      res = await fetch(url, refetch ? { headers: { [REFETCH_HEADER]: '1' }, cache: 'reload' } : {});
    } catch (e) {
      if (!navigator.onLine) offline.add(url);
      throw e;
    }
    if (res.status === 503 && res.headers.get(OFFLINE_MISSING_HEADER)) {
      offline.add(url);
      throw new Error('not cached and offline');
    }
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    // The dev server answers unknown paths with index.html: that is "missing", not a model.
    if ((res.headers.get('content-type') ?? '').includes('text/html')) return null;
    return new Uint8Array(await res.arrayBuffer());
  };
  const files = verifiedModelFiles(entry, base, read, browserDigest);
  return {
    async read(path: string): Promise<Uint8Array> {
      try {
        return await files.read(path);
      } catch (e) {
        if (!offline.has(modelFileUrl(entry, path, base))) throw e;
        throw new AppError(
          'model-missing',
          `You are offline and ${entry.name} (${modelMegabytes(entry).toFixed(1)} MB) is not on this device yet. Connect to the internet once with this setting to download it, or switch back.`,
        );
      }
    },
  };
}

/**
 * `files` with every path of `entry` requested at once (each read once, served to whoever asks first): a loader that
 * has other work before it reads its files (the capability probe, a runtime's start) finds them already on their way.
 */
export function prefetchedModelFiles(entry: ModelEntry, files: ModelFiles): ModelFiles {
  const early = new Map(entry.files.map((f) => [f.path, files.read(f.path)]));
  for (const p of early.values()) p.catch(() => {}); // a failure surfaces where the file is read
  return {
    read(path: string): Promise<Uint8Array> {
      const p = early.get(path);
      early.delete(path); // served once; a second read (a retry) goes to the files again
      return p ?? files.read(path);
    },
  };
}
