/// <reference lib="webworker" />
/**
 * The inference worker's request handlers (imported by its entry, inference.worker.ts): decodes photos and runs the
 * photo engines; our own models (photo head, price, text → category) run in the listing worker (listing-link.ts),
 * whose answers are relayed. The UI thread never does ML work.
 */
import {
  DEFAULT_ENGINE,
  ENGINE_NAMES,
  IMAGE_ENGINES,
  imageModel,
  modelFileUrl,
  modelMegabytes,
  photoHeadEntry,
  type ImageEngine,
} from '../core/model-manifest.ts';
import { colourFeatures } from '../core/colour-features.ts';
import type { EngineInfo } from '../ml/engine-info.ts';
import { AppError, toErrorData } from '../core/errors.ts';
import { classifyRgba } from '../ml/classify-image.ts';
import { loadBrowserEngine, manifest, useGpuHint, useThreads, type BrowserEngine } from '../ml/browser-runtime.ts';
import type { BackendPreference } from '../ml/backend-chooser.ts';
import { decodeBlob, decodeForModel, downscaleToJpeg, MODEL_DECODE_MIN_SIDE, rotatedJpeg, squareCrop } from './decode-blob.ts';
import { INFERENCE_REQUESTS, type InferenceRequest, type InferenceResponse } from './inference-protocol.ts';
import { checkpoint, serveRequests, type Post } from './serve.ts';
import { tierUp } from './tier-up.ts';
import { explicitCheck } from './explicit-check.ts';
import { callListing, headReady, LISTING_TIMEOUT_MS, listingWorker } from './listing-link.ts';

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
    const loading = loadBrowserEngine(engine, backend);
    p = loading;
    p.catch(() => engines.delete(key));
    engines.set(key, p);
    void p.then(
      (e) => warmUpTiers(e, () => engines.get(key) === loading),
      () => {},
    );
  }
  return p;
}

/** Tier-up passes (tier-up.ts): 12 passes in all, the load's own warm-up included; wasm only (GPU backends compile their shaders on the first pass). */
const TIER_UP_PASSES = 11;
const TIER_UP_QUIET_MS = 400;
function warmUpTiers(e: BrowserEngine, alive: () => boolean): void {
  const c = e.classifier;
  if (c.backend !== 'wasm') return;
  const size = e.entry.input?.size ?? 224;
  const rgb = new Uint8Array(size * size * 3);
  for (let i = 0; i < rgb.length; i++) rgb[i] = (i * 37) & 255;
  const pass = () => (c.features ? c.features(rgb) : c.classify(rgb));
  void tierUp(pass, { passes: TIER_UP_PASSES, quietMs: TIER_UP_QUIET_MS, stepMs: 100, idleMs: () => served.idleMs(), alive });
}

/**
 * An engine that fails to load while its model is not on this device (offline, or its download failed) falls back
 * to one whose model is — a seller who installed the app when TF.js was the default has TF.js cached, not LiteRT —
 * so photos still get their suggestion; every reply then says which engine ran in place of which, and why
 * (EngineInfo.fallbackFrom / fallbackReason). A failure of a model that is on the device is reported as it is.
 * "On this device" = every file of its model in the service worker's caches (navigator.onLine is not trusted: it stays
 * true on captive networks, and in Chromium's offline emulation after a reload). One choice per (engine, backend),
 * shared by concurrent requests, kept for this visit (the worker): the next visit tries the chosen engine again.
 */
const choices = new Map<string, Promise<{ eng: BrowserEngine; info: EngineInfo }>>();
async function modelOnDevice(engine: ImageEngine): Promise<boolean> {
  if (typeof caches === 'undefined') return false;
  const entry = imageModel(manifest, engine);
  for (const f of entry.files) if (!(await caches.match(modelFileUrl(entry, f.path)))) return false;
  return true;
}
function engineOrFallback(engine: ImageEngine, backend: BackendPreference): Promise<{ eng: BrowserEngine; info: EngineInfo }> {
  const key = `${engine}:${backend}`;
  let p = choices.get(key);
  if (!p) {
    choices.clear(); // engineFor keeps one engine: a choice for another key may hold a disposed one
    p = chooseEngine(engine, backend);
    choices.set(key, p);
    p.catch(() => {
      if (choices.get(key) === p) choices.delete(key); // a failed choice is tried again by the next request
    });
  }
  return p;
}
async function chooseEngine(engine: ImageEngine, backend: BackendPreference): Promise<{ eng: BrowserEngine; info: EngineInfo }> {
  try {
    const eng = await engineFor(engine, backend);
    return { eng, info: eng.info };
  } catch (e) {
    if (await modelOnDevice(engine)) throw e;
    const mb = modelMegabytes(imageModel(manifest, engine));
    const reason =
      e instanceof AppError && e.code === 'model-missing'
        ? e.message
        : `${ENGINE_NAMES[engine]} (${mb.toFixed(1)} MB) is not on this device yet and could not be loaded now (${toErrorData(e).message}).`;
    const candidates = [DEFAULT_ENGINE, ...IMAGE_ENGINES].filter((x, i, all) => x !== engine && all.indexOf(x) === i);
    for (const other of candidates) {
      if (!(await modelOnDevice(other))) continue;
      const eng = await engineFor(other, backend).catch(() => null);
      if (eng) return { eng, info: { ...eng.info, fallbackFrom: engine, fallbackReason: reason } };
    }
    throw e;
  }
}
const fallbackNotice = (info: EngineInfo): string[] =>
  info.fallbackFrom ? [`${ENGINE_NAMES[info.fallbackFrom]} was not on this device when this visit began: ${ENGINE_NAMES[info.engine]} read this photo.`] : [];

// Whether the listing worker has loaded (or failed to load) the photo head asked for by 'load': until then it is busy
// starting ORT, and a photo's colour statistics are computed here rather than queued behind that start.
let headSettled = false;
/** The same for the listing models' load, which the listing worker runs right after the head's. */
let listingSettled = false;

/**
 * The colour statistics once on a patterned crop (foreground and background pixels both): their first call in a
 * fresh worker runs before V8 has compiled them (about 25 ms, 4 ms after), and a photo added at start-up computes
 * them here (headSettled, listingSettled).
 */
let colourWarm = false;
function warmColour(): void {
  if (colourWarm) return;
  colourWarm = true;
  const size = imageModel(manifest, DEFAULT_ENGINE).input?.size ?? 224;
  const rgb = new Uint8Array(size * size * 3);
  for (let i = 0; i < rgb.length; i++) rgb[i] = (i * 37) & 255;
  colourFeatures(rgb, size);
}

type Handler<T extends InferenceRequest['type']> = (
  req: Extract<InferenceRequest, { type: T }>,
  signal: AbortSignal,
  post: Post<InferenceResponse>,
) => Promise<void>;

const onListing: Handler<'listing'> = async (req, signal, post) => {
  const { price, similar, category, ms } = await callListing({ type: 'listing', row: req.row, text: req.text }, { signal });
  checkpoint(signal);
  post({ id: req.id, type: 'listed', price, similar, category, ms });
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
  // The photo is decoded while the engine loads (a photo added as the app opens): the browser decodes off this thread.
  const d0 = performance.now();
  const decoding = decodeForModel(req.image, MODEL_DECODE_MIN_SIDE).then((d) => ({ ...d, ms: performance.now() - d0 }));
  decoding.catch(() => {}); // awaited below, unless the engine fails first
  let chosen: Awaited<ReturnType<typeof engineOrFallback>>;
  try {
    chosen = await engineOrFallback(req.engine, req.backend);
    checkpoint(signal);
  } catch (e) {
    void decoding.then(
      (d) => d.bitmap.close(),
      () => {},
    );
    throw e;
  }
  const { eng, info } = chosen;
  const ready = performance.now();
  post({ id, type: 'progress', stage: 'decoding' });
  const { bitmap, notices, width, height, decoded, ms: decodeMs } = await decoding;
  const t1 = performance.now();
  // The photo's own time, as with the engine loaded already: its decode, then the rest from when both were done
  // (a first load's wait is the engine's loadMs, not this photo's).
  const t0 = Math.max(ready, d0 + decodeMs) - decodeMs;
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
  // Already the model's crop (no second crop). The head's colour statistics are computed in the listing worker
  // meanwhile once it has loaded its models (headSettled, listingSettled), else here, and here too when that worker
  // fails: a photo's suggestion never depends on it. Not beside a model on 2+ threads: it would take a core from them,
  // and their pass waits for its slowest thread after every layer.
  const hasHead = !!photoHeadEntry(manifest, info.engine);
  const colourOf =
    hasHead && headSettled && listingSettled && eng.classifier.threads === 1
      ? (rgb: Uint8Array, size: number) =>
          listingWorker
            .call({ type: 'colour', rgb, size }, { signal, timeoutMs: LISTING_TIMEOUT_MS })
            .then((r) => r.colour)
            .catch((e: unknown) => {
              if (signal.aborted) throw e;
              return colourFeatures(rgb, size);
            })
      : undefined;
  const { probs, embedding, colour, ms } = await classifyRgba(eng.classifier, eng.entry, square, undefined, true, colourOf);
  checkpoint(signal);
  // The head runs in the listing worker: `head` is its own time there; the hop there and back counts in `total` only.
  // If it cannot run, the photo still gets the ImageNet classes' suggestion, and says so.
  let headed = null;
  const headNotices: string[] = [];
  if (embedding && hasHead) {
    try {
      headed = await callListing({ type: 'head', engine: info.engine, embedding, colour }, { signal });
    } catch (e) {
      if (signal.aborted) throw e;
      headNotices.push(
        `Our photo model could not run (${toErrorData(e).message}): the category comes from the ImageNet classes alone, without department or colour.`,
      );
    }
  }
  checkpoint(signal);
  const head = headed?.head ?? null;
  const headMs = headed && head ? headed.ms : 0;
  const total = performance.now() - t0;
  post(
    {
      id,
      type: 'classified',
      info,
      probs,
      head,
      width,
      height,
      decoded,
      notices: [...fallbackNotice(info), ...notices, ...headNotices],
      ms: { decode: t1 - t0, preprocess: t2 - t1 + ms.preprocess, infer: ms.infer + headMs, head: headMs, total },
    },
    [probs.buffer],
  );
};

const served = serveRequests<InferenceRequest, InferenceResponse>(INFERENCE_REQUESTS, async (req, signal, post) => {
  useThreads('threads' in req ? req.threads : undefined); // before any runtime starts; the first call fixes the count
  useGpuHint('gpu' in req ? req.gpu : undefined);
  switch (req.type) {
    case 'listing':
      return onListing(req, signal, post);
    case 'load-listing': {
      const t0 = performance.now();
      await callListing({ type: 'load-listing' }, { signal }).finally(() => (listingSettled = true)); // after the photo head: the listing worker orders them
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
      const head = headReady(req.engine).catch(() => null); // in the listing worker, beside the engine
      void head.finally(() => (headSettled = true));
      const { info } = await engineOrFallback(req.engine, req.backend).then(async (r) => {
        warmColour(); // while the head's ORT start in the listing worker is awaited (it usually ends after the engine's)
        await (r.info.engine === req.engine ? head : headReady(r.info.engine).catch(() => null));
        return r;
      });
      return post({ id: req.id, type: 'loaded', info });
    }
  }
});
