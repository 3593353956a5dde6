/**
 * The inference worker's link to the listing worker (src/workers/listing.worker.ts), a nested worker its entry
 * (inference.worker.ts) starts at once so ORT's start-up runs beside the photo engine's. The same bridge as the page's
 * (typed, abortable, a crash rejects the calls in flight and the next call starts a fresh worker).
 */
import { WorkerBridge, type ReplyTo, type WithoutId } from '../client/bridge.ts';
import { AppError } from '../core/errors.ts';
import type { ImageEngine } from '../core/model-manifest.ts';
import { engineInName, workerName } from '../core/worker-name.ts';
import type { ListingReplies, ListingRequest, ListingResponse } from './listing-protocol.ts';

/** A first load of ORT and the models on a slow phone, wasm compile included (as the page's LOAD_TIMEOUT_MS). */
export const LISTING_TIMEOUT_MS = 180_000;

/**
 * Named for the engine whose head it should load at once: the one this inference worker was started for (its own
 * name), then the last one a request named (a listing worker restarted after a crash loads the head in use).
 */
let headEngine = engineInName(self.name);
export const listingWorker = new WorkerBridge<ListingRequest, ListingResponse, ListingReplies>(
  'listing models',
  () => new Worker(new URL('./listing.worker.ts', import.meta.url), { type: 'module', name: headEngine ? workerName('listing', headEngine) : 'listing' }),
);

/**
 * A call to the listing worker that is sent once more, to a fresh worker, when the worker died during it (the bridge
 * rejects the calls in flight with 'worker-crashed'): a crash costs that call its time, not its answer. Once only: a
 * request that itself crashes the worker fails with the crash's message the second time.
 */
export async function callListing<R extends WithoutId<ListingRequest>>(
  req: R,
  opts: { signal?: AbortSignal } = {},
): Promise<ReplyTo<ListingResponse, ListingReplies, R['type']>> {
  const o = { timeoutMs: LISTING_TIMEOUT_MS, ...opts };
  if ('engine' in req) headEngine = req.engine;
  try {
    return await listingWorker.call(req, o);
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'worker-crashed' || opts.signal?.aborted) throw e;
    return listingWorker.call(req, o);
  }
}

/** The photo head of `engine` loaded in the listing worker (loaded once per head there: a second call joins the first). */
export const headReady = (engine: ImageEngine, signal?: AbortSignal) => callListing({ type: 'load-head', engine }, { signal });
