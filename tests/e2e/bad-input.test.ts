/** Every bad input gets its own human message in `error`; the form is untouched and the next photo works. */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DATA_DIR, baseUrl, dataFile } from './browser.ts';
import { makeBadFiles, type BadFiles } from '../fixtures/bad-images.ts';
import { openReady, readyApp, suiteBrowser } from './suite.ts';

const good = () => dataFile(join(DATA_DIR, 'photos/imagenet-sample-images/n04399382_teddy.JPEG'));

async function addAndWaitSettled(page: Page, file: string): Promise<void> {
  const before = await page.locator('ul[aria-label="Photos"] li').count();
  await page.getByTestId('photo-input').setInputFiles(file);
  await page.waitForFunction(
    (n) => {
      const items = document.querySelectorAll('ul[aria-label="Photos"] li');
      return items.length > n && !document.querySelector('ul[aria-label="Photos"] li.working');
    },
    before,
    { timeout: 90_000 },
  );
}

describe('bad input', () => {
  const app = readyApp();
  let bad: BadFiles;

  beforeAll(async () => {
    bad = await makeBadFiles(good());
    // A good photo first, so we can check that bad ones leave the form as it was.
    await addAndWaitSettled(app.page, good());
  });

  const cases: [string, keyof BadFiles, RegExp][] = [
    ['a 0-byte file', 'empty', /empty \(0 bytes\)/],
    ['a text file named .jpg', 'notImage', /not an image/],
    ['a truncated JPEG', 'truncatedJpeg', /cut off or damaged/],
    ['a 12000×12000 PNG', 'huge', /12000×12000 \(144 megapixels\)/],
  ];
  for (const [what, key, message] of cases) {
    it(`${what}: clear message, form untouched`, async () => {
      const { page } = app;
      const title = await page.getByTestId('title').inputValue();
      const category = await page.getByTestId('category').inputValue();
      expect(title).not.toBe('');
      await addAndWaitSettled(page, bad[key]);
      await expect.poll(() => page.getByTestId('error').innerText()).toMatch(message);
      expect(await page.getByTestId('title').inputValue()).toBe(title);
      expect(await page.getByTestId('category').inputValue()).toBe(category);
    });
  }

  const odd: [string, keyof BadFiles][] = [
    ['a transparent PNG', 'transparent'],
    ['a CMYK JPEG', 'cmyk'],
    ['an animated GIF', 'animatedGif'],
  ];
  for (const [what, key] of odd) {
    it(`${what} is read, not refused`, async () => {
      const { page } = app;
      await addAndWaitSettled(page, bad[key]);
      expect(await page.locator('ul[aria-label="Photos"] li').last().getAttribute('class')).toMatch(/done/);
      expect(await page.getByTestId('error').isHidden()).toBe(true);
    });
  }

  it('a good photo after all that still works', async () => {
    const { page } = app;
    await page.getByTestId('photo-input').setInputFiles(bad.empty);
    await expect.poll(() => page.getByTestId('error').innerText()).toMatch(/empty/);
    await addAndWaitSettled(page, good());
    expect(await page.locator('ul[aria-label="Photos"] li').last().getAttribute('class')).toMatch(/done/);
    expect(await page.getByTestId('error').isHidden()).toBe(true);
    expect(await page.getByTestId('title').inputValue()).toMatch(/teddy/i);
  });

  it('a crashed worker gives a message and the next photo starts a fresh one', async () => {
    const { page } = app;
    expect(page.workers().length).toBeGreaterThan(0);
    // Earlier photos' explicit-photo checks must be over, or the simulated crash would hit one of them instead.
    await page.waitForFunction(() => [...document.querySelectorAll('ul[aria-label="Photos"] li.done')].every((li) => li.hasAttribute('data-explicit')), null, {
      timeout: 60_000,
    });
    // Inside the real worker: the next decode hangs and an uncaught error is thrown, as when it dies mid-task.
    for (const w of page.workers()) {
      await w.evaluate(() => {
        (globalThis as { createImageBitmap: unknown }).createImageBitmap = () => {
          setTimeout(() => {
            throw new Error('simulated crash');
          });
          return new Promise(() => {});
        };
      });
    }
    await page.getByTestId('photo-input').setInputFiles(good());
    await expect.poll(() => page.getByTestId('error').innerText(), { timeout: 30_000 }).toMatch(/stopped unexpectedly/);
    await addAndWaitSettled(page, good());
    expect(await page.locator('ul[aria-label="Photos"] li').last().getAttribute('class')).toMatch(/done/);
  });

  it('a crashed listing worker loses nothing: the photo still gets its photo-head suggestion and a price from a fresh one', async () => {
    const fresh = await openReady(app.browser);
    const { page } = fresh;
    const listingWorker = () => page.workers().find((w) => /listing\.worker/.test(w.url()));
    await expect.poll(() => !!listingWorker(), { timeout: 30_000 }).toBe(true);
    // Inside the real listing worker (nested in the inference worker): the next request it receives ends it with an
    // uncaught error, as when it dies mid-task. That request is the photo's colour statistics.
    await listingWorker()!.evaluate(() => {
      self.addEventListener(
        'message',
        () =>
          setTimeout(() => {
            throw new Error('simulated crash');
          }),
        { once: true },
      );
    });
    const crashed = listingWorker()!;
    await addAndWaitSettled(page, good());
    const tile = page.locator('ul[aria-label="Photos"] li').last();
    expect(await tile.getAttribute('class')).toMatch(/done/);
    const ms = JSON.parse((await tile.getAttribute('data-ms')) ?? '{}') as { head?: number };
    expect(ms.head).toBeGreaterThan(0); // the photo head ran, in the listing worker started again
    await expect.poll(() => page.getByTestId('price').inputValue(), { timeout: 60_000 }).toMatch(/^\d+/);
    expect(((await page.getByTestId('error').textContent()) ?? '').trim()).toBe('');
    expect(await page.getByText('No price suggestion').count()).toBe(0);
    expect(listingWorker()).not.toBe(crashed);
    await fresh.context.close();
  });

  it('a denied camera permission gives a message and photos still work', async () => {
    // A fresh page, so what the tests above added does not matter.
    const fresh = await openReady(app.browser);
    const { page } = fresh;
    await page.getByRole('button', { name: 'Take a photo' }).click();
    await expect.poll(() => page.getByTestId('error').innerText(), { timeout: 20_000 }).toMatch(/Camera permission was denied|No camera was found/);
    await addAndWaitSettled(page, good());
    expect(await page.getByTestId('error').isHidden()).toBe(true);
    await fresh.context.close();
  });

  it('a listing holds at most 12 photos: more are refused with a message, the others kept', async () => {
    const { page } = app;
    const usable = await page.locator('ul[aria-label="Photos"] li:not(.error)').count();
    expect(usable).toBeLessThan(12);
    const n = await page.locator('ul[aria-label="Photos"] li').count();
    await page.getByTestId('photo-input').setInputFiles(Array.from({ length: 13 - usable }, () => good()));
    await expect.poll(() => page.getByTestId('error').innerText(), { timeout: 60_000 }).toMatch(/a listing holds at most 12 photos/);
    await expect.poll(() => page.locator('ul[aria-label="Photos"] li:not(.error)').count(), { timeout: 60_000 }).toBe(12);
    await page.waitForFunction(() => !document.querySelector('ul[aria-label="Photos"] li.working'), null, { timeout: 90_000 });
    expect(await page.locator('ul[aria-label="Photos"] li').count()).toBe(n + 12 - usable);
  });
});

describe('model failures', () => {
  const s = suiteBrowser();

  it('a missing model says how to install it, not a crash', async () => {
    const context = await s.browser.newContext({ serviceWorkers: 'block' });
    await context.route('**/models/**', (r) => r.fulfill({ status: 404, body: 'not found' }));
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/`);
    await expect.poll(() => page.getByTestId('error').innerText(), { timeout: 60_000 }).toMatch(/not installed.*npm run models/);
    expect(await page.getByTestId('status').innerText()).toMatch(/unavailable/);
    await context.close();
  });

  it('a corrupt model is caught by its checksum', async () => {
    const context = await s.browser.newContext({ serviceWorkers: 'block' });
    // the default engine's TFLite file (and any TF.js weight shard)
    await context.route(/\/models\/.+\.(tflite|bin)$/, async (r) => {
      const res = await r.fetch();
      const body = Buffer.from(await res.body());
      body[1000] ^= 0xff;
      await r.fulfill({ response: res, body });
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/`);
    await expect.poll(() => page.getByTestId('error').innerText(), { timeout: 60_000 }).toMatch(/damaged \(its checksum does not match\)/);
    await context.close();
  });
});
