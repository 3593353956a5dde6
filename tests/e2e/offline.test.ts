/**
 * The installed PWA, served compressed by the app's own preview middleware with a byte counter in front of it:
 * the first visit downloads each file once and only what the default settings need, is then ready offline,
 * loads everything from the caches afterwards, works with the network gone, and says what is missing when the
 * settings ask for a model that is not on the device.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { preview, type Plugin } from 'vite';
import { DATA_DIR, dataFile, launch, waitReady } from './browser.ts';
import { barcodeFrame } from '../fixtures/barcodes.ts';
import { countPerPath, wireCounter, type Hit } from '../bench/wire-counter.ts';
import { pricingSettled, textOf } from './suite.ts';
import manifestJson from '../../models/manifest.json';
import { DEFAULT_ENGINE, imageModel, type ModelManifest } from '../../src/core/model-manifest.ts';

const photo = () => dataFile(join(DATA_DIR, 'photos/imagenet-sample-images/n04399382_teddy.JPEG'));
const DIST = resolve(process.env.DIST_DIR ?? 'dist');
const ONNX_DIR = '/models/mobilenetv2-12-int8_onnx/';
const DEFAULT_ENTRY = imageModel(manifestJson as ModelManifest, DEFAULT_ENGINE);
/** The default engine's model file (LiteRT's .tflite): fetched once on the first visit. */
const DEFAULT_MODEL = `/models/${DEFAULT_ENTRY.dir}/${DEFAULT_ENTRY.entry}`;

/** Drops the connection of each request whose path matches `pattern()` (the browser sees a network error). */
function dropConnections(pattern: () => RegExp | null): Plugin {
  return {
    name: 'e2e-drop-connections',
    enforce: 'pre',
    configurePreviewServer(server) {
      server.middlewares.use((req, _res, next) => {
        const p = pattern();
        if (p?.test(new URL(req.url ?? '/', 'http://x').pathname)) req.socket.destroy();
        else next();
      });
    },
  };
}

/** Origins of every server the suite started (what "nothing left the origin" allows). */
const origins = new Set<string>();

interface Served {
  base: string;
  /** Every response this server sent. */
  hits: Hit[];
  /** Requests for matching paths get their connection dropped, as on a flaky network. */
  drop: RegExp | null;
  close(): Promise<void>;
}

/**
 * The build served as the tests serve it (compressed, security headers) with a byte counter: one server per browser
 * profile that counts downloads, so another profile's background downloads (the suite's first tab keeps running)
 * never land in its counts.
 */
async function serve(): Promise<Served> {
  const hits: Hit[] = [];
  const served: Served = { base: '', hits, drop: null, close: async () => {} };
  const server = await preview({
    build: { outDir: DIST },
    preview: { port: 4199, strictPort: false, host: '127.0.0.1' },
    logLevel: 'warn',
    plugins: [dropConnections(() => served.drop), wireCounter(DIST, (h) => hits.push(h))],
  });
  served.base = server.resolvedUrls!.local[0].replace(/\/$/, '');
  served.close = () => new Promise<void>((r) => server.httpServer.close(() => r()));
  origins.add(new URL(served.base).origin);
  return served;
}

/** The service worker's own answer to "what do these settings still need" (no download). */
function coverage(page: Page, engine: string): Promise<unknown> {
  return page.evaluate(
    (engine) =>
      new Promise((resolve) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = (m) => resolve(m.data);
        setTimeout(() => resolve('no answer in 10 s'), 10_000);
        navigator.serviceWorker.controller?.postMessage({ type: 'coverage', engine, fetch: false }, [ch.port2]);
      }),
    engine,
  );
}

describe('offline PWA', () => {
  let main: Served;
  let base = '';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const firstVisit: Hit[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    main = await serve();
    base = main.base;
    browser = await launch();
    context = await browser.newContext({ serviceWorkers: 'allow' });
    context.on('request', (r) => requests.push(r.url()));
    page = await context.newPage();
    await page.goto(base + '/');
    await page.getByTestId('status').filter({ hasText: 'Ready offline' }).waitFor({ timeout: 170_000 });
    await page.waitForTimeout(500);
    firstVisit.push(...main.hits);
  });
  afterEach(async () => context?.setOffline(false));
  afterAll(async () => {
    await browser?.close();
    await main?.close();
  });

  it('serves the security headers, compressed assets with long-lived caching, and stays cross-origin isolated', async () => {
    const res = await fetch(base + '/');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/https?:/);
    expect(res.headers.get('permissions-policy')).toMatch(/camera=\(self\)/);
    const js = /src="(\/assets\/[^"]+\.js)"/.exec(await res.text())![1];
    const asset = await fetch(base + js, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect(asset.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const again = await fetch(base + js, { headers: { 'accept-encoding': 'br, gzip', 'if-none-match': asset.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  });

  it('first visit: each file downloaded once, the shell precache holds no wasm or model, the unused engine is not fetched', () => {
    const count = countPerPath(firstVisit.filter((x) => x.status === 200));
    expect([...count].filter(([, n]) => n > 1)).toEqual([]);
    expect(count.get(DEFAULT_MODEL)).toBe(1); // the default engine's (LiteRT's) TFLite file
    expect([...count.keys()].filter((p) => p.endsWith('/group1-shard1of1.bin'))).toEqual([]); // no TF.js graph before a photo
    expect([...count.keys()].filter((p) => p.startsWith(ONNX_DIR))).toEqual([]);
    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    const entries = [...sw.matchAll(/\{[^{}]*"url":"[^"]+"[^{}]*\}/g)].map((m) => JSON.parse(m[0]) as { url: string; lazy?: boolean });
    expect(entries.length).toBeGreaterThan(5);
    expect(entries.filter((e) => !e.lazy && /\.(wasm|onnx|bin)$|^models\//.test(e.url))).toEqual([]);
    expect(entries.filter((e) => e.url.endsWith('.wasm')).every((e) => e.lazy)).toBe(true);
  });

  it('says how much it cached and has an installable web manifest', async () => {
    const text = await page.getByTestId('status').innerText();
    const mb = Number(/Ready offline \(([\d.]+) MB\)/.exec(text)?.[1]);
    expect(mb).toBeGreaterThan(7); // the photo model, our two listing models and the runtimes
    const manifest = await (await fetch(base + '/manifest.webmanifest')).json();
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((i: { sizes: string; purpose?: string }) => `${i.sizes}${i.purpose ? ':' + i.purpose : ''}`)).toEqual([
      '192x192',
      '512x512',
      '512x512:maskable',
    ]);
  });

  it('after the first visit, every file the app loads comes from the cache (the server sees only the SW update check)', async () => {
    main.hits.length = 0;
    await page.reload();
    await waitReady(page);
    await page.getByTestId('status').filter({ hasText: 'Ready offline' }).waitFor({ timeout: 60_000 });
    expect(main.hits.map((h) => h.path).filter((p) => p !== '/sw.js')).toEqual([]);
    // The first photo may load models marked lazy (cached on first use): those, once each, and nothing else.
    await page.getByTestId('photo-input').setInputFiles(photo());
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 60_000 }).toMatch(/teddy/i);
    const models = JSON.parse(readFileSync('models/manifest.json', 'utf8')) as { models: { dir: string; lazy?: boolean }[] };
    const lazyDirs = models.models.filter((m) => m.lazy).map((m) => `/models/${m.dir}/`);
    const after = main.hits.map((h) => h.path).filter((p) => p !== '/sw.js');
    expect(after.filter((p) => !lazyDirs.some((d) => p.startsWith(d)))).toEqual([]);
    expect(new Set(after).size).toBe(after.length);
  });

  it('a repeat visit starts the inference worker before the page has mounted, loads the default engine without tfjs, and builds the catalog index only once the photo path has loaded', async () => {
    // A tab of its own: the first one, closed, can no longer reopen its draft here or share the cores (a plain tab
    // takes its place for the later tests).
    await page.close();
    const p = await context.newPage();
    await p.addInitScript(() => {
      // no reopened title to match against the catalog (so the next test's reload starts a new listing, too)
      localStorage.removeItem('listing-assistant.current-draft');
      const at: Record<string, number> = {};
      (window as unknown as { __at: typeof at }).__at = at;
      const Native = window.Worker;
      window.Worker = class extends Native {
        constructor(url: string | URL, opts?: WorkerOptions) {
          super(url, opts);
          if (opts?.name) at[opts.name.split(':')[0]] ??= performance.now(); // "inference:litert": role, engine
        }
      };
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="photo-input"]')) at.mounted ??= performance.now();
        if (document.querySelector('[data-testid="backend"][data-threads]')) at.engineLoaded ??= performance.now(); // engine loaded
      }).observe(document, { childList: true, subtree: true, attributes: true });
    });
    const requested: string[] = [];
    p.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await p.goto(base + '/');
    await p
      .getByTestId('status')
      .filter({ hasText: /^Ready/ })
      .waitFor({ timeout: 60_000 });
    // the default engine's worker runs without tfjs (its chunk comes with the TF.js engine or the first explicit check)
    expect(requested.some((u) => /\/inference-handlers-[\w-]+\.js$/.test(u))).toBe(true);
    expect(requested.filter((u) => /\/tfjs-browser-[\w-]+\.js$/.test(u))).toEqual([]);
    const at = () => p.evaluate(() => (window as unknown as { __at: Record<string, number> }).__at);
    await expect.poll(async () => (await at()).catalog, { timeout: 30_000 }).toBeGreaterThan(0);
    const t = await at();
    expect(t.inference).toBeLessThan(t.mounted); // its script loads while IndexedDB opens and the page mounts
    expect(t.engineLoaded).toBeGreaterThan(0);
    const why = JSON.stringify({ ...t, title: await p.getByTestId('title').inputValue() }); // a title would be matched at once
    expect(t.catalog, why).toBeGreaterThan(t.engineLoaded); // the index build does not take a core from the photo path
    await p.close();
    page = await context.newPage();
    await page.goto(base + '/');
    await waitReady(page);
  });

  it('offline: reloads, suggests from a photo, prices, reads a barcode, saves a draft that survives another reload', async () => {
    await context.setOffline(true);
    await page.reload();
    await waitReady(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.getByTestId('photo-input').setInputFiles(photo());
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 60_000 }).toMatch(/teddy/i);
    await expect.poll(textOf(page, 'price-range'), { timeout: 30_000 }).toMatch(/Based on [\d,]+ similar listings/);
    await page.getByTestId('barcode-input').setInputFiles({ name: 'code.jpg', mimeType: 'image/jpeg', buffer: await barcodeFrame('5901234123457') });
    await expect.poll(textOf(page, 'gtin'), { timeout: 60_000 }).toBe('5901234123457');
    await pricingSettled(page); // the barcode's re-price
    await page.getByTestId('price').fill('8');
    await page.getByTestId('save-state').filter({ hasText: 'Saved on this device' }).waitFor({ timeout: 20_000 });
    const title = await page.getByTestId('title').inputValue(); // the photo's, or the catalog's for the barcode
    expect(title.length).toBeGreaterThan(3);
    await page.reload();
    await waitReady(page);
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 20_000 }).toBe(title);
    expect(await page.getByTestId('price').inputValue()).toBe('8');
    await context.setOffline(false);
  });

  it('offline, switching to the ONNX engine that was never downloaded says what is missing, and the engine on the device still reads photos', async () => {
    await context.setOffline(true);
    await page.getByText('Settings').click();
    await page.getByTestId('engine-select').selectOption('onnx');
    await expect.poll(textOf(page, 'error'), { timeout: 60_000 }).toMatch(/You are offline and MobileNetV2-12 int8 .*\(3\.7 MB\) is not on this device yet/);
    await expect.poll(textOf(page, 'error'), { timeout: 30_000 }).toMatch(/Until then LiteRT\.js .*, which is on this device, reads your photos/);
    await expect.poll(() => page.getByTestId('status').innerText(), { timeout: 30_000 }).toMatch(/Offline · 4\.5 MB not downloaded/); // the ONNX model 3.7 MB + its photo head 0.8 MB
    await page.getByTestId('engine-select').selectOption(DEFAULT_ENGINE);
    await waitReady(page);
    await context.setOffline(false);
  });

  it('online, the ONNX engine is downloaded once when chosen, then also runs offline', async () => {
    main.hits.length = 0;
    await page.getByTestId('engine-select').selectOption('onnx');
    await expect.poll(() => main.hits.some((h) => h.path === `${ONNX_DIR}mobilenetv2-12-int8.onnx`), { timeout: 120_000 }).toBe(true);
    await page
      .getByTestId('status')
      .filter({ hasText: /^Ready · .*Ready offline/ })
      .waitFor({ timeout: 120_000 })
      .catch(async (e: Error) => {
        const seen = {
          status: await page.getByTestId('status').innerText(),
          coverage: await coverage(page, 'onnx'),
          error: await textOf(page, 'error')(),
          hits: main.hits.map((h) => `${h.status} ${h.path}`),
        };
        throw new Error(`${e.message}\n${JSON.stringify(seen)}`);
      });
    const onnx = main.hits.filter((h) => h.path.startsWith(ONNX_DIR)).map((h) => h.path);
    expect(onnx.sort()).toEqual([`${ONNX_DIR}mobilenetv2-12-int8.onnx`, `${ONNX_DIR}synset.txt`]);
    await context.setOffline(true);
    await page.reload();
    await waitReady(page);
    const done = page.locator('ul[aria-label="Photos"] li.done');
    const before = await done.count();
    await page.getByTestId('photo-input').setInputFiles(photo());
    await expect.poll(() => done.count(), { timeout: 60_000 }).toBeGreaterThan(before);
    expect(await page.getByTestId('backend').textContent()).toMatch(/ONNX Runtime/);
    await page.getByText('Settings').click();
    await page.getByTestId('engine-select').selectOption(DEFAULT_ENGINE);
    await context.setOffline(false);
  });

  it('a photo added the moment the page is interactive, before the service worker took control: suggested, and still each file downloaded once', async () => {
    const own = await serve();
    const fresh = await browser.newContext({ serviceWorkers: 'allow' });
    fresh.on('request', (r) => requests.push(r.url()));
    try {
      const p = await fresh.newPage();
      await p.goto(own.base + '/');
      await p.getByTestId('photo-input').setInputFiles(photo());
      await expect.poll(() => p.getByTestId('title').inputValue(), { timeout: 120_000 }).toMatch(/teddy/i);
      await p.getByTestId('status').filter({ hasText: 'Ready offline' }).waitFor({ timeout: 170_000 });
      await p.waitForTimeout(500);
      const count = countPerPath(own.hits.filter((x) => x.status === 200));
      expect(count.get(DEFAULT_MODEL)).toBe(1);
      expect([...count].filter(([, n]) => n > 1)).toEqual([]);
    } finally {
      await fresh.close();
      await own.close();
    }
  });

  it('installed when TF.js was the default, opened offline after the update: TF.js (on the device) reads the photo and says why', async () => {
    const old = await browser.newContext({ serviceWorkers: 'allow' });
    try {
      // Until "upgraded", every load of this profile has the settings an earlier version saved: engine TF.js.
      await old.addInitScript(() => {
        if (!localStorage.getItem('e2e-upgraded'))
          localStorage.setItem('listing-assistant.settings.v1', JSON.stringify({ engine: 'tfjs', backend: 'auto', threads: 'auto', checkExplicit: true }));
      });
      const p = await old.newPage();
      const litert: string[] = [];
      p.on('request', (r) => void (/litert_wasm_|_embedding\.tflite$/.test(r.url()) && litert.push(r.url())));
      await p.goto(base + '/');
      await p.getByTestId('status').filter({ hasText: 'Ready offline' }).waitFor({ timeout: 170_000 });
      expect(litert).toEqual([]); // LiteRT was never downloaded on this device
      await p.evaluate(() => {
        localStorage.setItem('e2e-upgraded', '1');
        localStorage.removeItem('listing-assistant.settings.v1'); // no saved engine: the new default, LiteRT
      });
      await old.setOffline(true);
      await p.reload();
      // On opening: what is missing, and that photos are still read (a photo added later clears the message).
      await expect
        .poll(textOf(p, 'error'), { timeout: 60_000 })
        .toMatch(/LiteRT\.js .*\(3\.\d MB\) is not on this device yet.*Until then TensorFlow\.js .*, which is on this device, reads your photos/);
      await p.getByTestId('photo-input').setInputFiles(photo());
      await expect.poll(() => p.getByTestId('title').inputValue(), { timeout: 120_000 }).toMatch(/teddy/i);
      expect(await p.locator('ul[aria-label="Photos"] li').first().innerText()).toMatch(
        /LiteRT\.js .* was not on this device when this visit began: TensorFlow\.js .* read this photo/,
      );
      await p.getByText('Details: why these suggestions').click();
      expect(await p.getByTestId('backend').innerText()).toMatch(/TensorFlow\.js/);
      expect(await p.getByTestId('engine-fallback').innerText()).toMatch(/in place of LiteRT\.js/);
    } finally {
      await old.close();
    }
  });

  it("a runtime whose download failed (the explicit check's tfjs-layers, connection dropped) is fetched again once the network is back: Ready offline again, and the next photo is checked", async () => {
    const own = await serve();
    const fresh = await browser.newContext({ serviceWorkers: 'allow' });
    fresh.on('request', (r) => requests.push(r.url()));
    const LAYERS = /^\/assets\/lazy-tfjs-layers-[\w-]+\.js$/;
    try {
      const p = await fresh.newPage();
      await p.goto(own.base + '/');
      await p.getByTestId('status').filter({ hasText: 'Ready offline' }).waitFor({ timeout: 170_000 }); // no photo yet: the check's code is not on the device
      own.drop = LAYERS;
      const photos = p.locator('ul[aria-label="Photos"] li');
      await p.getByTestId('photo-input').setInputFiles(photo());
      await expect.poll(() => p.getByTestId('title').inputValue(), { timeout: 60_000 }).toMatch(/teddy/i);
      // the check's model files came; its code did not
      await expect.poll(() => own.hits.filter((h) => /\/models\/nsfw_mobilenet_v2\/group1-shard1of1\.bin$/.test(h.path)).length, { timeout: 60_000 }).toBe(1);
      await expect
        .poll(async () => JSON.stringify(await coverage(p, DEFAULT_ENGINE)), { timeout: 60_000 })
        .toMatch(/"runtimeFailed":\["\/assets\/lazy-tfjs-layers-/);
      expect(await photos.first().getAttribute('data-explicit')).toBeNull();
      own.drop = null;
      // the network comes back (the page hears "online")
      await fresh.setOffline(true);
      await fresh.setOffline(false);
      await expect
        .poll(async () => JSON.stringify(await coverage(p, DEFAULT_ENGINE)), { timeout: 60_000 })
        .toMatch(/"missing":\[\],"runtimePending":0,"runtimeFailed":\[\]/);
      expect(own.hits.filter((h) => LAYERS.test(h.path) && h.status === 200)).toHaveLength(1); // fetched again, once
      await expect.poll(() => p.getByTestId('status').innerText(), { timeout: 30_000 }).toMatch(/^Ready · .*Ready offline/);
      await p.getByTestId('photo-input').setInputFiles(photo());
      await expect.poll(() => photos.nth(1).getAttribute('data-explicit'), { timeout: 90_000 }).not.toBeNull();
    } finally {
      await fresh.close();
      await own.close();
    }
  });

  it('nothing left the origin', () => {
    expect(requests.filter((u) => !origins.has(new URL(u).origin) && !/^(blob|data):/.test(u))).toEqual([]);
  });
});
