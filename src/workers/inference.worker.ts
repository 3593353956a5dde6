/// <reference lib="webworker" />
/** The inference worker: decodes photos and runs the photo engines; the UI thread never does ML work. */
import { AppError, toErrorData } from '../core/errors.ts';
import type { ImageEngine } from '../core/model-manifest.ts';
import { classifyRgba } from '../ml/classify-image.ts';
import { loadBrowserEngine, manifest, type BrowserEngine } from '../ml/browser-runtime.ts';
import { browserModelFiles } from '../ml/browser-model-files.ts';
import { loadListingModels } from '../ml/listing-runtime.ts';
import type { ListingModels } from '../ml/listing-models.ts';
import { similarCount } from '../core/price-basis.ts';
import type { BackendPreference } from '../ml/backend-chooser.ts';
import { decodeBlob, downscaleToJpeg, squareCrop } from './decode-blob.ts';
import type { InferenceRequest, InferenceResponse } from './inference-protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: InferenceResponse) => scope.postMessage(msg);

// Load once per (engine, backend preference); a failed load is dropped so the next request retries.
const engines = new Map<string, Promise<BrowserEngine>>();
function engineFor(engine: ImageEngine, backend: BackendPreference): Promise<BrowserEngine> {
  const key = `${engine}:${backend}`;
  let p = engines.get(key);
  if (!p) {
    for (const [k, old] of engines) { engines.delete(k); old.then((e) => e.classifier.dispose(), () => {}); }
    p = loadBrowserEngine(engine, backend);
    p.catch(() => engines.delete(key));
    engines.set(key, p);
  }
  return p;
}

let listing: Promise<ListingModels> | null = null;
function listingModels(): Promise<ListingModels> {
  listing ??= loadListingModels(manifest, (e) => browserModelFiles(e));
  listing.catch(() => (listing = null));
  return listing;
}

async function handle(req: InferenceRequest): Promise<void> {
  const { id } = req;
  if (req.type === 'listing') {
    const t0 = performance.now();
    const m = await listingModels();
    const price = await m.predictPrice(req.row);
    const category = req.text.trim() ? await m.predictCategory(req.text, 3, req.row.brand_name) : null;
    post({ id, type: 'listed', price, similar: similarCount(m.priceMeta.categoryCounts, req.row.category_path), category, ms: performance.now() - t0 });
    return;
  }
  if (req.type === 'downscale') {
    const { bitmap } = await decodeBlob(req.image);
    try {
      post({ id, type: 'downscaled', ...(await downscaleToJpeg(bitmap, req.maxSide)) });
    } finally {
      bitmap.close();
    }
    return;
  }
  post({ id, type: 'progress', stage: 'loading-model' });
  const eng = await engineFor(req.engine, req.backend);
  if (req.type === 'load') {
    post({ id, type: 'loaded', info: eng.info });
    return;
  }
  const t0 = performance.now();
  post({ id, type: 'progress', stage: 'decoding' });
  const { bitmap, notices } = await decodeBlob(req.image);
  const { width, height } = bitmap;
  const t1 = performance.now();
  post({ id, type: 'progress', stage: 'classifying' });
  const spec = eng.entry.input!;
  let square;
  try {
    square = squareCrop(bitmap, spec.size, spec.crop);
  } finally {
    bitmap.close();
  }
  const t2 = performance.now();
  const { probs, ms } = await classifyRgba(eng.classifier, eng.entry, square);
  const total = performance.now() - t0;
  const msg: InferenceResponse = {
    id, type: 'classified', info: eng.info, probs, width, height, notices,
    ms: { decode: t1 - t0, preprocess: t2 - t1 + ms.preprocess, infer: ms.infer, total },
  };
  scope.postMessage(msg, [probs.buffer]);
}

scope.onmessage = (ev: MessageEvent<InferenceRequest>) => {
  const req = ev.data;
  if (!req || typeof req.id !== 'number') return;
  handle(req).catch((e) => post({ id: req.id, type: 'error', error: toErrorData(e instanceof Error || e instanceof AppError ? e : new Error(String(e))) }));
};
