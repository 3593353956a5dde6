/**
 * The README's first command really works: `npm start` installs the models, builds and serves the production app,
 * and a photo added in Chromium gets a title. The script is run exactly as named in package.json; the test only sets
 * PORT (so it never meets the e2e preview server on 4179 or a developer's own `npm start` on 5173) and
 * START_OUT_DIR (a temp folder, so it never rebuilds dist/ while other e2e files are served from it).
 */
import { stripVTControlCharacters } from 'node:util';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DATA_DIR, dataFile, launch, waitReady } from './browser.ts';

const PORT = 5391;
const URL_RE = new RegExp(`http://127\\.0\\.0\\.1:${PORT}/?`);

/**
 * The environment of a newcomer's shell: this process's, minus what Vitest adds (NODE_ENV=test, VITEST, …),
 * which would otherwise leak into `vite build` and make a test-mode bundle whose photo model never loads.
 */
function newcomerEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && k !== 'TEST' && !k.startsWith('VITEST')));
}

/** Resolves with the served URL once `vite preview` prints it; rejects if the process exits first. */
function waitForUrl(child: ChildProcess, log: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no URL in ${timeoutMs} ms:\n${log.join('').slice(-3000)}`)), timeoutMs);
    const onData = (d: Buffer) => {
      log.push(d.toString());
      // vite colours its output; strip ANSI codes before matching.
      const m = stripVTControlCharacters(log.join('')).match(URL_RE);
      if (m) {
        clearTimeout(timer);
        resolve(m[0].replace(/\/$/, ''));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}) before serving:\n${log.join('').slice(-3000)}`));
    });
  });
}

/** Kills npm and everything it started (sh → vite): it was spawned as the leader of its own process group. */
async function killTree(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const t = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, 5000);
  await exited;
  clearTimeout(t);
}

describe('npm start (the README command)', () => {
  let child: ChildProcess;
  let browser: Browser | undefined;
  let url: string;
  const log: string[] = [];
  const outDir = mkdtempSync(join(tmpdir(), 'npm-start-'));

  beforeAll(async () => {
    child = spawn('npm', ['start'], {
      env: { ...newcomerEnv(), PORT: String(PORT), START_OUT_DIR: outDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    url = await waitForUrl(child, log, 170_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (child) await killTree(child);
    rmSync(outDir, { recursive: true, force: true });
  });

  it('serves the production build with the security headers at the printed URL', async () => {
    const res = await fetch(url + '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    // The production build, not the dev server: no Vite client script in the page.
    expect(await res.text()).not.toContain('/@vite/client');
  });

  it('a photo added in Chromium gets a non-empty title', async () => {
    browser = await launch();
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url + '/');
    await waitReady(page);
    await page.getByTestId('photo-input').setInputFiles(dataFile(join(DATA_DIR, 'photos/imagenet-sample-images/n04120489_running_shoe.JPEG')));
    await expect.poll(() => page.getByTestId('title').inputValue(), { timeout: 60_000 }).not.toBe('');
    expect(await page.getByTestId('error').isHidden()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('stops with its whole process tree', async () => {
    await killTree(child);
    await expect(fetch(url + '/')).rejects.toThrow();
  });
});
