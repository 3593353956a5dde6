/// <reference lib="webworker" />
/**
 * The inference worker's entry. Before its handlers (inference-handlers.ts and the default engine's runtime, 112 KB
 * of script; tfjs and ORT come only with their engines) are fetched and evaluated, it starts the listing worker,
 * which loads the photo head of the engine this worker is named for at once (core/worker-name.ts): on a repeat visit
 * ORT's start there (0.9–1.3 s in headless Chromium here) is the longest load before a photo's title and price, the
 * photo engine's 0.5–0.7 s. Requests that arrive meanwhile are
 * kept and served in order once the handlers are in (serve.ts holdRequests).
 * A handlers chunk that fails to load is thrown as an uncaught error: the page's bridge reports it as this worker's
 * crash and starts a fresh worker for the next call.
 */
import { listingWorker } from './listing-link.ts';
import { holdRequests } from './serve.ts';

holdRequests();
listingWorker.warm();
import('./inference-handlers.ts').catch((e: unknown) =>
  setTimeout(() => {
    throw e;
  }),
);
