/**
 * When the catalog's background start runs (runes compiled by the Vitest plugin): after the service worker controls
 * the page and after the photo path has loaded (its index build would take the core a photo added at once needs), or
 * after BACKGROUND_START_CAP_MS when that never happens; a lookup starts it at once. `start` is observed, not
 * replaced by another implementation: the worker it would call is the e2e tests' part (tests/e2e/barcode*.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKGROUND_START_CAP_MS, Catalog } from '../../src/state/catalog.svelte.ts';
import { serviceWorkerControls } from '../../src/state/sw-control.ts';
import type { IdbCatalogStore } from '../../src/storage/idb-catalog-store.ts';

const store = { count: async () => 0, get: async () => undefined } as unknown as IdbCatalogStore;

function observed(): { catalog: Catalog; starts: () => number } {
  const catalog = new Catalog(store);
  let n = 0;
  catalog.start = () => {
    n++;
    return Promise.resolve();
  };
  return { catalog, starts: () => n };
}

describe('catalog background start', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    serviceWorkerControls();
  });
  afterEach(() => vi.useRealTimers());

  it('waits for the photo path, then starts once', async () => {
    const { catalog, starts } = observed();
    let loaded!: () => void;
    catalog.startWhenIdle(Promise.resolve(), new Promise<void>((r) => (loaded = r)));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(starts()).toBe(0);
    loaded();
    await vi.advanceTimersByTimeAsync(1_000); // no requestIdleCallback in Node: one second later
    expect(starts()).toBe(1);
    await vi.advanceTimersByTimeAsync(BACKGROUND_START_CAP_MS);
    expect(starts()).toBe(1);
  });

  it('starts after a photo path that failed to load', async () => {
    const { catalog, starts } = observed();
    catalog.startWhenIdle(Promise.resolve(), Promise.reject(new Error('no model')));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(starts()).toBe(1);
  });

  it('starts after the cap when the photo path never settles', async () => {
    const { catalog, starts } = observed();
    catalog.startWhenIdle(Promise.resolve(), new Promise(() => {}));
    await vi.advanceTimersByTimeAsync(BACKGROUND_START_CAP_MS - 1);
    expect(starts()).toBe(0);
    await vi.advanceTimersByTimeAsync(1_001);
    expect(starts()).toBe(1);
  });

  it('a lookup does not wait for the photo path', async () => {
    const { catalog, starts } = observed();
    catalog.startWhenIdle(Promise.resolve(), new Promise(() => {}));
    await catalog.lookup('4006381333931');
    expect(starts()).toBe(1);
  });
});
