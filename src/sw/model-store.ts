/// <reference lib="webworker" />
/**
 * Tier 2: model files, in a cache named after models/manifest.json's version. A file is downloaded when first
 * needed (the page's request, or a coverage top-up for the current settings), once, checked against its sha256
 * before it is stored; offline, a file not cached yet gets a 503 that says so. An update carries over files
 * whose sha256 did not change; older model caches go on activation.
 */
import type { ImageEngine, ModelEntry, ModelManifest } from '../core/model-manifest.ts';
import { modelCacheName, modelUrls, MODEL_CACHE_PREFIX, neededModelUrls, OFFLINE_MISSING_HEADER, type ModelFileSpec } from './model-cache.ts';
import { BACKGROUND, fetchChecked, NetworkDown, once, PHOTO_PATH, PRICE_PATH } from './verified-fetch.ts';

export class ModelStore {
  readonly name: string;
  readonly files: Map<string, ModelFileSpec>;

  constructor(private readonly manifest: ModelManifest) {
    this.name = modelCacheName(manifest);
    this.files = modelUrls(manifest);
  }

  private async download(url: string): Promise<Response> {
    const spec = this.files.get(url)!;
    let res: Response | null;
    try {
      res = await fetchChecked(url, spec.sha256, 'no-store', spec.bytes);
    } catch (e) {
      if (!(e instanceof NetworkDown)) throw e;
      return new Response(`${url} is not on this device yet and the network is unreachable.`, {
        status: 503,
        headers: { [OFFLINE_MISSING_HEADER]: '1', 'content-type': 'text/plain' },
      });
    }
    if (!res) throw new Error(`${url}: download incomplete or damaged`);
    await (await caches.open(this.name)).put(url, res.clone());
    return res;
  }

  /** The cached copy, else one verified download (`refetch`: the page found the cached copy corrupt). */
  async respond(url: string, refetch = false): Promise<Response> {
    const cache = await caches.open(this.name);
    if (refetch) await cache.delete(url);
    else {
      const hit = await cache.match(url);
      if (hit) return hit;
    }
    return once(
      url,
      () => this.download(url),
      downloadClass(this.files.get(url)!.model),
      () => cache.match(url),
    );
  }

  /**
   * Files these settings need that are not cached; with `fetch`, each is downloaded first (3 tries). All are asked for
   * at once, each in its download class, so the photo path goes first and nothing less urgent starts in between.
   */
  async missing(engine: ImageEngine, fetch: boolean): Promise<{ url: string; model: string; bytes: number }[]> {
    const cache = await caches.open(this.name);
    const checked = await Promise.all(
      neededModelUrls(this.manifest, engine).map(async (url) => {
        if (await cache.match(url)) return null;
        let ok = false;
        for (let i = 0; fetch && !ok && i < 3; i++)
          ok = await this.respond(url).then(
            (r) => r.ok,
            () => false,
          );
        const spec = this.files.get(url)!;
        return ok ? null : { url, model: spec.model.name, bytes: spec.bytes };
      }),
    );
    return checked.filter((x) => x !== null);
  }

  async activate(): Promise<void> {
    const cache = await caches.open(this.name);
    const older = (await caches.keys()).filter((n) => n.startsWith(MODEL_CACHE_PREFIX) && n !== this.name);
    for (const [url, spec] of this.files) {
      if (await cache.match(url)) continue;
      for (const name of older) {
        const hit = await (await caches.open(name)).match(url);
        if (hit?.headers.get('x-sha256') === spec.sha256) {
          await cache.put(url, hit);
          break;
        }
      }
    }
    for (const name of older) await caches.delete(name);
  }

  async cachedBytes(): Promise<number> {
    const cache = await caches.open(this.name);
    let n = 0;
    for (const [url, spec] of this.files) if (await cache.match(url)) n += spec.bytes;
    return n;
  }
}

/**
 * A photo's suggestion needs the photo model and head first; the rest of a first listing next: the price and
 * text → category models (the worker loads them together) and the starter catalog (fetched with them, so "Ready offline"
 * covers it; the page imports it into IndexedDB later, once the first listing's models have loaded and the app is
 * quiet, or at once for a barcode lookup; an import a closed page left half done resumes on the next visit). Models
 * loaded on first use (the explicit check) after.
 */
export function downloadClass(model: ModelEntry): number {
  if (model.task === 'image-classification' || model.task === 'photo-head') return PHOTO_PATH;
  return model.task === 'price' || model.task === 'text-category' || model.task === 'catalog' ? PRICE_PATH : BACKGROUND;
}
