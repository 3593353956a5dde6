/**
 * Drafts in real IndexedDB: autosave, reload, list actions, delete with Undo, export/import (JSON, CSV, ZIP), newer
 * files refused, two tabs, migration, full storage, no storage.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DATA_DIR, baseUrl, dataFile, waitReady } from './browser.ts';
import { suiteBrowser } from './suite.ts';

const photo = () => dataFile(join(DATA_DIR, 'photos/imagenet-sample-images/n04069434_reflex_camera.JPEG'));

async function addPhoto(page: Page) {
  const before = await page.locator('ul[aria-label="Photos"] li.done').count();
  await page.getByTestId('photo-input').setInputFiles(photo());
  await page.waitForFunction((n) => document.querySelectorAll('ul[aria-label="Photos"] li.done').length > n, before, { timeout: 60_000 });
}
/**
 * After an edit: the price/category models answer (their answer is saved too), the debounced save is pending
 * (≥ 400 ms), then done. Waiting for all three avoids reading an older "Saved".
 */
async function saved(page: Page) {
  await page.locator('form[data-pricing="idle"]').waitFor({ timeout: 30_000 });
  await page
    .getByTestId('save-state')
    .filter({ hasText: 'Saving' })
    .waitFor({ timeout: 5_000 })
    .catch(() => {});
  await page.getByTestId('save-state').filter({ hasText: 'Saved on this device' }).waitFor({ timeout: 20_000 });
}

/** "New listing" saves the open draft first; type only once the form shows the new, empty draft. */
async function newListing(page: Page) {
  await page.getByRole('button', { name: 'New listing' }).click();
  await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 20_000 }).toBe('');
}

interface StoredDraft {
  id: string;
  title: string;
  rev: number;
  updatedAt: number;
  photos: { type: string; sha: string }[];
}

/** What IndexedDB holds, photos as SHA-256 of their bytes. */
function stored(page: Page): Promise<StoredDraft[]> {
  return page.evaluate(
    () =>
      new Promise<StoredDraft[]>((resolve, reject) => {
        const req = indexedDB.open('listing-assistant');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction('drafts').objectStore('drafts').getAll();
          all.onsuccess = async () => {
            const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');
            const out = [];
            for (const d of all.result as { id: string; title: string; rev: number; updatedAt: number; photos: { blob: Blob }[] }[]) {
              const photos = [];
              for (const p of d.photos) photos.push({ type: p.blob.type, sha: hex(await crypto.subtle.digest('SHA-256', await p.blob.arrayBuffer())) });
              out.push({ id: d.id, title: d.title, rev: d.rev, updatedAt: d.updatedAt, photos });
            }
            req.result.close();
            resolve(out.sort((a, b) => a.title.localeCompare(b.title)));
          };
        };
      }),
  );
}

describe('drafts', () => {
  const s = suiteBrowser();

  async function fresh() {
    const context = await s.browser.newContext({ serviceWorkers: 'block', acceptDownloads: true });
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
    // The typed title re-ranks the categories once the text model answers: read the category after that.
    await page.locator('form[data-pricing="idle"]').waitFor({ timeout: 30_000 });
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
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/^drafts-\d{4}-\d\d-\d\d\.csv$/);
    const csvText = readFileSync((await csv.path())!, 'utf8');
    expect(csvText).toMatch(/^\uFEFFid,title,description,category,brand,department,size,colour,condition,shipping,price,barcode,photos,created,updated\r\n/);
    expect(csvText).toMatch(/Camera A \(copy\),.*-1\.jpg,/);
    await list.filter({ hasText: 'Camera A (copy)' }).getByRole('button', { name: 'Delete Camera A (copy)', exact: true }).click();
    await expect.poll(() => list.count()).toBe(1);

    const other = await fresh(); // a new context: empty storage
    await other.page
      .getByTestId('drafts-import')
      .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"something else"}') });
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

  it('Delete hides the draft with Undo; Undo brings it back exactly, and it survives a reload', async () => {
    const { context, page } = await fresh();
    await addPhoto(page);
    await page.getByTestId('title').fill('Blue dress');
    await saved(page);
    await newListing(page);
    await page.getByTestId('title').fill('Red shoes');
    await saved(page);
    const before = await stored(page);
    expect(before.map((d) => d.title)).toEqual(['Blue dress', 'Red shoes']);
    const list = page.getByTestId('drafts').locator('li');
    await page.getByRole('button', { name: 'Delete Blue dress', exact: true }).click();
    await expect.poll(async () => (await page.getByTestId('undo-delete').textContent())?.replace(/\s+/g, ' ').trim()).toBe("Deleted 'Blue dress' — Undo");
    expect(await list.allInnerTexts()).not.toContainEqual(expect.stringContaining('Blue dress'));
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Undo'); // focus is not lost
    await page.getByTestId('undo-delete').getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Open Blue dress', exact: true }).waitFor();
    expect(await page.getByTestId('undo-delete').count()).toBe(0);
    await page.waitForTimeout(7_000); // past the Undo window: nothing is deleted
    await page.reload();
    await waitReady(page);
    await page.getByRole('button', { name: 'Open Blue dress', exact: true }).waitFor();
    const blue = (ds: StoredDraft[]) => ds.find((d) => d.title === 'Blue dress');
    expect(blue(await stored(page))).toEqual(blue(before)); // same id, rev, dates and photo bytes
    expect(blue(before)?.photos).toHaveLength(1);
    await context.close();
  });

  it('Delete without Undo removes the draft from storage after a few seconds; it stays gone after a reload', async () => {
    const { context, page } = await fresh();
    await page.getByTestId('title').fill('Old chair');
    await saved(page);
    await page.getByRole('button', { name: 'Delete Old chair', exact: true }).click(); // the open draft
    await page.getByTestId('undo-delete').waitFor();
    expect((await stored(page)).map((d) => d.title)).toContain('Old chair'); // still undoable
    await page.getByTestId('undo-delete').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(async () => (await stored(page)).map((d) => d.title)).not.toContain('Old chair');
    await page.reload();
    await waitReady(page);
    await page.waitForTimeout(1_000);
    expect(await page.getByTestId('drafts').innerText()).not.toContain('Old chair');
    expect(await page.getByTestId('title').inputValue()).not.toBe('Old chair');
    await context.close();
  });

  it('a file from a newer app version is refused with a clear message and changes nothing', async () => {
    const { context, page } = await fresh();
    await page.getByTestId('title').fill('Keep me');
    await saved(page);
    const before = await stored(page);
    const newer = JSON.stringify({ format: 'listing-assistant/drafts', version: 99, drafts: [{ id: 'x', title: 'From the future' }] });
    await page.getByTestId('drafts-import').setInputFiles({ name: 'future.json', mimeType: 'application/json', buffer: Buffer.from(newer) });
    await expect
      .poll(() => page.getByTestId('drafts-message').innerText())
      .toBe('Import failed: This drafts export comes from a newer version of the app (format 99); update the app first.');
    expect(await stored(page)).toEqual(before);
    expect(await page.getByTestId('drafts').innerText()).not.toContain('From the future');
    await context.close();
  });

  it('Export ZIP downloads CSV + photos + JSON; importing the ZIP elsewhere re-creates the drafts with the same photos', async () => {
    const { context, page } = await fresh();
    await addPhoto(page);
    await page.getByTestId('title').fill('Zip camera, "mint"');
    await saved(page);
    await expect.poll(async () => (await stored(page)).find((d) => d.title === 'Zip camera, "mint"')?.photos.length, { timeout: 20_000 }).toBe(1);
    await newListing(page);
    await page.getByTestId('title').fill('No photo item');
    await saved(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-zip').click()]);
    expect(download.suggestedFilename()).toMatch(/^drafts-\d{4}-\d\d-\d\d\.zip$/);
    const zip = readFileSync((await download.path())!);
    const files = unzipSync(new Uint8Array(zip));
    const jpgs = Object.keys(files).filter((n) => n.endsWith('.jpg'));
    expect(jpgs).toHaveLength(1);
    expect([...files[jpgs[0]].subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]); // a JPEG
    expect(new TextDecoder().decode(files['drafts.csv'])).toContain(jpgs[0]);
    // What the ZIP says (its JSON + photo files); the live tab may autosave a late price prefill after the export.
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    const exported = (
      JSON.parse(new TextDecoder().decode(files['drafts.json'])).drafts as (Omit<StoredDraft, 'photos'> & { photos: { type: string; file: string }[] })[]
    )
      .map((d) => ({ id: d.id, title: d.title, rev: d.rev, updatedAt: d.updatedAt, photos: d.photos.map((p) => ({ type: p.type, sha: sha(files[p.file]) })) }))
      .sort((a, b) => a.title.localeCompare(b.title));
    expect((await stored(page)).find((d) => d.photos.length)?.photos).toEqual(exported.find((d) => d.photos.length)?.photos); // the bytes on the device

    const other = await fresh();
    await other.page.getByTestId('drafts-import').setInputFiles({ name: 'drafts.zip', mimeType: 'application/zip', buffer: zip });
    await expect.poll(() => other.page.getByTestId('drafts-message').innerText()).toBe('Imported 2 drafts.');
    expect(await stored(other.page)).toEqual(exported);
    await other.page.getByRole('button', { name: 'Open Zip camera, "mint"', exact: true }).click();
    await expect.poll(() => other.page.getByTestId('title').inputValue()).toBe('Zip camera, "mint"');
    expect(await other.page.locator('ul[aria-label="Photos"] li.done').count()).toBe(1);
    await other.context.close();
    await context.close();
  });

  it("two tabs editing one draft: an idle tab takes the other tab's edit (never writes over it), the last edit wins", async () => {
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
    const context = await s.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(baseUrl() + '/manifest.webmanifest'); // same origin, app not running
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('listing-assistant', 1);
          req.onupgradeneeded = () => req.result.createObjectStore('drafts', { keyPath: 'id' });
          req.onsuccess = () => {
            const tx = req.result.transaction('drafts', 'readwrite');
            tx.objectStore('drafts').put({
              id: 'old-1',
              title: 'Vintage lamp',
              category: 'Home > Lighting',
              price: 35,
              photos: [],
              updated: 1_700_000_000_000,
            });
            tx.oncomplete = () => {
              req.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
          req.onerror = () => reject(req.error);
        }),
    );
    await page.goto(baseUrl() + '/');
    await page.getByTestId('drafts').locator('li', { hasText: 'Vintage lamp' }).getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => page.getByTestId('title').inputValue()).toBe('Vintage lamp');
    expect(await page.getByTestId('price').inputValue()).toBe('35');
    const stored = (await page.evaluate(
      () =>
        new Promise<unknown>((resolve) => {
          const req = indexedDB.open('listing-assistant');
          req.onsuccess = () => {
            const g = req.result.transaction('drafts').objectStore('drafts').get('old-1');
            g.onsuccess = () => resolve({ v: req.result.version, rec: g.result });
          };
        }),
    )) as { v: number; rec: { category: string[]; price: string; rev: number } };
    expect(stored.v).toBe(3);
    expect(stored.rec.category).toEqual(['Home', 'Lighting']);
    expect(stored.rec.price).toBe('35');
    await context.close();
  });

  it('full storage: a clear message, the draft stays in the tab and is saved once space frees', async () => {
    // The quota is set before the app opens its database: set after start-up, this Chromium (156) let the app's
    // writes through (seen on 2026-12-01, when the app also started writing at start-up), so the test could not fail.
    const context = await s.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(baseUrl() + '/manifest.webmanifest');
    const cdp = await context.newCDPSession(page);
    const origin = new URL(baseUrl()).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
    await page.goto(baseUrl() + '/');
    await waitReady(page);
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
    const context = await s.browser.newContext({ serviceWorkers: 'block' });
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
