/** The build's file list as the service worker receives it (see src/build/sw-manifest.ts), and cache names. */

export interface ShellEntry {
  /** Path relative to the site root, as Workbox lists it ("assets/index-abc.js", "index.html"). */
  url: string;
  /** sha256 hex of the file. */
  revision: string;
  bytes: number;
  /** Cached when first fetched (runtimes: wasm), not at install. */
  lazy?: boolean;
  /** A lazy runtime every setting needs offline (what it is, for "missing" messages). */
  needed?: string;
}

export const SHELL_CACHE_PREFIX = 'shell-';

/** One cache per build: its name is a hash of every file's revision. */
export function shellCacheName(entries: ShellEntry[]): string {
  let h = 0x811c9dc5;
  for (const e of entries) for (const ch of `${e.url}:${e.revision};`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `${SHELL_CACHE_PREFIX}${h.toString(16).padStart(8, '0')}`;
}

/** Root-relative URL path of an entry: "assets/x.js" → "/assets/x.js". */
export const entryPath = (e: ShellEntry) => '/' + e.url.replace(/^\//, '');
