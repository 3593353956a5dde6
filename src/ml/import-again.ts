/**
 * A lazy chunk whose download failed once (a dropped connection, offline before it was cached) would stay failed for
 * the rest of the page or worker: Chromium keeps a failed dynamic import in the module map, and every later
 * `import()` of that URL rejects at once without a fetch (whatwg/html#6768; the spec changed in #10327, the Chromium
 * here does not have it yet). `importAgain` runs the import and, when it failed that way, imports the same file under
 * a fresh URL (a query the service worker ignores: it serves the cached or downloaded file by path), so the next try
 * after the network is back really fetches it. The chunk's own imports are modules already loaded, so they are
 * shared, not loaded twice (a dependency of the chunk that failed itself stays failed: the chunks this is used for
 * import only the worker's own modules and precached shell files). A browser whose error does not name the URL gets
 * the original error, and so does the Vite dev server, whose modules are .ts URLs.
 */

/** The URL of the module a failed dynamic import names (Chromium, Firefox), else null. */
export function failedModuleUrl(e: unknown): string | null {
  const message = e instanceof Error ? e.message : '';
  if (!/dynamically imported module/i.test(message)) return null;
  return /(?:https?:\/\/[^\s'"/]+)?\/[^\s'"]*\.m?js(?=$|[?#\s'"])(?:\?[^\s'"#]*)?/.exec(message)?.[0] ?? null;
}

const loadedAs = new Map<string, string>(); // a URL whose import failed → the fresh URL that then loaded
let attempts = 0;

export async function importAgain<T>(load: () => Promise<T>, importUrl: (url: string) => Promise<unknown> = (u) => import(/* @vite-ignore */ u)): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const url = failedModuleUrl(e);
    if (!url) throw e;
    const known = loadedAs.get(url);
    if (known) return (await importUrl(known)) as T;
    const fresh = `${url}${url.includes('?') ? '&' : '?'}again=${++attempts}`;
    const m = (await importUrl(fresh)) as T; // a failure here is thrown; the next call tries another fresh URL
    loadedAs.set(url, fresh);
    return m;
  }
}
