/**
 * Correct under pressure: the real inference worker answers 20 overlapping requests exactly as it answers them one
 * at a time, a cancelled request ends as `aborted` and the next one works, and the form stays right when a seller
 * edits every 100–300 ms, types a non-price, drops a batch of broken files or removes a photo.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DATA_DIR, MODELS_SAMPLES, dataFile } from './browser.ts';
import { openReady, readyApp, textOf } from './suite.ts';
import { makeBadFiles } from '../fixtures/bad-images.ts';

const imagenet = (f: string) => dataFile(join(DATA_DIR, 'photos/imagenet-sample-images', f));
const PHOTOS = [
  imagenet('n04120489_running_shoe.JPEG'),
  imagenet('n04399382_teddy.JPEG'),
  dataFile(join(MODELS_SAMPLES, 'cat_720p.jpg')),
  dataFile(join(MODELS_SAMPLES, 'hot_dog.jpg')),
];
const TITLES = [
  'Nike Air Max 90 sneakers',
  'Apple iPhone 12 Pro 128GB',
  'Harry Potter and the Goblet of Fire hardcover',
  'KitchenAid stand mixer',
  'LEGO Star Wars Millennium Falcon',
];

type Reply = { id: number; type: string; [k: string]: unknown };

/** Sends raw protocol messages to a fresh copy of the app's own inference worker and collects the final replies. */
async function rawWorker(page: Page, workerUrl: string, photos: string[], plan: 'parallel' | 'sequential' | 'cancel'): Promise<Reply[]> {
  const b64 = photos.map((p) => readFileSync(p).toString('base64'));
  return page.evaluate(
    async ({ workerUrl, b64, titles, plan }) => {
      const blobs = b64.map((s) => new Blob([Uint8Array.from(atob(s), (c) => c.charCodeAt(0))], { type: 'image/jpeg' }));
      const w = new Worker(workerUrl, { type: 'module' });
      const waiting = new Map<number, (r: Reply) => void>();
      w.onmessage = (ev: MessageEvent<Reply>) => {
        if (ev.data.type !== 'progress') waiting.get(ev.data.id)?.(ev.data);
      };
      let id = 0;
      const send = (msg: object) => {
        const my = ++id;
        const p = new Promise<Reply>((r) => waiting.set(my, r));
        w.postMessage({ ...msg, id: my });
        return { id: my, reply: p };
      };
      const summary = (r: Reply) =>
        r.type === 'classified'
          ? {
              id: r.id,
              type: r.type,
              top: [...(r.probs as Float32Array)]
                .map((p, i) => [p, i])
                .sort((a, b) => b[0] - a[0])
                .slice(0, 3)
                .map(([p, i]) => `${i}:${p.toFixed(5)}`),
            }
          : r.type === 'listed'
            ? { id: r.id, type: r.type, price: r.price, category: (r.category as { path: string[] } | null)?.path }
            : { id: r.id, type: r.type, error: r.error };
      const requests = [
        ...blobs.flatMap((image) => Array.from({ length: 3 }, () => ({ type: 'classify', engine: 'tfjs', backend: 'auto', image }))),
        ...titles.flatMap((t, i) => [
          { type: 'listing', row: { name: t, item_condition_id: 1 + (i % 5), shipping: i % 2, category_path: null }, text: t },
          { type: 'listing', row: { name: t, brand_name: null, category_path: null }, text: '' },
        ]),
      ].slice(0, 20);
      await send({ type: 'load', engine: 'tfjs', backend: 'auto' }).reply;
      await send({ type: 'load-listing' }).reply;
      let out: Reply[] = [];
      if (plan === 'parallel') out = await Promise.all(requests.map((r) => send(r).reply));
      else if (plan === 'sequential') for (const r of requests) out.push(await send(r).reply);
      else {
        const victim = send(requests[0]);
        w.postMessage({ type: 'cancel', id: victim.id });
        const priced = send(requests[requests.length - 1]);
        const unknown = send({ type: 'no-such-request' });
        out = [await victim.reply, await priced.reply, await unknown.reply, await send(requests[0]).reply];
      }
      w.terminate();
      return out.map(summary);
    },
    { workerUrl, b64, titles: TITLES, plan },
  );
}

describe('correct under pressure', () => {
  let workerUrl = '';
  const app = readyApp({
    beforeReady: async ({ page }) => {
      const w =
        page.workers().find((x) => /inference/.test(x.url())) ??
        (await page.waitForEvent('worker', { predicate: (x) => /inference/.test(x.url()), timeout: 60_000 }));
      workerUrl = w.url();
    },
  });

  it('20 overlapping classify/listing requests to the real worker = the same requests one at a time', async () => {
    const seq = await rawWorker(app.page, workerUrl, PHOTOS, 'sequential');
    const par = await rawWorker(app.page, workerUrl, PHOTOS, 'parallel');
    expect(seq).toHaveLength(20);
    expect(
      seq.every((r) => r.type === 'classified' || r.type === 'listed'),
      JSON.stringify(seq.filter((r) => r.type === 'error')),
    ).toBe(true);
    expect(seq.filter((r) => r.type === 'classified')).toHaveLength(12);
    expect(par.map(({ id: _, ...r }) => r)).toEqual(seq.map(({ id: _, ...r }) => r));
  });

  it('a cancelled request answers "aborted", an unknown request type is refused, and the next request works', async () => {
    const [victim, priced, unknown, next] = await rawWorker(app.page, workerUrl, [PHOTOS[2]], 'cancel');
    expect(victim.type).toBe('aborted');
    expect(priced.type).toBe('listed');
    expect(unknown).toMatchObject({ type: 'error', error: { code: 'worker-unknown-message' } });
    expect(next.type).toBe('classified');
  });

  it('edits 100–300 ms apart always end with a category suggestion and a price for the last edit (10 runs)', async () => {
    const { page } = app;
    const conditions = ['New', 'Like new', 'Good', 'Fair', 'Poor'];
    for (let run = 0; run < 10; run++) {
      const gap = () => page.waitForTimeout(100 + ((run * 37) % 200));
      await page.getByTestId('title').fill(TITLES[run % TITLES.length].slice(0, 8));
      await gap();
      await page.getByTestId('title').fill(TITLES[run % TITLES.length]);
      await gap();
      await page.getByTestId('condition').selectOption({ label: conditions[run % 5] });
      await gap();
      await page.getByTestId('shipping').selectOption(run % 2 ? 'seller' : 'buyer');
      const want = new RegExp(`condition ${conditions[run % 5]}, ${run % 2 ? 'seller' : 'buyer'} pays shipping`);
      await expect.poll(textOf(page, 'price-range'), { timeout: 30_000 }).toMatch(want);
      expect(await page.getByTestId('suggestions').innerText()).toMatch(/likely|possible/);
      expect(await page.getByTestId('category').inputValue()).not.toBe('');
      expect(await page.getByTestId('error').isHidden()).toBe(true);
    }
  });

  it('a price that is not an amount gets a message and is never saved', async () => {
    const { page } = app;
    await page.getByTestId('price').fill('25.50');
    await page.getByTestId('price').fill('abc');
    await expect(page.getByTestId('price-error').innerText()).resolves.toMatch(/like 25 or 25\.50/);
    await page.getByTestId('save-state').filter({ hasText: 'Saved on this device' }).waitFor({ timeout: 10_000 });
    const drafts = await page.getByTestId('drafts').innerText();
    expect(drafts).not.toMatch(/abc/);
    expect(drafts).toMatch(/25\.50/);
    await page.getByTestId('price').fill('30');
    expect(await page.getByTestId('price-error').count()).toBe(0);
  });

  it('a batch of 3 broken files and a good photo names each broken file with its own reason', async () => {
    const fresh = await openReady(app.browser);
    const bad = await makeBadFiles(PHOTOS[1]);
    await fresh.page.getByTestId('photo-input').setInputFiles([bad.empty, bad.notImage, bad.truncatedJpeg, PHOTOS[1]]);
    await fresh.page.getByTestId('title').and(fresh.page.locator(':not([value=""])')).waitFor({ timeout: 60_000 });
    await expect.poll(() => fresh.page.getByTestId('photo-error').count(), { timeout: 30_000 }).toBe(3);
    const error = await fresh.page.getByTestId('error').innerText();
    expect(error.split('\n')).toHaveLength(3);
    for (const [file, why] of [
      [bad.empty, /empty/],
      [bad.notImage, /not an image/],
      [bad.truncatedJpeg, /damaged/],
    ] as const) {
      const name = file.split('/').pop()!;
      expect(error).toContain(name);
      expect(await fresh.page.getByTestId('photo-error').filter({ hasText: name }).innerText()).toMatch(why);
    }
    await fresh.context.close();
  });

  it('removing a photo recomputes the suggestion from the photos left; New listing clears the barcode panel', async () => {
    const fresh = await openReady(app.browser);
    const { page } = fresh;
    await page.getByTestId('photo-input').setInputFiles(PHOTOS[1]);
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 60_000 }).not.toBe('');
    const alone = { title: await page.getByTestId('title').inputValue(), category: await page.getByTestId('category').inputValue() };
    await page.getByTestId('photo-input').setInputFiles([PHOTOS[0], PHOTOS[0]]);
    await expect.poll(() => page.getByTestId('category').inputValue(), { timeout: 60_000 }).not.toBe(alone.category);
    const removeShoe = page.getByRole('button', { name: /^Remove n04120489/ });
    while ((await removeShoe.count()) > 0) await removeShoe.first().click();
    await expect.poll(() => page.getByTestId('category').inputValue(), { timeout: 30_000 }).toBe(alone.category);
    expect(await page.getByTestId('title').inputValue()).toBe(alone.title);

    await page.getByLabel('Type a barcode number').fill('9780439023481');
    await page.getByLabel('Type a barcode number').press('Enter');
    await page.getByTestId('gtin').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'New listing' }).click();
    await expect.poll(() => page.getByTestId('gtin').count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByTestId('title').inputValue()).toBe('');
    expect(await page.locator('ul[aria-label="Photos"] li').count()).toBe(0);
    await fresh.context.close();
  });
});
