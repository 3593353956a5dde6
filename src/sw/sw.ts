/// <reference lib="webworker" />
/**
 * The service worker. Each byte is downloaded once:
 *  1. the app shell (src/sw/shell-cache.ts): installed from what the page has just loaded (HTTP cache, sha256
 *     checked), runtimes (wasm) cached when first fetched, never at install;
 *  2. the models (src/sw/model-store.ts): cached when first needed, by manifest version, sha256 checked.
 * The first version takes control of the page at once (the page waits for that before starting its workers, so
 * their model and wasm requests come through here); later versions wait for "reload to update".
 */
import manifestJson from '../../models/manifest.json';
import type { ModelManifest } from '../core/model-manifest.ts';
import { REFETCH_HEADER } from './model-cache.ts';
import { PHOTO_PATH, PRICE_PATH } from './verified-fetch.ts';
import { ModelStore } from './model-store.ts';
import { ShellCache } from './shell-cache.ts';
import type { ShellEntry } from './shell-list.ts';
import type { SwCoverage, SwRequest } from './messages.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: ShellEntry[] };

const shell = new ShellCache(self.__WB_MANIFEST);
const models = new ModelStore(manifestJson as ModelManifest);
/** Paths the single-page app never answers with index.html. */
const NOT_NAVIGATION = [/^\/models\//, /^\/api\//, /^\/assets\//, /\/[^/?]+\.[a-z0-9]+($|\?)/i];

self.addEventListener('install', (event) => event.waitUntil(shell.install()));

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      await shell.activate();
      await models.activate();
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const msg = event.data as SwRequest | undefined;
  if (msg?.type === 'SKIP_WAITING') void self.skipWaiting();
  else if (msg?.type === 'coverage') {
    const port = event.ports[0];
    event.waitUntil(
      (async () => {
        const missing = [...(await models.missing(msg.engine, msg.fetch)), ...(await shell.missing(msg.fetch))];
        const reply: SwCoverage = {
          type: 'coverage',
          missing,
          runtimePending: shell.pending,
          runtimeFailed: [...shell.failed],
          cachedBytes: (await shell.cachedBytes()) + (await models.cachedBytes()),
        };
        port?.postMessage(reply);
      })(),
    );
  }
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (models.files.has(url.pathname)) {
    event.respondWith(models.respond(url.pathname, !!req.headers.get(REFETCH_HEADER)));
    return;
  }
  const entry = shell.byPath.get(url.pathname);
  if (entry) {
    // A runtime every setting needs (the barcode reader, wanted by the quiet barcode search after a photo) shares
    // the price's turn; anything else the app asks for is on the photo path.
    event.respondWith(shell.respond(entry, entry.needed ? PRICE_PATH : PHOTO_PATH));
    return;
  }
  const index = shell.byPath.get('/index.html');
  if (req.mode === 'navigate' && index && !NOT_NAVIGATION.some((r) => r.test(url.pathname))) event.respondWith(shell.respond(index));
});
