/** Our own models in the browser: typing a title re-ranks categories and moves the price; condition matters. */
import { describe, expect, it } from 'vitest';
import { readyApp } from './suite.ts';

describe('price and text → category', () => {
  const app = readyApp();

  const range = () => app.page.getByTestId('price-range').innerText();
  const alternatives = () => app.page.getByTestId('suggestions').innerText();

  it('a typed title gives category suggestions and a price range with its basis', async () => {
    const { page } = app;
    await page.getByTestId('title').fill('Nike Air Max 90 running sneakers mens size 10');
    await expect.poll(() => page.getByTestId('category').inputValue(), { timeout: 60_000 }).toMatch(/^Fashion > /);
    expect(await alternatives()).toMatch(/Fashion/);
    await expect.poll(range, { timeout: 30_000 }).toMatch(/^\$\d+–\$\d+, typical \$\d+/);
    expect(await range()).toMatch(/based on [\d,]+ similar listings: Fashion/i);
    expect(Number(await page.getByTestId('price').inputValue())).toBeGreaterThan(0);
  });

  it('editing the title re-ranks the categories and changes the price', async () => {
    const { page } = app;
    const before = { cat: await page.getByTestId('category').inputValue(), price: await range() };
    await page.getByTestId('title').fill('Apple iPhone 12 Pro 128GB unlocked smartphone');
    await expect.poll(() => page.getByTestId('category').inputValue(), { timeout: 30_000 }).not.toBe(before.cat);
    expect(await page.getByTestId('category').inputValue()).toMatch(/^Electronics/);
    await expect.poll(range, { timeout: 30_000 }).not.toBe(before.price);
  });

  it('condition and shipping feed the price and its explanation; a typed price is never overwritten', async () => {
    const { page } = app;
    await page.getByTestId('condition').selectOption({ label: 'Poor' });
    await expect.poll(range, { timeout: 30_000 }).toMatch(/condition Poor/);
    await page.getByTestId('shipping').selectOption('seller');
    await expect.poll(range, { timeout: 30_000 }).toMatch(/seller pays shipping/);
    await page.getByTestId('price').fill('333');
    await page.getByTestId('title').fill('Apple iPhone 11 64GB');
    await page.waitForTimeout(800);
    expect(await page.getByTestId('price').inputValue()).toBe('333');
  });
});
