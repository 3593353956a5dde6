/**
 * The list the service worker gets as self.__WB_MANIFEST (vite-plugin-pwa injectManifest, manifestTransforms):
 * each built file with its sha256 as revision (the SW verifies what it stores, and can take a file the page already
 * has from the HTTP cache), and `lazy` for runtimes (wasm) that are cached when first fetched, never at install;
 * `needed` names a lazy runtime that every setting needs offline.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ShellEntry } from '../sw/shell-list.ts';

/** wasm, LiteRT's wasm glue (it comes with its wasm) and the optional runtime chunks of src/ml/lazy/ (GPU backends, the
 *  explicit check's tfjs-layers): cached when first fetched, so a first visit downloads only what its settings use. */
export const LAZY = /\.wasm$|(^|\/)litert_wasm_[a-z_]+-[\w-]+\.js$|(^|\/)lazy-[a-z-]+-[\w-]+\.js$/;
/** Runtimes every setting needs offline (the barcode reader): fetched once after the shell, by the coverage check. */
export const ALWAYS: [RegExp, string][] = [[/zxing_reader-[\w-]+\.wasm$/, 'the barcode reader']];

export function shellManifestTransform(outDir: () => string) {
  return async (entries: Array<{ url: string; revision: string | null; size: number }>) => ({
    // Workbox drops `size` after the transforms, so the byte count travels as `bytes`.
    manifest: entries.map((e): ShellEntry & { size: number } => {
      const sha = createHash('sha256')
        .update(readFileSync(join(outDir(), e.url)))
        .digest('hex');
      const entry: ShellEntry & { size: number } = { url: e.url, revision: sha, bytes: e.size, size: e.size };
      if (!LAZY.test(e.url)) return entry;
      const needed = ALWAYS.find(([re]) => re.test(e.url))?.[1];
      return needed ? { ...entry, lazy: true, needed } : { ...entry, lazy: true };
    }),
    warnings: [] as string[],
  });
}
