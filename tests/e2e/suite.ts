/**
 * The bootstrapping the e2e files share, per describe block: one Chromium (launched in beforeAll, closed in
 * afterAll) and, with `readyApp`, one page of the app whose engine is Ready; `presetSettings` stores the app's
 * settings before a page loads. The returned objects are read inside tests and later hooks (after these hooks ran).
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, launch, openApp, waitReady, type AppPage } from './browser.ts';
import type { ImageEngine } from '../../src/core/model-manifest.ts';

export interface SuiteBrowser {
  readonly browser: Browser;
}

/** Chromium flags, or a function that makes them (e.g. a fake camera file written first). */
export type LaunchArgs = string[] | (() => Promise<string[]>);

function got<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`${what} used before its beforeAll ran`);
  return v;
}

/** One Chromium for the describe block. */
export function suiteBrowser(args: LaunchArgs = []): SuiteBrowser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch(typeof args === 'function' ? await args() : args);
  });
  afterAll(async () => browser?.close());
  return {
    get browser() {
      return got(browser, 'browser');
    },
  };
}

export interface ReadyApp extends AppPage, SuiteBrowser {}

/**
 * One Chromium and one app page (service workers blocked) for the describe block, Ready before the first test.
 * `beforeReady` runs once the page is open and before waiting for Ready (request listeners, permissions).
 */
export function readyApp(opts: { args?: LaunchArgs; beforeReady?: (app: AppPage) => unknown } = {}): ReadyApp {
  const s = suiteBrowser(opts.args);
  let app: AppPage | undefined;
  beforeAll(async () => {
    const a = await openApp(s.browser);
    await opts.beforeReady?.(a);
    await waitReady(a.page);
    app = a;
  });
  return {
    get browser(): Browser {
      return s.browser;
    },
    get context(): BrowserContext {
      return got(app, 'app').context;
    },
    get page(): Page {
      return got(app, 'app').page;
    },
    get errors(): string[] {
      return got(app, 'app').errors;
    },
  };
}

/** A new app page (own context) in `browser`, Ready. */
export async function openReady(browser: Browser): Promise<AppPage> {
  const app = await openApp(browser);
  await waitReady(app.page);
  return app;
}

/** A new page of `context` on the app, Ready, that records the workers it starts and its page errors. */
export async function openTracked(context: BrowserContext): Promise<{ page: Page; workers: string[]; errors: string[] }> {
  const page = await context.newPage();
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(baseUrl() + '/');
  await waitReady(page);
  return { page, workers, errors };
}

/** For expect.poll: the text of the element with `testId`, '' while there is none. */
export function textOf(page: Page, testId: string): () => Promise<string> {
  return () =>
    page
      .getByTestId(testId)
      .innerText()
      .catch(() => '');
}

/** What the settings panel stores (src/state/settings.svelte.ts), as the e2e files preset it. */
export interface PresetSettings {
  engine: ImageEngine;
  backend: string;
  threads: number;
  checkExplicit: boolean;
}

/** Stores `settings` in the context's localStorage before any page of it loads. */
export async function presetSettings(context: BrowserContext, settings: PresetSettings): Promise<void> {
  await context.addInitScript((s) => localStorage.setItem('listing-assistant.settings.v1', JSON.stringify(s)), settings);
}

/**
 * Waits until no price run is scheduled or in flight (the price field's data-pending): a range that lands while a
 * test fills the field would move the cursor, and the typed digits would follow the old value.
 */
export async function pricingSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[data-testid="price"][data-pending]'), null, { timeout: 30_000 });
}
