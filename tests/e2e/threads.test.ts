/**
 * wasm threads in the production build: with cross-origin isolation, Settings → Threads = 2 runs tfjs-wasm and ORT on
 * 2 threads inside the inference worker (their pthread workers start, the runtimes report 2), and gives the same
 * answers as the forced single-thread path on real photos; a page without COEP falls back to 1 thread and still works.
 *
 * Tolerance: top-1 class equal on every photo, and each of the top-3 probabilities within 0.002 absolute (threads only
 * split the work; the int8 ORT model and XNNPACK's float kernels may round a little differently).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFile, MODELS_SAMPLES } from './browser.ts';
import { openTracked, presetSettings, suiteBrowser } from './suite.ts';

const PHOTOS = ['cat_720p.jpg', 'hot_dog.jpg', 'parrot.jpg'].map((f) => dataFile(join(MODELS_SAMPLES, f)));
const TOLERANCE = 0.002;

type Top = [number, number][];
interface Run {
  isolated: boolean;
  threads: number;
  /** Workers the inference worker started for the runtimes: tfjs's blob: pthreads, ORT's glue .mjs pthreads. */
  tfjsPthreads: number;
  ortPthreads: number;
  tops: Top[];
}

const s = suiteBrowser();

async function run(engine: 'tfjs' | 'onnx', threads: 1 | 2, opts: { isolated?: boolean } = {}): Promise<Run> {
  const context = await s.browser.newContext({ serviceWorkers: 'block' });
  try {
    await presetSettings(context, { engine, backend: 'wasm', threads, checkExplicit: false });
    if (opts.isolated === false) {
      // The same app served without COOP/COEP: not crossOriginIsolated, no SharedArrayBuffer.
      await context.route(
        (url) => url.pathname === '/',
        async (route) => {
          const res = await route.fetch();
          const headers = { ...res.headers() };
          delete headers['cross-origin-embedder-policy'];
          delete headers['cross-origin-opener-policy'];
          await route.fulfill({ response: res, headers });
        },
      );
    }
    const { page, workers, errors } = await openTracked(context);
    const isolated = await page.evaluate(() => crossOriginIsolated);
    const threadsSeen = Number(await page.getByTestId('backend').getAttribute('data-threads'));
    const tops: Top[] = [];
    for (const [i, f] of PHOTOS.entries()) {
      await page.getByTestId('photo-input').setInputFiles(f);
      const li = page.locator('ul[aria-label="Photos"] li').nth(i);
      await li.and(page.locator('.done')).waitFor({ timeout: 120_000 });
      tops.push(JSON.parse((await li.getAttribute('data-top')) ?? '[]') as Top);
    }
    expect(errors).toEqual([]);
    return {
      isolated,
      threads: threadsSeen,
      tfjsPthreads: workers.filter((u) => u.startsWith('blob:')).length,
      ortPthreads: workers.filter((u) => /\/ort-wasm-simd-threaded[^/]*\.mjs$/.test(u)).length,
      tops,
    };
  } finally {
    await context.close();
  }
}

function expectSameAnswers(a: Run, b: Run): void {
  expect(b.tops).toHaveLength(PHOTOS.length);
  for (const [i, top] of a.tops.entries()) {
    const other = b.tops[i];
    expect(other[0][0], `top-1 of ${PHOTOS[i]}`).toBe(top[0][0]);
    for (const [k, [cls, p]] of top.entries()) {
      const q = other.find(([c]) => c === cls);
      expect(q, `class ${cls} in the top 3 of ${PHOTOS[i]} on both paths`).toBeDefined();
      expect(Math.abs(q![1] - p), `p(class ${cls}) of ${PHOTOS[i]}, rank ${k + 1}`).toBeLessThanOrEqual(TOLERANCE);
    }
  }
}

describe('wasm threads in the inference worker (production build)', () => {
  it('tfjs-wasm: 2 threads start its pthread pool, report 2 threads and answer as 1 thread does', async () => {
    const one = await run('tfjs', 1);
    const two = await run('tfjs', 2);
    expect(two.isolated).toBe(true);
    expect(one.threads).toBe(1);
    expect(one.tfjsPthreads).toBe(0); // 1 thread = tfjs's single-thread SIMD build, no pthreads at all
    expect(two.threads).toBe(2); // XNNPACK's pool size as tfjs reports it (getThreadsCount)
    expect(two.tfjsPthreads).toBeGreaterThan(0);
    expectSameAnswers(one, two);
  });

  it('ORT wasm: 2 threads start 1 pthread worker from its own glue, report 2 threads and answer as 1 thread does', async () => {
    const one = await run('onnx', 1);
    const two = await run('onnx', 2);
    expect(one.threads).toBe(1);
    expect(one.ortPthreads).toBe(0);
    expect(two.threads).toBe(2); // ORT's env.wasm.numThreads after the session is created
    expect(two.ortPthreads).toBe(1); // numThreads - 1 workers; the calling thread is the other one
    expectSameAnswers(one, two);
  });

  it('without cross-origin isolation the same request falls back to 1 thread and the same answers', async () => {
    const plain = await run('tfjs', 2, { isolated: false });
    expect(plain.isolated).toBe(false);
    expect(plain.threads).toBe(1);
    expect(plain.tfjsPthreads + plain.ortPthreads).toBe(0);
    const one = await run('tfjs', 1);
    expectSameAnswers(one, plain);
  });
});
