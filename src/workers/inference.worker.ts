/// <reference lib="webworker" />
/** The inference worker: decodes photos and runs the photo engines and our listing models; the UI thread never does ML work. */
import type { ImageEngine, ModelEntry } from '../core/model-manifest.ts';
import { classifyRgba } from '../ml/classify-image.ts';
import { loadBrowserEngine, manifest, useThreads, type BrowserEngine } from '../ml/browser-runtime.ts';
import { browserModelFiles } from '../ml/browser-model-files.ts';
import { loadListingModels } from '../ml/listing-runtime.ts';
import type { ListingModels } from '../ml/listing-models.ts';
import { similarCount } from '../core/price-basis.ts';
import type { BackendPreference } from '../ml/backend-chooser.ts';
import { decodeBlob, downscaleToJpeg, rotatedJpeg, squareCrop } from './decode-blob.ts';
import { INFERENCE_REQUESTS, type InferenceRequest, type InferenceResponse } from './inference-protocol.ts';
import { checkpoint, serveRequests, type Post } from './serve.ts';
import { explicitCheck } from './explicit-check.ts';
import { PhotoHead, photoHeadEntry } from '../ml/photo-head.ts';
import { loadOncePerKey } from '../ml/load-once.ts';
import type { PhotoHeadResult } from '../core/photo-head.ts';

// Our photo heads, one per manifest entry (onnx has its own; tfjs and LiteRT share one), loaded once each, dropped
// on failure so the next photo retries.
const loadHead = loadOncePerKey((entry: ModelEntry) => PhotoHead.load(entry, browserModelFiles(entry)));
function headFor(engine: ImageEngine): Promise<PhotoHead | null> {
  const entry = photoHeadEntry(manifest, engine);
  return entry ? loadHead(entry) : Promise.resolve(null);
}

// Load once per (engine, backend preference); a failed load is dropped so the next request retries.
const engines = new Map<string, Promise<BrowserEngine>>();
function engineFor(engine: ImageEngine, backend: BackendPreference): Promise<BrowserEngine> {
  const key = `${engine}:${backend}`;
  let p = engines.get(key);
  if (!p) {
    for (const [k, old] of engines) {
      engines.delete(k);
      old.then(
        (e) => e.classifier.dispose(),
        () => {},
      );
    }
    p = loadBrowserEngine(engine, backend);
    p.catch(() => engines.delete(key));
    engines.set(key, p);
  }
  return p;
}

// The photo path loads first: a preload of the listing models waits until the photo engine and head have loaded
// (or failed), so on a repeat visit their sessions do not take this thread from the photo model's start and warm-up;
// the price needs the photo's title anyway. (A 'listing' request itself never waits for this.)
let photoLoading: Promise<unknown> = Promise.resolve();

const listingModels = loadOncePerKey<void, ListingModels>(() => loadListingModels(manifest, (e) => browserModelFiles(e)));

type Handler<T extends InferenceRequest['type']> = (
  req: Extract<InferenceRequest, { type: T }>,
  signal: AbortSignal,
  post: Post<InferenceResponse>,
) => Promise<void>;

const onListing: Handler<'listing'> = async (req, signal, post) => {
  const t0 = performance.now();
  const m = await listingModels();
  checkpoint(signal);
  const price = await m.predictPrice(req.row, signal);
  const category = req.text.trim() ? await m.predictCategory(req.text, 3, req.row.brand_name, signal) : null;
  checkpoint(signal);
  post({ id: req.id, type: 'listed', price, similar: similarCount(m.priceMeta.categoryCounts, req.row.category_path), category, ms: performance.now() - t0 });
};

const onDownscale: Handler<'downscale'> = async (req, signal, post) => {
  const { bitmap } = await decodeBlob(req.image);
  try {
    checkpoint(signal);
    post({ id: req.id, type: 'downscaled', ...(await downscaleToJpeg(bitmap, req.maxSide)) });
  } finally {
    bitmap.close();
  }
};

const onClassify: Handler<'classify'> = async (req, signal, post) => {
  const { id } = req;
  post({ id, type: 'progress', stage: 'loading-model' });
  const eng = await engineFor(req.engine, req.backend);
  checkpoint(signal);
  const t0 = performance.now();
  post({ id, type: 'progress', stage: 'decoding' });
  const { bitmap, notices } = await decodeBlob(req.image);
  const { width, height } = bitmap;
  const t1 = performance.now();
  let square;
  try {
    checkpoint(signal);
    post({ id, type: 'progress', stage: 'classifying' });
    square = squareCrop(bitmap, eng.entry.input!.size, eng.entry.input!.crop);
  } finally {
    bitmap.close();
  }
  const t2 = performance.now();
  checkpoint(signal);
  const { probs, embedding, colour, ms } = await classifyRgba(eng.classifier, eng.entry, square, undefined, true); // already the model's crop: no second crop
  checkpoint(signal);
  const t3 = performance.now();
  const h = embedding ? await headFor(req.engine) : null;
  const head: PhotoHeadResult | null = h && embedding ? { ...(await h.run(embedding, colour, signal)), labels: h.labels } : null;
  const headMs = performance.now() - t3;
  const total = performance.now() - t0;
  post(
    {
      id,
      type: 'classified',
      info: eng.info,
      probs,
      head,
      width,
      height,
      notices,
      ms: { decode: t1 - t0, preprocess: t2 - t1 + ms.preprocess, infer: ms.infer + headMs, head: head ? headMs : 0, total },
    },
    [probs.buffer],
  );
};

serveRequests<InferenceRequest, InferenceResponse>(INFERENCE_REQUESTS, async (req, signal, post) => {
  useThreads('threads' in req ? req.threads : undefined); // before any runtime starts; the first call fixes the count
  switch (req.type) {
    case 'listing':
      return onListing(req, signal, post);
    case 'load-listing': {
      const t0 = performance.now();
      await photoLoading.catch(() => {});
      await listingModels();
      return post({ id: req.id, type: 'listing-ready', ms: performance.now() - t0 });
    }
    case 'downscale':
      return onDownscale(req, signal, post);
    case 'rotate': {
      const { bitmap } = await decodeBlob(req.image);
      try {
        checkpoint(signal);
        return post({ id: req.id, type: 'downscaled', ...(await rotatedJpeg(bitmap, req.quarterTurns)) });
      } finally {
        bitmap.close();
      }
    }
    case 'classify':
      return onClassify(req, signal, post);
    case 'explicit':
      return post({ id: req.id, type: 'explicit-checked', ...(await explicitCheck(req.image, signal)) });
    case 'load': {
      post({ id: req.id, type: 'progress', stage: 'loading-model' });
      // "Ready" means a photo gets its whole suggestion at once: the engine's photo head loads beside the engine (a head
      // that fails to load only means no leaf/department/colour; the classify path reports that on its own).
      const loading = Promise.all([engineFor(req.engine, req.backend), headFor(req.engine).catch(() => null)]);
      photoLoading = loading;
      const [eng] = await loading;
      return post({ id: req.id, type: 'loaded', info: eng.info });
    }
  }
});
