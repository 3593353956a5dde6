/**
 * The service worker's download order (src/sw/verified-fetch.ts): the photo path first, the price next, the rest
 * after; one download per file; a file someone needs now moves up; a late cache miss gets the stored copy.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { BACKGROUND, once, PHOTO_PATH, PRICE_PATH } from '../../src/sw/verified-fetch.ts';
import { downloadClass } from '../../src/sw/model-store.ts';
import type { ModelManifest } from '../../src/core/model-manifest.ts';

/** A download that resolves when told to, logging when it starts. */
function gate(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  const work = async () => {
    log.push(`start ${name}`);
    await done;
    return new Response(name);
  };
  return { work, finish };
}
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('service worker download order', () => {
  it('a background download waits while the photo path and then the price path download; files of one class run side by side', async () => {
    const log: string[] = [];
    const model = gate(log, 'model');
    const head = gate(log, 'head');
    const price = gate(log, 'price');
    const catalog = gate(log, 'catalog');
    // as the coverage top-up asks: everything at once, in manifest order
    const got = [
      once('/t1/model', model.work, PHOTO_PATH),
      once('/t1/price', price.work, PRICE_PATH),
      once('/t1/catalog', catalog.work, BACKGROUND),
      once('/t1/head', head.work, PHOTO_PATH),
    ];
    await tick();
    expect(log).toEqual(['start model', 'start head']);
    model.finish();
    await tick();
    expect(log).toEqual(['start model', 'start head']); // the head is still downloading
    head.finish();
    await tick();
    expect(log).toEqual(['start model', 'start head', 'start price']);
    price.finish();
    await tick();
    expect(log.at(-1)).toBe('start catalog');
    catalog.finish();
    expect(await Promise.all(got.map(async (p) => (await p).text()))).toEqual(['model', 'price', 'catalog', 'head']);
  });

  it('a queued background prefetch that the app now asks for moves up (and is still downloaded once)', async () => {
    const log: string[] = [];
    const price = gate(log, 'price');
    const zxing = gate(log, 'zxing');
    const p1 = once('/t2/price', price.work, PRICE_PATH);
    const prefetch = once('/t2/zxing', zxing.work, BACKGROUND);
    await tick();
    expect(log).toEqual(['start price']);
    const asked = once('/t2/zxing', async () => new Response('second download'), PHOTO_PATH);
    await tick();
    expect(log).toEqual(['start price', 'start zxing']);
    zxing.finish();
    price.finish();
    expect(await (await asked).text()).toBe('zxing');
    expect(await (await prefetch).text()).toBe('zxing');
    await p1;
  });

  it('a request that missed the cache while an earlier download of the file finished gets the stored copy', async () => {
    const stored = new Map<string, string>();
    let downloads = 0;
    const download = async () => {
      downloads++;
      stored.set('/t3/shard', 'bytes');
      return new Response('bytes');
    };
    const recheck = async () => (stored.has('/t3/shard') ? new Response(stored.get('/t3/shard')) : undefined);
    await once('/t3/shard', download, PHOTO_PATH, recheck);
    expect(await (await once('/t3/shard', download, PHOTO_PATH, recheck)).text()).toBe('bytes');
    expect(downloads).toBe(1);
  });

  it('a request that arrives just as a download finishes leaves no class counted as busy (later classes still start)', async () => {
    // The window between a download's end and its removal from the in-flight table is a few microtasks: a request
    // for the same file there (a worker and the coverage top-up asking at once) once counted the finished download
    // as running in the urgent class forever, and every later download of a less urgent class waited for good.
    for (let depth = 0; depth < 12; depth++) {
      const key = `/t4/${depth}`;
      let late: Promise<Response> | undefined;
      const work = async () => {
        let chain = Promise.resolve();
        for (let i = 0; i < depth; i++) chain = chain.then(() => undefined);
        void chain.then(() => (late = once(key, async () => new Response('second'), PHOTO_PATH)));
        return new Response('first');
      };
      const stuck = new Promise<never>((_, no) => setTimeout(() => no(new Error(`depth ${depth}: the download never started`)), 2000));
      expect(await (await Promise.race([once(key, work, BACKGROUND), stuck])).text()).toBe('first');
      await tick();
      await late;
    }
    const log: string[] = [];
    const after = gate(log, 'after');
    const got = once('/t4/after', after.work, BACKGROUND);
    await tick();
    expect(log).toEqual(['start after']);
    after.finish();
    await got;
  });

  it("each model of the manifest has its class: photo models and heads first, the first listing's models next, lazy ones last", () => {
    const m = JSON.parse(readFileSync('models/manifest.json', 'utf8')) as ModelManifest;
    const cls = Object.fromEntries(m.models.map((x) => [x.id, downloadClass(x)]));
    for (const x of m.models.filter((y) => y.task === 'image-classification' || y.task === 'photo-head')) expect(cls[x.id]).toBe(PHOTO_PATH);
    for (const task of ['price', 'text-category', 'catalog']) expect(m.models.filter((y) => y.task === task).map((y) => cls[y.id])).toEqual([PRICE_PATH]);
    for (const x of m.models.filter((y) => (y as { lazy?: boolean }).lazy)) expect(cls[x.id]).toBe(BACKGROUND);
  });
});
