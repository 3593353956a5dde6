/**
 * A finished listing on real photos: a description draft from what was seen, distinct chips, honest price
 * guidance, the odd-photo notice, cover photo and the fee line.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR, dataFile } from './browser.ts';
import { pricingSettled, readyApp, textOf } from './suite.ts';

const photo = (f: string) => dataFile(join(DATA_DIR, 'photos/imagenet-sample-images', f));

describe('a finished listing', () => {
  const app = readyApp();

  it('a sweatshirt photo drafts a description from what was seen; chips never repeat an ancestor', async () => {
    const { page } = app;
    await page.getByTestId('photo-input').setInputFiles(photo('n04370456_sweatshirt.JPEG'));
    await expect.poll(() => page.getByTestId('description').inputValue(), { timeout: 60_000 }).toMatch(/See the photos for details\.$/);
    const title = await page.getByTestId('title').inputValue();
    expect(await page.getByTestId('description').inputValue()).toContain(title);
    await page.getByTestId('condition').selectOption({ label: 'Good' });
    await expect.poll(() => page.getByTestId('description').inputValue()).toMatch(/Condition: Good — gently used/);
    expect(await page.getByTestId('condition-means').innerText()).toMatch(/Gently used/);
    const chips = (await page.getByTestId('suggestions').locator('button').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(chips.length).toBeGreaterThan(0);
    expect(chips.length).toBeLessThanOrEqual(4);
    for (const c of chips) expect(c).toMatch(/ (likely|possible)$/);
    expect(await page.getByTestId('suggestions').innerText()).not.toMatch(/%/);
    // The seller's own words are never overwritten by the draft.
    await page.getByTestId('description').fill('Warm and soft.');
    await page.getByTestId('brand').fill('Gap');
    await page.waitForTimeout(600);
    expect(await page.getByTestId('description').inputValue()).toBe('Warm and soft.');
  });

  it('a laptop photo added to it is called a different item', async () => {
    const { page } = app;
    await page.getByTestId('photo-input').setInputFiles(photo('n03642806_laptop.JPEG'));
    await expect.poll(textOf(page, 'odd-photo'), { timeout: 60_000 }).toMatch(/n03642806_laptop\.JPEG looks like a different item \(Laptops\)/);
    await page.getByRole('button', { name: 'Make n03642806_laptop.JPEG the cover photo' }).click();
    expect(await page.getByTestId('cover-photo').getAttribute('aria-label')).toBe('n03642806_laptop.JPEG is the cover photo');
    const tile = page.locator('ul[aria-label="Photos"] li', { has: page.getByRole('img', { name: 'n03642806_laptop.JPEG' }) });
    await expect.poll(() => tile.getAttribute('data-size'), { timeout: 30_000 }).toMatch(/^\d+x\d+$/);
    const [w, h] = (await tile.getAttribute('data-size'))!.split('x');
    await page.getByRole('button', { name: 'Rotate n03642806_laptop.JPEG' }).click();
    await expect.poll(() => tile.getAttribute('data-size'), { timeout: 30_000 }).toBe(`${h}x${w}`);
    await page.getByRole('button', { name: 'Remove n03642806_laptop.JPEG' }).click();
    expect(await page.getByTestId('odd-photo').count()).toBe(0);
  });

  it('a price far above the range gets a note; the fee setting shows what the seller receives', async () => {
    const { page } = app;
    await page.getByTestId('price-range').waitFor({ timeout: 30_000 });
    await pricingSettled(page); // the re-price after the last test's photo was removed has written its range
    await page.getByTestId('price').fill('650');
    await expect(page.getByTestId('price-remark').innerText()).resolves.toMatch(/\$650 is well above similar listings/);
    await page.locator('summary', { hasText: 'Settings' }).click();
    await page.getByTestId('fee-percent').fill('10');
    await expect(page.getByTestId('after-fee').innerText()).resolves.toBe("You'd receive about $585.00 after a 10% fee.");
  });

  it('thin price data is said plainly, without a bold typical price', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New listing' }).click();
    await page.getByTestId('title').fill('Dell OptiPlex 7050 desktop computer');
    // Desktops is thin in our price data (models/price/price.json categoryCounts: 1 listing).
    await page.getByTestId('category').selectOption({ label: 'Electronics › Computers & Tablets › Desktops' });
    await expect
      .poll(
        () =>
          page
            .getByTestId('price-range')
            .getAttribute('data-strength')
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toBe('thin');
    const text = await page.getByTestId('price-range').innerText();
    expect(text).toMatch(/Few comparable listings for Desktops \(\d+\) — treat \$\d+–\$\d+ as a rough guide and check recent sold prices/);
    expect(await page.getByTestId('price-range').locator('strong').count()).toBe(0);
  });
});
