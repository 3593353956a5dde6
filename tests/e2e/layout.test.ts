/**
 * Phone-first layout and accessibility, on the production build at 360, 390 and 1280 px: in every screen state
 * (form with photos and drafts, scanner, catalog, settings) nothing scrolls sideways, no two form controls overlap,
 * every control is at least 44×44 px on a phone, and axe-core finds no serious or critical violation.
 * Screenshots of each state go to test-results/screens/ for a reviewer to look at (not committed).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DATA_DIR, baseUrl, dataFile, launch, waitReady } from './browser.ts';

const SHOTS = 'test-results/screens';
const photo = (f: string) => dataFile(join(DATA_DIR, 'photos/imagenet-sample-images', f));
const PHOTOS = [photo('n04120489_running_shoe.JPEG'), photo('n04399382_teddy.JPEG')];

interface Geometry {
  scrollWidth: number;
  innerWidth: number;
  overlaps: string[];
  small: string[];
}

/** Measures the page as a seller's thumb meets it: horizontal overflow, overlapping controls, small targets. */
function measure(page: Page): Promise<Geometry> {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 1 && r.height > 1 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('details:not([open]) > :not(summary)');
    };
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 30)}]`;
    const controls = [...document.querySelectorAll('form input, form select, form textarea, form button')].filter(visible);
    const overlaps: string[] = [];
    for (let i = 0; i < controls.length; i++)
      for (let j = i + 1; j < controls.length; j++) {
        const a = controls[i].getBoundingClientRect();
        const b = controls[j].getBoundingClientRect();
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) overlaps.push(`${name(controls[i])} × ${name(controls[j])}`);
      }
    // The target of an input inside a label is the label (tapping the label works the input). Links inside a
    // sentence are exempt, as in WCAG 2.5.8's inline exception (the credit line of the catalog's sources).
    const inline = (el: Element) => el.tagName === 'A' && (el.parentElement?.textContent ?? '').trim().length > (el.textContent ?? '').trim().length + 10;
    const targets = [...document.querySelectorAll('button, a[href], input, select, textarea, summary')]
      .map((el) => (el instanceof HTMLInputElement && el.closest('label') ? el.closest('label')! : el))
      .filter((el, i, all) => all.indexOf(el) === i && visible(el) && !inline(el));
    const small = targets
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width < 44 - 0.5 || r.height < 44 - 0.5;
      })
      .map((el) => `${name(el)} ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, overlaps, small };
  });
}

async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('phone-first layout and accessibility', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launch(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
  });
  afterAll(async () => browser?.close());

  for (const width of [360, 390, 1280]) {
    it(`${width} px: every screen state fits, nothing overlaps, targets ≥ 44 px on phones, no serious axe violations`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 860 }, serviceWorkers: 'block', permissions: ['camera'] });
      const page = await context.newPage();
      await page.goto(baseUrl() + '/');
      await waitReady(page);
      // Two drafts, the current one with two photos.
      await page.getByTestId('title').fill('Blue denim jacket');
      await page.getByTestId('save-state').filter({ hasText: 'Saved' }).waitFor();
      await page.getByRole('button', { name: 'New listing' }).click();
      await page.getByTestId('photo-input').setInputFiles(PHOTOS);
      await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 60_000 }).not.toBe('');
      await page.getByTestId('price-range').waitFor({ timeout: 30_000 });
      await page.getByTestId('save-state').filter({ hasText: 'Saved' }).waitFor();
      await expect.poll(() => page.getByTestId('drafts').locator('li').count()).toBe(2);

      const states: [string, () => Promise<void>][] = [
        ['form', async () => {}],
        ['details', async () => page.getByText('Details: why these suggestions').click()],
        ['catalog', async () => page.locator('summary', { hasText: 'Offline catalog' }).click()],
        ['settings', async () => page.locator('summary', { hasText: 'Settings' }).click()],
        [
          'scanner',
          async () => {
            await page.getByTestId('scan-button').click();
            await page.locator('video').waitFor({ timeout: 20_000 });
          },
        ],
      ];
      // The Details disclosure is inside the form column; its labels are plain list items (no controls).
      for (const [state, enter] of states) {
        await enter();
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${SHOTS}/${state}-${width}.png`, fullPage: true });
        const g = await measure(page);
        expect(g.scrollWidth, `${state} @${width}: page ${g.scrollWidth} px wide`).toBeLessThanOrEqual(g.innerWidth);
        expect(g.overlaps, `${state} @${width}`).toEqual([]);
        if (width < 600) expect(g.small, `${state} @${width}: targets under 44×44`).toEqual([]);
        expect(await seriousViolations(page), `${state} @${width}`).toEqual([]);
      }
      await context.close();
    });
  }

  it('keyboard only: add a photo, reorder photos, edit every field and copy the listing, with visible focus at each step', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 860 },
      serviceWorkers: 'block',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    await page.goto(baseUrl() + '/');
    await waitReady(page);
    const focusVisible = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return 'nothing focused';
        const target = el instanceof HTMLInputElement && el.type === 'file' ? el.closest('label')! : el;
        const s = getComputedStyle(target);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? 'ok' : `no focus ring on ${el.outerHTML.slice(0, 80)}`;
      });
    const tabTo = async (test: (el: { testid: string | null; label: string | null; type: string | null }) => boolean, what: string) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        const el = await page.evaluate(() => {
          const a = document.activeElement;
          return { testid: a?.getAttribute('data-testid') ?? null, label: a?.getAttribute('aria-label') ?? null, type: a?.getAttribute('type') ?? null };
        });
        if (test(el)) return expect(await focusVisible(), what).toBe('ok');
      }
      throw new Error(`could not Tab to ${what}`);
    };
    await tabTo((e) => e.testid === 'photo-input', 'Choose photos');
    // Space on the focused file input opens the chooser (retried: a busy machine can drop the first key press).
    let chooser = null;
    for (let attempt = 0; attempt < 3 && !chooser; attempt++) {
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('photo-input');
      const opened = page.waitForEvent('filechooser', { timeout: 10_000 }).catch(() => null);
      await page.keyboard.press('Space');
      chooser = await opened;
    }
    expect(chooser, 'Space on "Choose photos" opened no file chooser').not.toBeNull();
    await chooser!.setFiles(PHOTOS);
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 60_000 }).not.toBe('');
    await expect.poll(() => page.locator('ul[aria-label="Photos"] li.done').count(), { timeout: 60_000 }).toBe(2);
    const firstBefore = await page.locator('ul[aria-label="Photos"] li img').first().getAttribute('alt');
    await page.locator('body').focus();
    await tabTo((e) => /^Move .* later$/.test(e.label ?? ''), 'Move later');
    await page.keyboard.press('Enter');
    expect(await page.locator('ul[aria-label="Photos"] li img').first().getAttribute('alt')).not.toBe(firstBefore);
    const fields: [string, (p: Page) => Promise<void>][] = [
      [
        'title',
        async (p) => {
          await p.keyboard.press('ControlOrMeta+a');
          await p.keyboard.type('Teddy bear and running shoes');
        },
      ],
      ['category', async (p) => p.keyboard.press('ArrowDown')],
      ['description', async (p) => p.keyboard.type(' Smoke-free home.')],
      ['brand', async (p) => p.keyboard.type('Acme')],
      ['colour', async (p) => p.keyboard.press('ArrowDown')],
      ['condition', async (p) => p.keyboard.press('ArrowDown')],
      ['shipping', async (p) => p.keyboard.press('ArrowDown')],
      [
        'price',
        async (p) => {
          await p.keyboard.press('ControlOrMeta+a');
          await p.keyboard.type('42');
        },
      ],
    ];
    for (const [id, edit] of fields) {
      await tabTo((e) => e.testid === id, id);
      await edit(page);
    }
    expect(await page.getByTestId('title').inputValue()).toBe('Teddy bear and running shoes');
    expect(await page.getByTestId('brand').inputValue()).toBe('Acme');
    expect(await page.getByTestId('description').inputValue()).toMatch(/Smoke-free home\.$/);
    expect(await page.getByTestId('condition').inputValue()).not.toBe('');
    await tabTo((e) => e.testid === 'copy-listing', 'Copy listing');
    await page.keyboard.press('Enter');
    await page.getByTestId('copy-state').filter({ hasText: 'Copied' }).waitFor();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toMatch(/^Teddy bear and running shoes\n/);
    expect(text).toMatch(/\nPrice: \$42\n/);
    expect(text).toMatch(/\nBrand: Acme\n/);
    expect(text).toMatch(/\nCondition: (New|Like new|Good|Fair|Poor)\n/);
    expect(text).toMatch(/Smoke-free home\.\n$/);
    await context.close();
  });
});
