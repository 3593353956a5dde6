/** Launches Debian's Chromium through playwright-core (no browser download) and opens the app. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DATA_DIR = resolve(process.env.DATA_DIR ?? '../shared/data');
export const MODELS_SAMPLES = resolve(process.env.SHARED_MODELS_DIR ?? '../shared/models', 'samples');

export function baseUrl(): string {
  return inject('baseUrl');
}

/** A file from ../shared that a test needs: missing data is a test failure, never a skip. */
export function dataFile(path: string): string {
  if (!existsSync(path)) throw new Error(`test data missing: ${path} (set DATA_DIR / SHARED_MODELS_DIR)`);
  return path;
}

export async function launch(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

export interface AppPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
}

export async function openApp(browser: Browser, opts: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<AppPage> {
  const context = await browser.newContext({ serviceWorkers: opts.serviceWorkers ?? 'block' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(baseUrl() + '/');
  return { context, page, errors };
}

/** Waits until the engine reports ready (model loaded and warmed up). */
export async function waitReady(page: Page, timeout = 120_000): Promise<void> {
  await page
    .getByTestId('status')
    .filter({ hasText: /^Ready/ })
    .waitFor({ timeout });
}
