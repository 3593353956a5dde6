/** Drafts in real IndexedDB: autosave, reload, list actions, export/import, two tabs, migration, full storage, no storage. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DATA_DIR, baseUrl, dataFile, launch, waitReady } from './browser.ts';

const photo = () => dataFile(join(DATA_DIR, 'photos/imagenet-sample-images/n04069434_reflex_camera.JPEG'));

async function addPhoto(page: Page) {
  const before = await page.locator('ul[aria-label="Photos"] li.done').count();
  await page.getByTestId('photo-input').setInputFiles(photo());
  await page.waitForFunction((n) => document.querySelectorAll('ul[aria-label="Photos"] li.done').length > n, before, { timeout: 60_000 });
}
/** After an edit: the debounced save is pending (≥ 400 ms), then done. Waiting for both avoids reading an older "Saved". */
async function saved(page: Page) {
  await page.getByTestId('save-state').filter({ hasText: 'Saving' }).waitFor({ timeout: 5_000 }).catch(() => {});
  await page.getByTestId('save-state').filter({ hasText: 'Saved on this device' }).waitFor({ timeout: 20_000 });
}

describe('drafts', () => {
  let browser: Browser;
  beforeAll(async () => { browser = await launch(); });
  afterAll(async () => browser?.close());

  async function fresh() {
    const context = await browser.newContext({ serviceWorkers: 'block', acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(baseUrl() + '/');
    await waitReady(page);
    return { context, page };
  }

  it('every edit autosaves; a reload brings back photo, title, category and price', async () => {
    const { context, page } = await fresh();
    await addPhoto(page);
    await page.getByTestId('title').fill('Rolleiflex TLR, works');
    await page.getByTestId('price').fill('120');
    await saved(page);
    const category = await page.getByTestId('category').inputValue();
    await page.reload();
    await waitReady(page);
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 20_000 }).toBe('Rolleiflex TLR, works');
    expect(await page.getByTestId('price').inputValue()).toBe('120');
    expect(await page.getByTestId('category').inputValue()).toBe(category);
    expect(await page.locator('ul[aria-label="Photos"] li.done').count()).toBe(1);
    expect(await page.getByTestId('drafts').innerText()).toContain('Rolleiflex TLR, works');
    await context.close();
  });

  it('duplicate and delete work from the list; export JSON imports back elsewhere; bad files change nothing', async () => {
    const { context, page } = await fresh();
    await addPhoto(page);
    await page.getByTestId('title').fill('Camera A');
    await saved(page);
    const list = page.getByTestId('drafts').locator('li');
    await list.first().getByRole('button', { name: 'Duplicate' }).click();
    await expect.poll(() => list.count()).toBe(2);
    expect(await page.getByTestId('drafts').innerText()).toContain('Camera A (copy)');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(exported).drafts).toHaveLength(2);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(readFileSync((await csv.path())!, 'utf8')).toMatch(/^id,title,category,price,photos,updated\r\n/);
    await list.filter({ hasText: 'Camera A (copy)' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => list.count()).toBe(1);

    const other = await fresh(); // a new context: empty storage
    await other.page.getByTestId('drafts-import').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"something else"}') });
    await expect.poll(() => other.page.getByTestId('drafts-message').innerText()).toMatch(/Import failed: This file is not a Listing Assistant drafts export/);
    expect(await other.page.getByTestId('drafts').locator('li.empty').count()).toBe(1);
    await other.page.getByTestId('drafts-import').setInputFiles({ name: 'drafts.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await expect.poll(() => other.page.getByTestId('drafts-message').innerText()).toBe('Imported 2 drafts.');
    await other.page.getByTestId('drafts').locator('li', { hasText: 'Camera A (copy)' }).getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => other.page.getByTestId('title').inputValue()).toBe('Camera A (copy)');
    expect(await other.page.locator('ul[aria-label="Photos"] li.done').count()).toBe(1);
    await other.context.close();
    await context.close();
  });

  it('two tabs editing one draft: an idle tab takes the other tab\'s edit (never writes over it), the last edit wins', async () => {
    const { context, page } = await fresh();
    await page.getByTestId('title').fill('Tab one title');
    await saved(page);
    const page2 = await context.newPage();
    await page2.goto(baseUrl() + '/');
    await expect.poll(() => page2.getByTestId('title').inputValue(), { timeout: 20_000 }).toBe('Tab one title');
    await page2.getByTestId('title').fill('Tab two title');
    await saved(page2);
    await page.getByTestId('notice').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('notice').innerText()).toMatch(/changed in another tab/);
    // Tab one had nothing unsaved of the seller's (its late price prefill does not count): it shows tab two's edit.
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 10_000 }).toBe('Tab two title');
    await page.getByTestId('title').fill('Tab one again');
    await saved(page);
    await page2.reload();
    await expect.poll(() => page2.getByTestId('title').inputValue(), { timeout: 20_000 }).toBe('Tab one again');
    await context.close();
  });

  it('upgrades a v1 database without losing a draft', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(baseUrl() + '/manifest.webmanifest'); // same origin, app not running
    await page.evaluate(() => new Promise<void>((resolve, reject) => {
      const req = indexedDB.open('listing-assistant', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('drafts', { keyPath: 'id' });
      req.onsuccess = () => {
        const tx = req.result.transaction('drafts', 'readwrite');
        tx.objectStore('drafts').put({ id: 'old-1', title: 'Vintage lamp', category: 'Home > Lighting', price: 35, photos: [], updated: 1_700_000_000_000 });
        tx.oncomplete = () => { req.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
      req.onerror = () => reject(req.error);
    }));
    await page.goto(baseUrl() + '/');
    await page.getByTestId('drafts').locator('li', { hasText: 'Vintage lamp' }).getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => page.getByTestId('title').inputValue()).toBe('Vintage lamp');
    expect(await page.getByTestId('price').inputValue()).toBe('35');
    const stored = await page.evaluate(() => new Promise<unknown>((resolve) => {
      const req = indexedDB.open('listing-assistant');
      req.onsuccess = () => { const g = req.result.transaction('drafts').objectStore('drafts').get('old-1'); g.onsuccess = () => resolve({ v: req.result.version, rec: g.result }); };
    })) as { v: number; rec: { category: string[]; price: string; rev: number } };
    expect(stored.v).toBe(3);
    expect(stored.rec.category).toEqual(['Home', 'Lighting']);
    expect(stored.rec.price).toBe('35');
    await context.close();
  });

  it('full storage: a clear message, the draft stays in the tab and is saved once space frees', async () => {
    const { context, page } = await fresh();
    const cdp = await context.newCDPSession(page);
    const origin = new URL(baseUrl()).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
    await addPhoto(page);
    await page.getByTestId('title').fill('Kept in memory');
    await expect.poll(() => page.getByTestId('error').innerText(), { timeout: 20_000 }).toMatch(/Storage is full/);
    expect(await page.getByTestId('title').inputValue()).toBe('Kept in memory');
    await cdp.send('Storage.overrideQuotaForOrigin', { origin }); // space frees up
    await page.getByTestId('price').fill('10');
    await saved(page);
    await page.reload();
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 20_000 }).toBe('Kept in memory');
    await context.close();
  });

  it('without IndexedDB (private mode) the app still works and says drafts are not kept', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
    const page = await context.newPage();
    await page.goto(baseUrl() + '/');
    await waitReady(page);
    await page.getByTestId('storage-warning').waitFor();
    await addPhoto(page);
    expect(await page.getByTestId('title').inputValue()).not.toBe('');
    expect(await page.getByTestId('save-state').innerText()).toMatch(/no storage/);
    await context.close();
  });
});
