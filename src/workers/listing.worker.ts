/// <reference lib="webworker" />
/**
 * The listing worker: our own small models on onnxruntime-web, in a thread of their own beside the photo engine
 * (started by the inference worker's entry, src/workers/listing-link.ts). ORT's first session costs 0.9–1.3 s of wasm
 * start-up on a repeat visit (its wasm fetched and compiled, its init code compiled lazily; measured in Chromium),
 * which on the inference worker's thread delayed the photo model's own start, the photo's decode and so the first
 * title; here it runs while the photo model starts.
 * Once it has loaded its models, it also computes the head's colour statistics of each photo while the photo engine
 * runs there (they take 5–45 ms of a core, the most when that code was just dropped by a GC between photos: in
 * parallel, that is off the photo's time); until then the inference worker computes them itself.
 * One thread for ORT: these are small MLPs (a few hundred thousand multiply-adds a call), where wasm threads only add
 * start-up (their pthread workers) and contention.
 */
import ortGlue from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import type { ImageEngine, ModelEntry } from '../core/model-manifest.ts';
import type { PhotoHeadResult } from '../core/photo-head.ts';
import { similarCount } from '../core/price-basis.ts';
import { colourFeatures } from '../core/colour-features.ts';
import { browserModelFiles } from '../ml/browser-model-files.ts';
import { loadListingModels } from '../ml/listing-runtime.ts';
import type { ListingModels } from '../ml/listing-models.ts';
import { loadOncePerKey } from '../ml/load-once.ts';
import { configureOrt } from '../ml/ort-runtime.ts';
import { PhotoHead, photoHeadEntry } from '../ml/photo-head.ts';
import { manifest } from '../ml/manifest.ts';
import { engineInName } from '../core/worker-name.ts';
import { LISTING_REQUESTS, type ListingRequest, type ListingResponse } from './listing-protocol.ts';
import { checkpoint, serveRequests } from './serve.ts';

configureOrt({ threads: 1, wasmPaths: { mjs: ortGlue, wasm: ortWasm } });

// One photo head per manifest entry (the ONNX engine has its own; tfjs and LiteRT share one), loaded once each,
// dropped on failure so the next photo retries.
const loadHead = loadOncePerKey((entry: ModelEntry) => PhotoHead.load(entry, browserModelFiles(entry)));
/** The last head load asked for: the listing models load after it (ORT's start is not split three ways; the title needs the head). */
let headLoading: Promise<unknown> = Promise.resolve();
function headFor(engine: ImageEngine): Promise<PhotoHead | null> {
  const entry = photoHeadEntry(manifest, engine);
  const p = entry ? loadHead(entry) : Promise.resolve(null);
  headLoading = p.catch(() => null);
  return p;
}

// The head of the engine this worker was started for (its name) loads now, before the inference worker asks: ORT's
// start (the first session) is the longest load of a repeat visit, and the request asking for it comes later.
const startEngine = engineInName(self.name);
if (startEngine) headFor(startEngine).catch(() => {}); // the request that needs it reports a failure

// Each model runs once as it loads: an ORT session's first run prepares its kernels (15–40 ms here), which would
// otherwise fall on the first photo's price.
const listingModels = loadOncePerKey<void, ListingModels>(async () => {
  const m = await loadListingModels(manifest, (e) => browserModelFiles(e));
  try {
    await m.predictPrice({ name: 'warm-up', category_path: ['Fashion'] });
    await m.predictCategory('warm-up', 3, null);
  } catch {
    /* a warm-up that fails only means a slower first price: the models themselves loaded */
  }
  return m;
});

serveRequests<ListingRequest, ListingResponse>(LISTING_REQUESTS, async (req, signal, post) => {
  const t0 = performance.now();
  switch (req.type) {
    case 'load-head':
      return post({ id: req.id, type: 'head-ready', head: !!(await headFor(req.engine)), ms: performance.now() - t0 });
    case 'head': {
      const h = await headFor(req.engine);
      checkpoint(signal);
      const head: PhotoHeadResult | null = h ? { ...(await h.run(req.embedding, req.colour, signal)), labels: h.labels } : null;
      return post({ id: req.id, type: 'head-out', head, ms: performance.now() - t0 });
    }
    case 'colour': {
      const colour = colourFeatures(req.rgb, req.size);
      return post({ id: req.id, type: 'colour-out', colour, ms: performance.now() - t0 }, [colour.buffer]);
    }
    case 'load-listing':
      await headLoading;
      await listingModels();
      return post({ id: req.id, type: 'listing-ready', ms: performance.now() - t0 });
    case 'listing': {
      const m = await listingModels();
      checkpoint(signal);
      const price = await m.predictPrice(req.row, signal);
      const category = req.text.trim() ? await m.predictCategory(req.text, 3, req.row.brand_name, signal) : null;
      checkpoint(signal);
      const similar = similarCount(m.priceMeta.categoryCounts, req.row.category_path);
      return post({ id: req.id, type: 'listed', price, similar, category, ms: performance.now() - t0 });
    }
  }
});
