/** Barcode listing in Chromium: photo of a barcode, live camera (fake device fed a real EAN-13), catalog import. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DATA_DIR, dataFile, launch, openApp, waitReady, type AppPage } from './browser.ts';
import { barcodeFrame, barcodeMjpeg } from '../fixtures/barcodes.ts';

const HUNGER_GAMES = '9780439023481'; // goodbooks-10k row 1 (ISBN 0439023483)
const catalogFile = () => dataFile(join(DATA_DIR, 'catalog/goodbooks-10k/books.csv'));

async function importCatalog(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.locator('details.catalog').evaluate((d) => ((d as HTMLDetailsElement).open = true));
  await page.getByTestId('catalog-input').setInputFiles(file);
  await page.getByTestId('catalog-report').waitFor({ timeout: 120_000 });
  return page.getByTestId('catalog-report').innerText();
}

describe('barcode listing', () => {
  let browser: Browser;
  let app: AppPage;
  beforeAll(async () => {
    browser = await launch(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${await barcodeMjpeg(HUNGER_GAMES)}`]);
    app = await openApp(browser);
    await app.context.grantPermissions(['camera']);
    await waitReady(app.page);
  });
  afterAll(async () => browser?.close());

  it('a real barcode photo not in the catalog: the code is shown and the seller is asked for a title', async () => {
    const { page } = app;
    const expected = readFileSync(dataFile(join(DATA_DIR, 'barcodes/quagga2/ean/image-001.txt')), 'utf8').trim();
    await page.getByTestId('barcode-input').setInputFiles(dataFile(join(DATA_DIR, 'barcodes/quagga2/ean/image-001.jpg')));
    await expect.poll(() => page.getByTestId('gtin').innerText().catch(() => ''), { timeout: 60_000 }).toBe(expected);
    expect(await page.getByTestId('barcode-message').innerText()).toMatch(/not in the offline catalog.*type the title/);
  });

  it('imports a real book catalog (10,000 rows), then a barcode photo fills title, author and category', async () => {
    const { page } = app;
    const report = await importCatalog(page, catalogFile());
    const n = Number(/Imported ([\d,]+) products/.exec(report)?.[1].replace(/,/g, ''));
    expect(n).toBeGreaterThan(9000);
    expect(report).toMatch(/rows rejected/);
    await page.getByRole('button', { name: 'New listing' }).click();
    await page.getByTestId('barcode-input').setInputFiles({ name: 'isbn.jpg', mimeType: 'image/jpeg', buffer: await barcodeFrame(HUNGER_GAMES) });
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 60_000 }).toMatch(/Hunger Games.*Suzanne Collins/);
    expect(await page.getByTestId('gtin').innerText()).toBe(HUNGER_GAMES);
    expect(await page.getByTestId('category').inputValue()).toBe('Books & Media > Books');
    expect(await page.getByTestId('barcode-evidence').innerText()).toMatch(/ISBN-10 0439023483/);
  });

  it('the live scanner reads the code from the camera, fills the form and releases the camera', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New listing' }).click();
    await page.getByTestId('scan-button').click();
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 60_000 }).toMatch(/Hunger Games/);
    expect(await page.getByTestId('barcode-evidence').innerText()).toContain(HUNGER_GAMES);
    expect(await page.getByTestId('scanner').count()).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('video').length)).toBe(0);
  });

  it('a typed code with a wrong check digit is refused with the right digit named', async () => {
    const { page } = app;
    await page.getByLabel('Type a barcode number').fill('9780439023482');
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect.poll(() => page.getByTestId('error').innerText()).toMatch(/check digit\) should be 1, not 2/);
  });

  it('a photo with no barcode says so; an empty or bad catalog file gets a clear report', async () => {
    const { page } = app;
    await page.getByTestId('barcode-input').setInputFiles(dataFile(join(DATA_DIR, 'photos/imagenet-sample-images/n04399382_teddy.JPEG')));
    await expect.poll(() => page.getByTestId('error').innerText(), { timeout: 60_000 }).toMatch(/no product barcode/);
    expect(await importCatalog(page, { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) })).toMatch(/empty \(0 bytes\)/);
    const bad = 'isbn13,title\n9780439023481,Good row\n9780439023482,Bad check digit\nnot-a-code,Junk\n';
    const report = await page.getByTestId('catalog-input').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) })
      .then(() => expect.poll(() => page.getByTestId('catalog-report').innerText()).toMatch(/bad\.csv/)).then(() => page.getByTestId('catalog-report').innerText());
    expect(report).toMatch(/Imported 1 products from “bad\.csv”; 2 rows rejected/);
  });
});
