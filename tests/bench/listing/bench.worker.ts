/**
 * Times our price and category models in a worker, as the app's inference worker runs them: the same
 * ListingModels class, model files from /models (installed by `npm run models`), one ORT thread.
 * One "prediction" = features + session.run for one listing (price) or one title (category).
 */
import * as ort from 'onnxruntime-web';
import { loadListingModels } from '../../../src/ml/listing-runtime.ts';
import { browserModelFiles } from '../../../src/ml/browser-model-files.ts';
import type { ModelManifest } from '../../../src/core/model-manifest.ts';
import type { ListingInput } from '../../../src/core/text-features.ts';
import manifestJson from '../../../models/manifest.json';

export interface BenchResult {
  ep: string;
  adapter: string | null;
  loadMs: number;
  warmup: number;
  runs: number;
  priceMs: number[];
  categoryMs: number[];
}

const ROWS: ListingInput[] = [
  { name: 'Nike Air Max 90 running shoes size 10', brand_name: 'Nike', item_condition_id: 3, shipping: 1, category_path: ['Fashion', 'Shoes', 'Sneakers'] },
  { name: 'iPhone 8 Plus 64GB unlocked', brand_name: 'Apple', item_condition_id: 2, shipping: 0 },
  { name: 'Hamilton Beach electric kettle', item_condition_id: 1, shipping: 1 },
  { name: 'Harry Potter hardcover book set', item_condition_id: 3 },
  { name: 'MAC Ruby Woo lipstick', brand_name: 'MAC', item_condition_id: 1, shipping: 1 },
  { name: 'LEGO Star Wars Millennium Falcon 75105', brand_name: 'LEGO', item_condition_id: 2 },
  { name: 'Vintage Levis 501 jeans 32x30', brand_name: "Levi's", item_condition_id: 3, shipping: 0, category_path: ['Fashion', 'Women', 'Jeans'] },
  { name: 'Yeti Rambler 30 oz tumbler', brand_name: 'YETI', item_condition_id: 1 },
];

self.onmessage = async (e: MessageEvent<{ ep: string; warmup?: number; runs?: number }>) => {
  const { ep, warmup = 30, runs = 300 } = e.data;
  try {
    const t0 = performance.now();
    // The app's own loading path: files from /models checked against models/manifest.json (a stale copy fails here).
    const models = await loadListingModels(manifestJson as unknown as ModelManifest, (entry) => browserModelFiles(entry), 1, [ep]);
    const loadMs = performance.now() - t0;
    let adapter: string | null = null;
    if (ep === 'webgpu') {
      const info = (await ort.env.webgpu.adapter) as unknown as { info?: { vendor?: string; architecture?: string; description?: string } } | undefined;
      adapter = info?.info ? [info.info.vendor, info.info.architecture, info.info.description].filter(Boolean).join(' ') || 'unknown' : 'unknown';
    }
    for (let i = 0; i < warmup; i++) {
      await models.predictPrice(ROWS[i % ROWS.length]);
      await models.predictCategory(ROWS[i % ROWS.length].name ?? '', 3, ROWS[i % ROWS.length].brand_name);
    }
    const priceMs: number[] = [];
    const categoryMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const row = ROWS[i % ROWS.length];
      let s = performance.now();
      await models.predictPrice(row);
      priceMs.push(performance.now() - s);
      s = performance.now();
      await models.predictCategory(row.name ?? '', 3, row.brand_name);
      categoryMs.push(performance.now() - s);
    }
    await models.release();
    self.postMessage({ ep, adapter, loadMs, warmup, runs, priceMs, categoryMs } satisfies BenchResult);
  } catch (err) {
    self.postMessage({ error: `${ep}: ${err instanceof Error ? err.message : String(err)}` });
  }
};
