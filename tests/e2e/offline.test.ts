/** The installed PWA: ready offline after one visit, works with the network gone, caches everything it loads. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DATA_DIR, baseUrl, dataFile, launch, waitReady } from './browser.ts';
import { barcodeFrame } from '../fixtures/barcodes.ts';

const photo = () => dataFile(join(DATA_DIR, 'photos/imagenet-sample-images/n04399382_teddy.JPEG'));

describe('offline PWA', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    browser = await launch();
    context = await browser.newContext({ serviceWorkers: 'allow' });
    context.on('request', (r) => requests.push(r.url()));
    page = await context.newPage();
    await page.goto(baseUrl() + '/');
    await page.getByTestId('status').filter({ hasText: 'Ready offline' }).waitFor({ timeout: 150_000 });
  });
  afterAll(async () => browser?.close());

  it('serves the security headers and stays cross-origin isolated', async () => {
    const res = await fetch(baseUrl() + '/');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/https?:/);
    expect(res.headers.get('permissions-policy')).toMatch(/camera=\(self\)/);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  });

  it('says how much it cached and has an installable web manifest', async () => {
    const text = await page.getByTestId('status').innerText();
    const mb = Number(/Ready offline \(([\d.]+) MB\)/.exec(text)?.[1]);
    expect(mb).toBeGreaterThan(7); // both models (7 MB) plus the runtimes
    const manifest = await (await fetch(baseUrl() + '/manifest.webmanifest')).json();
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((i: { sizes: string; purpose?: string }) => `${i.sizes}${i.purpose ? ':' + i.purpose : ''}`)).toEqual(['192x192', '512x512', '512x512:maskable']);
  });

  it('offline: reloads, suggests from a photo, saves a draft that survives another reload', async () => {
    await context.setOffline(true);
    await page.reload();
    await waitReady(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.getByTestId('photo-input').setInputFiles(photo());
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 60_000 }).toMatch(/teddy/i);
    await expect.poll(() => page.getByTestId('price-range').innerText().catch(() => ''), { timeout: 30_000 }).toMatch(/typical \$\d+/);
    await page.getByTestId('barcode-input').setInputFiles({ name: 'code.jpg', mimeType: 'image/jpeg', buffer: await barcodeFrame('5901234123457') });
    await expect.poll(() => page.getByTestId('gtin').innerText().catch(() => ''), { timeout: 60_000 }).toBe('5901234123457');
    await page.getByTestId('price').fill('8');
    await page.getByTestId('save-state').filter({ hasText: 'Saved on this device' }).waitFor({ timeout: 20_000 });
    await page.reload();
    await waitReady(page);
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 20_000 }).toMatch(/teddy/i);
    expect(await page.getByTestId('price').inputValue()).toBe('8');
    await context.setOffline(false);
  });

  it('the other engine (ONNX) also runs offline', async () => {
    await context.setOffline(true);
    await page.getByText('Settings').click();
    await page.getByTestId('engine-select').selectOption('onnx');
    await page.getByTestId('status').filter({ hasText: /^Ready · wasm/ }).waitFor({ timeout: 120_000 });
    await page.getByTestId('photo-input').setInputFiles(photo());
    await expect.poll(() => page.locator('ul[aria-label="Photos"] li.done').count(), { timeout: 60_000 }).toBeGreaterThan(1);
    expect(await page.getByTestId('backend').innerText()).toMatch(/ONNX Runtime/);
    await page.getByTestId('engine-select').selectOption('tfjs');
    await context.setOffline(false);
  });

  it('every file the app loaded is in the precache or the model cache, and nothing left the origin', () => {
    const origin = new URL(baseUrl()).origin;
    const sw = readFileSync('dist/sw.js', 'utf8');
    const precached = new Set([...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => '/' + m[1].replace(/^\//, '')));
    expect(precached.size).toBeGreaterThan(10);
    const models = JSON.parse(readFileSync('models/manifest.json', 'utf8')) as { models: { dir: string; files: { path: string }[] }[] };
    const modelPaths = new Set(models.models.flatMap((m) => m.files.map((f) => `/models/${m.dir}/${f.path}`)));
    const loaded = new Set(requests.filter((u) => u.startsWith(origin)).map((u) => new URL(u).pathname));
    const uncovered = [...loaded].filter((p) => p !== '/' && p !== '/sw.js' && !precached.has(p) && !modelPaths.has(p));
    expect(loaded.size).toBeGreaterThan(5);
    expect(uncovered).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(origin) && !/^(blob|data):/.test(u))).toEqual([]);
  });
});
