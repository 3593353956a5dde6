/** Model file access with integrity checks, shared by the browser (fetch) and Node (fs). */
import { AppError } from '../core/errors.ts';
import { modelFileUrl, type ModelEntry } from '../core/model-manifest.ts';
import type { ModelFiles } from './image-classifier.ts';

export type Digest = (bytes: Uint8Array) => Promise<string>;
/** Reads bytes (null = not found); `refetch` asks any cache in between to drop its copy and download again. */
export type RawRead = (url: string, refetch?: boolean) => Promise<Uint8Array | null>;

const INSTALL_HINT = 'Run `npm run models` to install the models, then reload.';

/** Wraps a raw reader (null = not found) with size + sha256 checks against the manifest. */
export function verifiedModelFiles(entry: ModelEntry, base: string, rawRead: RawRead, digest: Digest): ModelFiles {
  return {
    async read(path: string): Promise<Uint8Array> {
      const spec = entry.files.find((f) => f.path === path);
      if (!spec) throw new AppError('model-corrupt', `The model ${entry.name} refers to a file (${path}) that its manifest does not list.`);
      const url = modelFileUrl(entry, path, base);
      const ok = async (b: Uint8Array) => b.length === spec.bytes && (await digest(b)) === spec.sha256;
      let bytes: Uint8Array | null;
      try {
        bytes = await rawRead(url);
        // A damaged cached copy gets one fresh download before we give up.
        if (bytes && !(await ok(bytes))) bytes = await rawRead(url, true);
      } catch (e) {
        throw new AppError('model-missing', `The model file ${entry.dir}/${path} could not be loaded (${(e as Error).message}). ${INSTALL_HINT}`);
      }
      if (!bytes) throw new AppError('model-missing', `The photo model "${entry.name}" is not installed (${entry.dir}/${path} is missing). ${INSTALL_HINT}`);
      if (!(await ok(bytes))) {
        throw new AppError('model-corrupt', `The model file ${entry.dir}/${path} is damaged (its checksum does not match). ${INSTALL_HINT}`);
      }
      return bytes;
    },
  };
}

export { hex } from './sha256-web.ts';
