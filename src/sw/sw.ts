/// <reference lib="webworker" />
/**
 * The service worker. Two tiers:
 *  1. the app shell and every built asset (JS, CSS, HTML, wasm, icons) — Workbox precache, revisioned by the build;
 *  2. the models — a cache named after models/manifest.json's version, filled at install, each file checked
 *     against its sha256 before it is stored; older model caches are deleted only on activation, which waits
 *     for the user to accept "reload to update" (an update never swaps models under a running session).
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import manifestJson from '../../models/manifest.json';
import type { ModelManifest } from '../core/model-manifest.ts';
import { modelUrls, MODEL_CACHE_PREFIX, modelCacheName, REFETCH_HEADER } from './model-cache.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

const manifest = manifestJson as ModelManifest;
const CACHE = modelCacheName(manifest);
const files = modelUrls(manifest);
/** Lazy models (the explicit-photo check) are not part of the first visit: cached by the fetch handler on first use. */
const eager = modelUrls({ ...manifest, models: manifest.models.filter((m) => !m.lazy) });

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/models\//, /^\/api\//, /^\/assets\//, /\/[^/?]+\.[a-z0-9]+($|\?)/i] }));

async function sha256(buf: ArrayBuffer): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest('SHA-256', buf))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Downloads one model file, verifies it and stores it; a truncated or altered download is never cached. */
async function fetchVerified(url: string): Promise<Response> {
  const spec = files.get(url);
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok || !spec) return res;
  const body = await res.arrayBuffer();
  if (body.byteLength !== spec.bytes || (await sha256(body)) !== spec.sha256) {
    throw new Error(`${url}: download incomplete or damaged (${body.byteLength} of ${spec.bytes} bytes)`);
  }
  const headers = new Headers(res.headers);
  const verified = new Response(body, { status: 200, headers });
  await (await caches.open(CACHE)).put(url, verified.clone());
  return verified;
}

async function cacheAllModels(): Promise<void> {
  const cache = await caches.open(CACHE);
  for (const url of eager.keys()) {
    if (await cache.match(url)) continue; // resumes where an interrupted install stopped
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      try { await fetchVerified(url); lastError = null; break; } catch (e) { lastError = e; }
    }
    if (lastError) throw lastError; // install fails; the browser retries on the next visit
  }
}

self.addEventListener('install', (event) => event.waitUntil(cacheAllModels()));

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith(MODEL_CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
  })());
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || !files.has(url.pathname)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    if (event.request.headers.get(REFETCH_HEADER)) await cache.delete(url.pathname); // the page found it corrupt
    else {
      const hit = await cache.match(url.pathname);
      if (hit) return hit;
    }
    return fetchVerified(url.pathname);
  })());
});
