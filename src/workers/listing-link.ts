/**
 * The inference worker's link to the listing worker (src/workers/listing.worker.ts), a nested worker it starts at
 * once so ORT's start-up runs beside the photo engine's. The same bridge as the page's (typed, abortable, a crash
 * rejects the calls in flight and the next call starts a fresh worker).
 */
import { WorkerBridge } from '../client/bridge.ts';
import type { ListingReplies, ListingRequest, ListingResponse } from './listing-protocol.ts';

/** A first load of ORT and the models on a slow phone, wasm compile included (as the page's LOAD_TIMEOUT_MS). */
export const LISTING_TIMEOUT_MS = 180_000;

export const listingWorker = new WorkerBridge<ListingRequest, ListingResponse, ListingReplies>(
  'listing models',
  () => new Worker(new URL('./listing.worker.ts', import.meta.url), { type: 'module', name: 'listing' }),
);
