/// <reference lib="webworker" />
/**
 * Tier 1: the app shell (HTML, JS, CSS, icons, web manifest), one cache per build. Installing takes each file from
 * the HTTP cache when the page has just loaded the very same bytes (checked by sha256; `only-if-cached`, so a miss
 * costs no download), else from the network, so a first visit downloads each shell file once. Runtimes (wasm, `lazy`) are stored when first fetched, verified the
 * same way; an update carries over every file whose sha256 did not change.
 */
import { entryPath, SHELL_CACHE_PREFIX, shellCacheName, type ShellEntry } from './shell-list.ts';
import { BACKGROUND, fetchChecked, NetworkDown, once, PHOTO_PATH } from './verified-fetch.ts';

export class ShellCache {
  readonly name: string;
  readonly byPath = new Map<string, ShellEntry>();
  /** Runtime downloads in flight, and those that failed (named in "ready offline" checks). */
  pending = 0;
  failed = new Set<string>();

  constructor(all: ShellEntry[]) {
    // vite-plugin-pwa appends the web manifest's icons with md5 revisions: keep our sha256 entries (they have a byte size).
    const entries = all.filter((e) => typeof e.bytes === 'number' && /^[0-9a-f]{64}$/.test(e.revision));
    this.name = shellCacheName(entries);
    for (const e of entries) this.byPath.set(entryPath(e), e);
  }

  /**
   * The copy the page (or the browser, for the web manifest and its icons) has just loaded, from the HTTP cache
   * without touching the network: index.html was loaded as "/", and the manifest without credentials.
   */
  private async fromHttpCache(e: ShellEntry): Promise<Response | null> {
    const path = entryPath(e);
    const urls = path === '/index.html' ? ['/', path] : [path];
    for (const url of urls) {
      for (const credentials of ['same-origin', 'omit'] as const) {
        const res = await fetchChecked(url, e.revision, 'only-if-cached', e.bytes, credentials).catch(() => null);
        if (res) return res;
      }
    }
    return null;
  }

  /** A copy with the same sha256 from an older build's cache (an update re-downloads only what changed). */
  private async fromOlder(path: string, sha: string): Promise<Response | null> {
    for (const name of await caches.keys()) {
      if (!name.startsWith(SHELL_CACHE_PREFIX) || name === this.name) continue;
      const hit = await (await caches.open(name)).match(path);
      if (hit?.headers.get('x-sha256') === sha) return hit;
    }
    return null;
  }

  private async download(e: ShellEntry, first: RequestCache): Promise<Response> {
    const path = entryPath(e);
    const res =
      (await this.fromOlder(path, e.revision)) ??
      (await this.fromHttpCache(e)) ??
      (await fetchChecked(path, e.revision, first, e.bytes)) ??
      (await fetchChecked(path, e.revision, 'reload', e.bytes));
    if (!res) throw new Error(`${path}: the server's copy does not match this version of the app`);
    await (await caches.open(this.name)).put(path, res.clone());
    return res;
  }

  /** Install: every eager file, four at a time; throws (install fails, retried next visit) if one cannot be had. */
  async install(): Promise<void> {
    const cache = await caches.open(this.name);
    const todo = [...this.byPath.values()].filter((e) => !e.lazy);
    const worker = async () => {
      for (let e = todo.shift(); e; e = todo.shift()) {
        if (!(await cache.match(entryPath(e)))) await this.download(e, 'no-cache');
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  }

  /**
   * Serves a shell file or runtime: from the cache, else downloaded once, verified and stored. A request from the
   * app (a worker starting a runtime) is urgent; the coverage top-up's prefetch waits behind the photo and price path.
   */
  async respond(e: ShellEntry, priority = PHOTO_PATH): Promise<Response> {
    const path = entryPath(e);
    const hit = await (await caches.open(this.name)).match(path);
    if (hit) return hit;
    if (e.lazy) this.pending++;
    try {
      const res = await once(
        path,
        () => this.download(e, 'default'),
        priority,
        async () => (await caches.open(this.name)).match(path),
      );
      this.failed.delete(path);
      return res;
    } catch (err) {
      if (e.lazy) this.failed.add(path);
      if (err instanceof NetworkDown) return Response.error();
      throw err;
    } finally {
      if (e.lazy) this.pending--;
    }
  }

  /** Activation: keep lazily cached runtimes that did not change, then drop older builds' caches. */
  async activate(): Promise<void> {
    const cache = await caches.open(this.name);
    for (const e of this.byPath.values()) {
      if (!e.lazy || (await cache.match(entryPath(e)))) continue;
      const old = await this.fromOlder(entryPath(e), e.revision);
      if (old) await cache.put(entryPath(e), old);
    }
    for (const name of await caches.keys()) if (name.startsWith(SHELL_CACHE_PREFIX) && name !== this.name) await caches.delete(name);
    // Caches of the Workbox precache this app used before.
    for (const name of await caches.keys()) if (name.startsWith('workbox-precache')) await caches.delete(name);
  }

  /**
   * Runtimes every setting needs that are not cached; with `fetch`, each is downloaded first, and each runtime whose
   * download failed earlier (offline, or the connection dropped) is tried again: a failure stays in `failed`, and so
   * keeps "Ready offline" from being claimed, only until the network is back.
   */
  async missing(fetch: boolean): Promise<{ url: string; model: string; bytes: number }[]> {
    const cache = await caches.open(this.name);
    const retried = new Set<string>();
    if (fetch)
      for (const path of [...this.failed]) {
        const e = this.byPath.get(path);
        if (e) await this.respond(e, BACKGROUND).catch(() => null);
        else this.failed.delete(path);
        retried.add(path);
      }
    const out = [];
    for (const e of this.byPath.values()) {
      if (!e.needed || (await cache.match(entryPath(e)))) continue;
      if (
        fetch &&
        !retried.has(entryPath(e)) &&
        (await this.respond(e, BACKGROUND).then(
          (r) => r.ok,
          () => false,
        ))
      )
        continue;
      out.push({ url: entryPath(e), model: e.needed, bytes: e.bytes });
    }
    return out;
  }

  /** Bytes of this build's files now in the cache. */
  async cachedBytes(): Promise<number> {
    const cache = await caches.open(this.name);
    let n = 0;
    for (const e of this.byPath.values()) if (await cache.match(entryPath(e))) n += e.bytes;
    return n;
  }
}
