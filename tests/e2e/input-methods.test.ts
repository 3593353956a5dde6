/** Every way a photo gets in: drag-and-drop, paste, the live camera (Chromium's fake device); EXIF orientation. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { DATA_DIR, dataFile } from './browser.ts';
import { readyApp } from './suite.ts';

const teddy = () => readFileSync(dataFile(join(DATA_DIR, 'photos/imagenet-sample-images/n04399382_teddy.JPEG'))).toString('base64');

async function doneCount(page: Page): Promise<number> {
  return page.locator('ul[aria-label="Photos"] li.done').count();
}

describe('input methods', () => {
  const app = readyApp({
    args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    beforeReady: (a) => a.context.grantPermissions(['camera']),
  });

  it('drag-and-drop of a photo file fills the form', async () => {
    const { page } = app;
    const data = await page.evaluateHandle((b64) => {
      const dt = new DataTransfer();
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], 'teddy.jpg', { type: 'image/jpeg' }));
      return dt;
    }, teddy());
    await page.getByRole('region', { name: 'Add photos' }).dispatchEvent('drop', { dataTransfer: data });
    await expect.poll(() => doneCount(page), { timeout: 60_000 }).toBe(1);
    expect(await page.getByTestId('title').inputValue()).toMatch(/teddy/i);
    expect((await page.getByTestId('category').inputValue()).startsWith('Toys & Games')).toBe(true);
  });

  it('pasting an image from the clipboard adds it', async () => {
    const { page } = app;
    await page.evaluate((b64) => {
      const dt = new DataTransfer();
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], 'pasted.jpg', { type: 'image/jpeg' }));
      window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, teddy());
    await expect.poll(() => doneCount(page), { timeout: 60_000 }).toBe(2);
  });

  it('the live camera captures a frame that is classified like any photo', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Take a photo' }).click();
    await page.getByRole('button', { name: 'Capture' }).click();
    await expect.poll(() => doneCount(page), { timeout: 60_000 }).toBe(3);
    // The camera is released after the capture.
    expect(await page.evaluate(() => document.querySelectorAll('video').length)).toBe(0);
  });

  it('honours EXIF orientation: a 60×20 photo tagged "rotate 90°" is read as 20×60', async () => {
    const { page } = app;
    const tagged = await sharp({ create: { width: 60, height: 20, channels: 3, background: '#3366cc' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    await page.getByTestId('photo-input').setInputFiles({ name: 'rotated.jpg', mimeType: 'image/jpeg', buffer: tagged });
    await expect.poll(() => doneCount(page), { timeout: 60_000 }).toBe(4);
    expect(await page.locator('ul[aria-label="Photos"] li').last().getAttribute('data-size')).toBe('20x60');
  });

  it('a 12 MP phone photo stored sideways (EXIF "rotate 90°") is read at a reduced scale: its own size reported, the same top-1 as the original', async () => {
    const { page } = app;
    const original = readFileSync(dataFile(join(DATA_DIR, 'photos/imagenet-sample-images/n04399382_teddy.JPEG')));
    const phone = await sharp(original).resize(4032, 3024, { fit: 'fill' }).rotate(270).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(phone).metadata()).width).toBe(3024); // stored sideways, shown upright
    await page.getByTestId('photo-input').setInputFiles({ name: 'phone.jpg', mimeType: 'image/jpeg', buffer: phone });
    await expect.poll(() => doneCount(page), { timeout: 60_000 }).toBe(5);
    const items = page.locator('ul[aria-label="Photos"] li');
    expect(await items.last().getAttribute('data-size')).toBe('4032x3024');
    expect(await items.last().getAttribute('data-decoded')).toBe('504x378'); // decoded at 1/8 for the model (a full decode: 4032x3024)
    const top1 = async (i: number) => (JSON.parse((await items.nth(i).getAttribute('data-top')) ?? '[]') as [number, number][])[0][0];
    expect(await top1(4)).toBe(await top1(0)); // the dropped original teddy
  });
});
