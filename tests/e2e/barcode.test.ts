/**
 * Barcode listing in Chromium on a fresh profile: the starter catalog (installed with the app, no import) fills
 * books and products; photo of a barcode, live camera (fake device fed a real EAN-13), "Is it this?" from a typed
 * title, the replace question, quiet item photos, gzip import, specific messages for non-catalog files, Clear.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DATA_DIR, dataFile } from './browser.ts';
import { readyApp, textOf } from './suite.ts';
import { barcodeFrame, barcodeMjpeg, barcodePng } from '../fixtures/barcodes.ts';

const HUNGER_GAMES = '9780439023481'; // goodbooks-10k row 1 (ISBN 0439023483)
const COKE_ZERO = '049000042566'; // Datakick: brand "Coke", name "Zero", size "12"

async function openCatalog(page: Page) {
  await page.locator('details.catalog').evaluate((d) => ((d as HTMLDetailsElement).open = true));
}
async function importCatalog(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }, name: string) {
  await openCatalog(page);
  await page.getByTestId('catalog-input').setInputFiles(file);
  await expect.poll(textOf(page, 'catalog-report'), { timeout: 150_000 }).toContain(name);
  return page.getByTestId('catalog-report').innerText();
}
async function typeCode(page: Page, code: string) {
  await page.getByTestId('barcode-number').fill(code);
  await page.getByTestId('barcode-number').press('Enter');
}
async function newListing(page: Page) {
  await page.getByRole('button', { name: 'New listing' }).click();
  await expect.poll(() => page.getByTestId('title').inputValue()).toBe('');
}

describe('barcode listing', () => {
  const app = readyApp({
    args: async () => [
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${await barcodeMjpeg(HUNGER_GAMES)}`,
    ],
    beforeReady: (a) => a.context.grantPermissions(['camera']),
  });

  it('fresh profile, no import: a typed ISBN from goodbooks-10k fills title and author, Books, and the source is credited', async () => {
    const { page } = app;
    await typeCode(page, HUNGER_GAMES);
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 60_000 }).toBe('The Hunger Games (The Hunger Games, #1) by Suzanne Collins');
    expect(await page.getByTestId('category').inputValue()).toBe('Books & Media > Books');
    expect(await page.getByTestId('brand').inputValue()).toBe('');
    await page.waitForTimeout(1500); // the text model's categories arrive after the title
    const chips = await page.getByTestId('suggestions').locator('button').allInnerTexts();
    expect(chips.some((c) => c.includes('Books & Media › Books'))).toBe(true);
    expect(chips.filter((c) => !c.includes('Books & Media'))).toEqual([]); // only book categories
    expect(await page.getByTestId('barcode-evidence').innerText()).toMatch(
      /Title and author \(Suzanne Collins\) from the offline catalog: goodbooks-10k \(CC BY-SA 4\.0\)/,
    );
    await openCatalog(page);
    const credit = await page.getByTestId('catalog-credit').innerText();
    expect(credit).toMatch(/Starter catalog: 15,8\d\d products from Datakick \(6,560, CC0 1\.0\) and goodbooks-10k \(9,277, CC BY-SA 4\.0\)/);
    expect(
      await page
        .getByTestId('catalog-credit')
        .locator('a')
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href)),
    ).toContain('https://creativecommons.org/licenses/by-sa/4.0/');
  });

  it('a Datakick UPC: brand into Brand, title from brand + name, category not Video Games', async () => {
    const { page } = app;
    await newListing(page);
    await typeCode(page, COKE_ZERO);
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 60_000 }).toBe('Coke Zero');
    expect(await page.getByTestId('brand').inputValue()).toBe('Coke');
    const category = await page.getByTestId('category').inputValue();
    expect(category).toBe('Other > Miscellaneous');
    expect(category).not.toMatch(/Video Games/);
    expect(await page.getByTestId('barcode-evidence').innerText()).toMatch(/Datakick \(CC0 1\.0\)/);
  });

  it('a photo of an ISBN barcode fills the listing from the starter catalog', async () => {
    const { page } = app;
    await newListing(page);
    await page.getByTestId('barcode-input').setInputFiles({ name: 'isbn.jpg', mimeType: 'image/jpeg', buffer: await barcodeFrame(HUNGER_GAMES) });
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 60_000 }).toMatch(/Hunger Games.*Suzanne Collins/);
    expect(await page.getByTestId('gtin').innerText()).toBe(HUNGER_GAMES);
    expect(await page.getByTestId('barcode-evidence').innerText()).toMatch(/ISBN-10 0439023483/);
  });

  it('the live scanner reads the code from the camera, fills the form and releases the camera', async () => {
    const { page } = app;
    await newListing(page);
    await page.getByTestId('scan-button').click();
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 60_000 }).toMatch(/Hunger Games/);
    expect(await page.getByTestId('barcode-evidence').innerText()).toContain(HUNGER_GAMES);
    expect(await page.getByTestId('scanner').count()).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('video').length)).toBe(0);
  });

  it('a typed title is matched against the catalog: "Is it this?" fills the barcode-derived fields in one tap', async () => {
    const { page } = app;
    await newListing(page);
    await page.getByTestId('title').fill('the hunger games');
    await expect.poll(textOf(page, 'catalog-match'), { timeout: 30_000 }).toMatch(/Is it this\? The Hunger Games \(The Hunger Games, #1\) — Suzanne Collins/);
    await page.getByTestId('catalog-match').getByRole('button', { name: 'Yes, use it' }).click();
    await expect.poll(() => page.getByTestId('title').inputValue()).toBe('The Hunger Games (The Hunger Games, #1) by Suzanne Collins');
    expect(await page.getByTestId('gtin').innerText()).toBe(HUNGER_GAMES);
    expect(await page.getByTestId('category').inputValue()).toBe('Books & Media > Books');
    await expect.poll(() => page.getByTestId('catalog-match').count()).toBe(0); // the product it already is is not offered again
    // brand + name
    await newListing(page);
    await page.getByTestId('title').fill('coke zero');
    await expect.poll(textOf(page, 'catalog-match'), { timeout: 30_000 }).toMatch(/Is it this\? Coke — Zero/);
  });

  it('a read into a listing that has a title asks before replacing title, category and price', async () => {
    const { page } = app;
    await newListing(page);
    await page.getByTestId('title').fill('My old paperback');
    await typeCode(page, HUNGER_GAMES);
    await expect.poll(textOf(page, 'barcode-replace'), { timeout: 30_000 }).toMatch(/Replace title, category and price with this product\?/);
    expect(await page.getByTestId('title').inputValue()).toBe('My old paperback');
    await page.getByTestId('barcode-replace').getByRole('button', { name: 'Replace' }).click();
    await expect.poll(() => page.getByTestId('title').inputValue()).toMatch(/^The Hunger Games/);
    expect(await page.getByTestId('barcode-replace').count()).toBe(0);
  });

  it('a typed code with a wrong check digit is refused with the right digit named', async () => {
    const { page } = app;
    await typeCode(page, '9780439023482');
    await expect.poll(() => page.getByTestId('error').innerText()).toMatch(/check digit\) should be 1, not 2/);
  });

  it('item photos are searched quietly (no "Reading the barcode…"); a barcode photo without a code says so', async () => {
    const { page } = app;
    await newListing(page);
    await page.evaluate(() => {
      const w = window as unknown as { sawReading: boolean };
      w.sawReading = false;
      new MutationObserver(() => {
        if (document.body.innerText.includes('Reading the barcode')) w.sawReading = true;
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const teddy = dataFile(join(DATA_DIR, 'photos/imagenet-sample-images/n04399382_teddy.JPEG'));
    await page.getByTestId('photo-input').setInputFiles(teddy);
    await expect.poll(() => page.locator('ul[aria-label="Photos"] li.done').count(), { timeout: 60_000 }).toBe(1);
    await page.waitForTimeout(3000); // the background barcode search runs after the classification
    expect(await page.evaluate(() => (window as unknown as { sawReading: boolean }).sawReading)).toBe(false);
    expect(await page.getByTestId('gtin').count()).toBe(0);
    await page.getByTestId('barcode-input').setInputFiles(teddy);
    await expect.poll(() => page.getByTestId('error').innerText(), { timeout: 60_000 }).toMatch(/no product barcode/);
  });

  it('imports a gzip TSV catalog on the device; its codes then fill listings', async () => {
    const { page } = app;
    const file = dataFile(join(DATA_DIR, 'catalog/uhtt-barcode-subset/print_books.tsv.gz'));
    const report = await importCatalog(page, file, 'print_books.tsv.gz');
    expect(report).toMatch(/^Imported [\d,]+ products from “print_books\.tsv\.gz” \(gzip, decompressed on this device\); [\d,]+ rows rejected\.$/);
    expect(Number(/Imported ([\d,]+)/.exec(report)![1].replace(/,/g, ''))).toBeGreaterThan(50_000);
    await newListing(page);
    await typeCode(page, '074470015468'); // first row: "$ 8.99 urban Ink magazine"
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 30_000 }).toMatch(/urban Ink magazine/);
  });

  it('files that are not catalogs get the specific reason', async () => {
    const { page } = app;
    expect(await importCatalog(page, { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) }, 'empty.csv')).toMatch(/empty \(0 bytes\)/);
    const noCodes = await importCatalog(
      page,
      { name: 'colours.csv', mimeType: 'text/csv', buffer: Buffer.from('name,colour,price\nShirt,red,3\nHat,blue,4\n') },
      'colours.csv',
    );
    expect(noCodes).toBe(
      '“colours.csv” could not be imported: No column holds barcodes; found: “name”, “colour”, “price”. Name one column gtin, ean, upc or isbn.',
    );
    expect(await importCatalog(page, { name: 'scan.png', mimeType: 'image/png', buffer: await barcodePng(HUNGER_GAMES) }, 'scan.png')).toMatch(
      /this is an image, not a catalog/,
    );
    const cut = readFileSync(dataFile(join(DATA_DIR, 'catalog/uhtt-barcode-subset/bags_accessories.tsv.gz'))).subarray(0, 20_000);
    expect(await importCatalog(page, { name: 'cut.tsv.gz', mimeType: 'application/gzip', buffer: cut }, 'cut.tsv.gz')).toMatch(
      /this looks like a gzip file, but it could not be decompressed/,
    );
    const bad = 'isbn13,title\n9780439023481,Good row\n9780439023482,Bad check digit\nnot-a-code,Junk\n';
    expect(await importCatalog(page, { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) }, 'bad.csv')).toMatch(
      /Imported 1 products from “bad\.csv”; 2 rows rejected/,
    );
  });

  it('Clear asks first, removes only imported products, and keeps the starter catalog', async () => {
    const { page } = app;
    await openCatalog(page);
    const summary = () => page.locator('details.catalog > summary').innerText();
    const before = await summary();
    await page.getByTestId('catalog-clear').click();
    const ask = await page.getByTestId('catalog-clear-confirm').innerText();
    expect(ask).toMatch(/Remove the [\d,]+ products you imported\? The starter catalog \(15,8\d\d products\) stays/);
    await page.getByTestId('catalog-clear-confirm').getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByTestId('catalog-clear-confirm').count()).toBe(0);
    expect(await summary()).toBe(before);
    await page.getByTestId('catalog-clear').click();
    await page.getByTestId('catalog-clear-confirm').getByRole('button', { name: 'Remove imported products' }).click();
    await expect
      .poll(() => page.getByTestId('catalog-report').innerText(), { timeout: 60_000 })
      .toMatch(/^Removed [\d,]+ imported products\. The starter catalog \(15,8\d\d products\) stays/);
    expect(await summary()).toMatch(/Offline catalog \(15,8\d\d products\)/);
    await newListing(page);
    await typeCode(page, HUNGER_GAMES); // also the row bad.csv had replaced: the starter row is back
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 30_000 }).toMatch(/^The Hunger Games .* by Suzanne Collins$/);
  });
});
