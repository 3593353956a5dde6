/**
 * The typed protocol of the listing worker: our own models on onnxruntime-web (the photo heads, the price model and
 * the text → category model). Only the inference worker talks to it (a nested worker, src/workers/listing-link.ts):
 * the page's protocol stays src/workers/inference-protocol.ts.
 */
import type { AppErrorData } from '../core/errors.ts';
import type { ImageEngine } from '../core/model-manifest.ts';
import type { ListingInput } from '../core/text-features.ts';
import type { CategoryPrediction, PriceRange } from '../ml/listing-models.ts';
import type { PhotoHeadResult } from '../core/photo-head.ts';

export type ListingRequest =
  /** Loads the photo head that reads `engine`'s embedding (false: that engine has none). */
  | { id: number; type: 'load-head'; engine: ImageEngine }
  /** The photo head on one photo's pooled embedding and colour statistics (null: no head for this engine). */
  | { id: number; type: 'head'; engine: ImageEngine; embedding: Float32Array; colour: Float32Array }
  /** The head's colour statistics of a photo's packed size×size RGB crop, computed while the photo engine runs. */
  | { id: number; type: 'colour'; rgb: Uint8Array; size: number }
  | { id: number; type: 'listing'; row: ListingInput; text: string }
  | { id: number; type: 'load-listing' };

export const LISTING_REQUESTS = ['load-head', 'head', 'colour', 'listing', 'load-listing'] as const satisfies readonly ListingRequest['type'][];

export type ListingResponse =
  | { id: number; type: 'head-ready'; head: boolean; ms: number }
  | { id: number; type: 'head-out'; head: PhotoHeadResult | null; ms: number }
  | { id: number; type: 'colour-out'; colour: Float32Array; ms: number }
  | { id: number; type: 'listed'; price: PriceRange; similar: number; category: CategoryPrediction | null; ms: number }
  | { id: number; type: 'listing-ready'; ms: number }
  | { id: number; type: 'aborted' }
  | { id: number; type: 'error'; error: AppErrorData };

export interface ListingReplies {
  'load-head': 'head-ready';
  head: 'head-out';
  colour: 'colour-out';
  listing: 'listed';
  'load-listing': 'listing-ready';
}
