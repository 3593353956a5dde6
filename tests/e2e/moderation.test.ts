/**
 * Listing safety in a real Chromium on the production build: the 12 photos of $DATA_DIR/photos-moderation each get
 * their warning (the kitchen cleaver none), the warning names the concern and can be dismissed for this listing,
 * the dismissal survives a reload (it is part of the draft), and the explicit-photo model is fetched only after the
 * first suggestion (lazy) and not at all when switched off in Settings. No request leaves the page's origin.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR, dataFile, waitReady } from './browser.ts';
import { openReady, readyApp } from './suite.ts';

const DIR = join(DATA_DIR, 'photos-moderation');
const photo = (name: string) => dataFile(join(DIR, name));
const NSFW = /\/models\/nsfw_mobilenet_v2\//;

describe('listing safety', () => {
  const requests: { url: string; at: number }[] = [];
  const app = readyApp({ beforeReady: (a) => a.context.on('request', (r) => requests.push({ url: r.url(), at: Date.now() })) });

  it('a revolver photo gets a firearm warning; the explicit-photo model loads only after the suggestion', async () => {
    const { page } = app;
    expect(requests.filter((r) => NSFW.test(r.url))).toEqual([]); // not part of the start-up
    await page.getByTestId('photo-input').setInputFiles(photo('n04086273_revolver.JPEG'));
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 60_000 }).not.toBe('');
    const suggestedAt = Date.now();
    const w = page.getByTestId('moderation');
    await w.first().waitFor({ timeout: 30_000 });
    expect(await w.count()).toBe(1);
    expect(await w.innerText()).toMatch(/looks like a firearm/);
    expect(await w.innerText()).toMatch(/Most marketplaces do not allow firearms/);
    const li = page.locator('ul[aria-label="Photos"] li.done');
    await expect.poll(() => li.getAttribute('data-explicit'), { timeout: 90_000 }).not.toBeNull();
    expect(Number(await li.getAttribute('data-explicit'))).toBeLessThan(0.5);
    const nsfw = requests.filter((r) => NSFW.test(r.url));
    expect(nsfw.map((r) => r.url.split('/').pop()).sort()).toEqual(['group1-shard1of1.bin', 'labels.txt', 'model.json']);
    expect(Math.min(...nsfw.map((r) => r.at))).toBeGreaterThanOrEqual(suggestedAt - 500); // after the title was filled (poll slack)
    expect(await page.locator('img.blurred').count()).toBe(0);
  });

  it('"This isn\'t that" dismisses it for this listing, and the dismissal is saved with the draft', async () => {
    const { page } = app;
    await page.getByTestId('moderation').getByRole('button', { name: "This isn't that" }).click();
    await expect.poll(() => page.getByTestId('moderation').count()).toBe(0);
    await page.getByTestId('photo-input').setInputFiles(photo('n03937543_pill_bottle.JPEG'));
    await expect.poll(() => page.getByTestId('moderation').count(), { timeout: 60_000 }).toBe(1);
    expect(await page.getByTestId('moderation').innerText()).toMatch(/medicine/);
    await page.getByTestId('save-state').filter({ hasText: 'Saved on this device' }).waitFor({ timeout: 30_000 });
    await page.reload();
    await waitReady(page);
    await expect.poll(() => page.locator('ul[aria-label="Photos"] li.done').count(), { timeout: 30_000 }).toBe(2);
    await expect.poll(() => page.getByTestId('moderation').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('moderation').innerText()).toMatch(/medicine/);
  });

  it('all 12 photos: each expected warning appears, the cleaver raises none', async () => {
    const fresh = await openReady(app.browser);
    const { page } = fresh;
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.JPEG'))
      .sort();
    expect(files).toHaveLength(12);
    await page.getByTestId('photo-input').setInputFiles(files.map(photo));
    await expect.poll(() => page.locator('ul[aria-label="Photos"] li.done').count(), { timeout: 150_000 }).toBe(12);
    const expected = ['alcohol', 'ammunition', 'body-armour', 'drug-paraphernalia', 'firearm', 'gun-accessory', 'medicine'];
    await expect
      .poll(async () => (await page.getByTestId('moderation').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')))).sort(), { timeout: 30_000 })
      .toEqual(expected);
    const text = await page.getByTestId('moderation').allInnerTexts();
    const all = text.join('\n');
    for (const f of files.filter((x) => !x.includes('cleaver'))) expect(all, f).toContain(f);
    expect(all).not.toContain('cleaver');
    expect(all).toMatch(/looks like a firearm \(.*assault_rifle.*revolver.*rifle/s);
    // every photo got its explicit score, none is explicit, none is blurred
    await expect.poll(() => page.locator('li[data-explicit]').count(), { timeout: 120_000 }).toBe(12);
    expect(await page.locator('img.blurred').count()).toBe(0);
    await fresh.context.close();
  });

  it('switched off in Settings, the explicit-photo model is never fetched', async () => {
    const context = await app.browser.newContext({ serviceWorkers: 'block' });
    const seen: string[] = [];
    context.on('request', (r) => seen.push(r.url()));
    const page = await context.newPage();
    await page.goto(new URL(app.page.url()).origin + '/');
    await waitReady(page);
    await page.getByText('Settings').click();
    await page.getByTestId('explicit-check').uncheck();
    await page.getByTestId('photo-input').setInputFiles(photo('n04591713_wine_bottle.JPEG'));
    await expect.poll(() => page.getByTestId('moderation').count(), { timeout: 60_000 }).toBe(1);
    expect(await page.getByTestId('moderation').innerText()).toMatch(/alcohol/);
    await page.waitForTimeout(2000);
    expect(seen.filter((u) => NSFW.test(u))).toEqual([]);
    expect(await page.locator('li[data-explicit]').count()).toBe(0);
    await context.close();
  });

  it('with the ONNX photo engine the item rules and the explicit check (on tfjs) still run', async () => {
    const context = await app.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(new URL(app.page.url()).origin + '/');
    await waitReady(page);
    await page.getByText('Settings').click();
    await page.getByTestId('engine-select').selectOption('onnx');
    await waitReady(page);
    await page.getByTestId('photo-input').setInputFiles(photo('n04376876_syringe.JPEG'));
    await expect.poll(() => page.getByTestId('moderation').count(), { timeout: 90_000 }).toBe(1);
    expect(await page.getByTestId('moderation').innerText()).toMatch(/syringe/);
    await expect.poll(() => page.locator('li[data-explicit]').count(), { timeout: 90_000 }).toBe(1);
    await context.close();
  });

  it("made no request outside the page's origin", () => {
    const origin = new URL(app.page.url()).origin;
    expect(requests.filter((r) => !r.url.startsWith(origin) && !r.url.startsWith('blob:') && !r.url.startsWith('data:'))).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
