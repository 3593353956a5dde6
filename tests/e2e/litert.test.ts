/**
 * The LiteRT engine in the production build (Settings → Photo engine = LiteRT.js): the official uint8 TFLite file on
 * LiteRT.js's wasm in the inference worker gives the same top-1 as the TF.js engine on real photos, with 1 thread
 * (its single-thread build, no pthreads) and with 2 (its threaded build: pthread workers from its own glue script,
 * 2 threads reported); the page shows the engine and its threads; no page errors. With the service worker on, a first
 * visit with LiteRT chosen becomes "Ready offline" and, offline, a reload still runs it (its wasm and glue script came
 * through the service worker once). WebGPU asked for (Chromium's SwiftShader adapter, --enable-unsafe-webgpu): LiteRT's JSPI
 * build runs the whole graph on WebGPU with the same top-1.
 *
 * Tolerance: top-1 class equal on every photo. Probabilities are not compared: LiteRT runs the graph with uint8
 * activations (as the file is quantised), TF.js in float32 on the dequantised weights.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseUrl, dataFile, launch, MODELS_SAMPLES, waitReady } from './browser.ts';
import { openTracked, presetSettings, suiteBrowser } from './suite.ts';

const PHOTOS = ['cat_720p.jpg', 'hot_dog.jpg', 'parrot.jpg', 'pets.jpg'].map((f) => dataFile(join(MODELS_SAMPLES, f)));

type Top = [number, number][];
interface Run {
  threads: number;
  backend: string;
  litertPthreads: number;
  tops: Top[];
}

const s = suiteBrowser();

async function run(engine: 'tfjs' | 'litert', threads: 1 | 2): Promise<Run> {
  const context = await s.browser.newContext({ serviceWorkers: 'block' });
  try {
    await presetSettings(context, { engine, backend: 'auto', threads, checkExplicit: false });
    const { page, workers, errors } = await openTracked(context);
    const badge = page.getByTestId('backend');
    const result: Run = {
      threads: Number(await badge.getAttribute('data-threads')),
      backend: (await badge.textContent()) ?? '',
      litertPthreads: 0,
      tops: [],
    };
    for (const [i, f] of PHOTOS.entries()) {
      await page.getByTestId('photo-input').setInputFiles(f);
      const li = page.locator('ul[aria-label="Photos"] li').nth(i);
      await li.and(page.locator('.done')).waitFor({ timeout: 120_000 });
      result.tops.push(JSON.parse((await li.getAttribute('data-top')) ?? '[]') as Top);
    }
    result.litertPthreads = workers.filter((u) => /\/litert_wasm_threaded_internal-[\w-]+\.js$/.test(u)).length;
    expect(errors).toEqual([]);
    return result;
  } finally {
    await context.close();
  }
}

describe('LiteRT.js engine (production build)', () => {
  it('1 and 2 threads: the same top-1 as the TF.js engine on real photos, threads reported, pthreads only when threaded', async () => {
    const tfjs = await run('tfjs', 1);
    const one = await run('litert', 1);
    const two = await run('litert', 2);
    expect(one.backend).toMatch(/litert/i);
    expect(one.threads).toBe(1);
    expect(one.litertPthreads).toBe(0);
    expect(two.threads).toBe(2);
    expect(two.litertPthreads).toBeGreaterThan(0);
    for (const [i, top] of tfjs.tops.entries()) {
      expect(one.tops[i][0][0], `top-1 of ${PHOTOS[i]} (LiteRT 1 thread vs TF.js)`).toBe(top[0][0]);
      expect(two.tops[i][0][0], `top-1 of ${PHOTOS[i]} (LiteRT 2 threads vs TF.js)`).toBe(top[0][0]);
    }
  });

  it('service worker on: LiteRT becomes ready offline and runs after an offline reload', async () => {
    const context = await s.browser.newContext({ serviceWorkers: 'allow' });
    try {
      await presetSettings(context, { engine: 'litert', backend: 'auto', threads: 1, checkExplicit: false });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      const litert: string[] = [];
      page.on('request', (r) => {
        if (/litert_wasm_|_embedding\.tflite$/.test(r.url())) litert.push(r.url());
      });
      await page.goto(baseUrl() + '/');
      await page.getByTestId('status').filter({ hasText: 'Ready offline' }).waitFor({ timeout: 170_000 });
      expect(litert.some((u) => /litert_wasm_internal-[\w-]+\.wasm$/.test(u))).toBe(true);
      expect(litert.some((u) => u.endsWith('/mobilenet_v2_1.0_224_quant_embedding.tflite'))).toBe(true);
      await context.setOffline(true);
      await page.reload();
      await waitReady(page);
      expect(await page.getByTestId('backend').textContent()).toMatch(/LiteRT/);
      await page.getByTestId('photo-input').setInputFiles(PHOTOS[2]);
      const li = page.locator('ul[aria-label="Photos"] li').first();
      await li.and(page.locator('.done')).waitFor({ timeout: 120_000 });
      expect(JSON.parse((await li.getAttribute('data-top')) ?? '[]')[0][0]).toBe(88); // macaw
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a remembered WebGPU probe that no longer holds (it said "hardware WebGPU"): the photo still gets its answer, and the hint is replaced', async () => {
    const context = await s.browser.newContext({ serviceWorkers: 'block' });
    try {
      await presetSettings(context, { engine: 'litert', backend: 'auto', threads: 1, checkExplicit: false });
      // as if the last visit's probe had found a hardware adapter: this visit starts loading from that (useGpuHint)
      await context.addInitScript(() => {
        if (!sessionStorage.getItem('hinted')) localStorage.setItem('listing-assistant.webgpu', JSON.stringify({ webgpu: true, webgpuSoftware: false }));
        sessionStorage.setItem('hinted', '1');
      });
      const { page, errors } = await openTracked(context);
      expect(await page.getByTestId('backend').textContent()).toMatch(/LiteRT.*· wasm,/); // the WebGPU attempt failed over
      await page.getByTestId('photo-input').setInputFiles(PHOTOS[2]);
      const li = page.locator('ul[aria-label="Photos"] li').first();
      await li.and(page.locator('.done')).waitFor({ timeout: 120_000 });
      expect(JSON.parse((await li.getAttribute('data-top')) ?? '[]')[0][0]).toBe(88); // macaw
      // this machine has no GPU: what this visit's probe found replaced the stale claim, for the next visit
      const hint = JSON.parse((await page.evaluate(() => localStorage.getItem('listing-assistant.webgpu'))) ?? 'null') as {
        webgpu: boolean;
        webgpuSoftware: boolean;
      };
      expect(hint.webgpu && !hint.webgpuSoftware).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('WebGPU asked for (SwiftShader adapter): the JSPI build runs the whole graph on WebGPU, same top-1', async () => {
    const gpu = await launch(['--enable-unsafe-webgpu']);
    try {
      const context = await gpu.newContext({ serviceWorkers: 'block' });
      await presetSettings(context, { engine: 'litert', backend: 'webgpu', threads: 1, checkExplicit: false });
      const page = await context.newPage();
      await page.goto(baseUrl() + '/');
      await waitReady(page, 170_000);
      expect(await page.getByTestId('backend').textContent()).toMatch(/LiteRT.*· webgpu,/);
      await page.getByTestId('photo-input').setInputFiles(PHOTOS[2]);
      const li = page.locator('ul[aria-label="Photos"] li').first();
      await li.and(page.locator('.done')).waitFor({ timeout: 120_000 });
      expect(JSON.parse((await li.getAttribute('data-top')) ?? '[]')[0][0]).toBe(88); // macaw, as TF.js
    } finally {
      await gpu.close();
    }
  });
});
