/** The typed request/response protocol of the inference worker. UI code imports only these types. */
import type { AppErrorData } from '../core/errors.ts';
import type { ImageEngine } from '../core/model-manifest.ts';
import type { StageTimes } from '../core/types.ts';
import type { ListingInput } from '../core/text-features.ts';
import type { CategoryPrediction, PriceRange } from '../ml/listing-models.ts';
import type { BackendPreference, GpuHint, ThreadsPreference } from '../ml/backend-chooser.ts';
import type { EngineInfo } from '../ml/engine-info.ts';
import type { PhotoHeadResult } from '../core/photo-head.ts';

export type { EngineInfo };

export type InferenceRequest =
  /**
   * threads: the worker's wasm thread count, fixed by the first request that carries it (Settings → Threads).
   * gpu: what the last visit's WebGPU probe found (GpuHint), so the engine starts loading beside this visit's probe.
   */
  | { id: number; type: 'load'; engine: ImageEngine; backend: BackendPreference; threads?: ThreadsPreference; gpu?: GpuHint }
  | { id: number; type: 'classify'; engine: ImageEngine; backend: BackendPreference; image: Blob; threads?: ThreadsPreference; gpu?: GpuHint }
  /** Price range and text → category from our own models. */
  | { id: number; type: 'listing'; row: ListingInput; text: string }
  /** Loads the listing models ahead of the first price (in parallel with the photo model). */
  | { id: number; type: 'load-listing'; threads?: ThreadsPreference }
  /** Downscale once (long side ≤ maxSide) to a JPEG for storing with the draft. */
  | { id: number; type: 'downscale'; image: Blob; maxSide: number }
  /** The explicit-photo check (NSFW model, loaded on first use), run after the photo's suggestion. */
  | { id: number; type: 'explicit'; image: Blob }
  /** The stored copy turned clockwise by quarter turns (re-encoded once, in the worker). */
  | { id: number; type: 'rotate'; image: Blob; quarterTurns: number };

export const INFERENCE_REQUESTS = [
  'load',
  'classify',
  'listing',
  'load-listing',
  'downscale',
  'explicit',
  'rotate',
] as const satisfies readonly InferenceRequest['type'][];

export type InferenceResponse =
  | { id: number; type: 'progress'; stage: 'loading-model' | 'decoding' | 'classifying' }
  | { id: number; type: 'loaded'; info: EngineInfo }
  /** head: our photo head's category / department / colour from the same forward pass (null: no head for this engine). */
  | {
      id: number;
      type: 'classified';
      info: EngineInfo;
      probs: Float32Array;
      head: PhotoHeadResult | null;
      width: number;
      height: number;
      /** The size the photo model's decode produced ("WxH"; smaller than width×height when a large JPEG was decoded at a reduced scale). */
      decoded: string;
      ms: StageTimes;
      notices: string[];
    }
  | { id: number; type: 'downscaled'; blob: Blob; width: number; height: number }
  | { id: number; type: 'explicit-checked'; score: number; probs: number[]; ms: { load: number; infer: number } }
  | { id: number; type: 'listed'; price: PriceRange; similar: number; category: CategoryPrediction | null; ms: number }
  | { id: number; type: 'listing-ready'; ms: number }
  | { id: number; type: 'aborted' }
  | { id: number; type: 'error'; error: AppErrorData };

/** Which reply each request gets (the bridge types `call()` with it). */
export interface InferenceReplies {
  load: 'loaded';
  classify: 'classified';
  listing: 'listed';
  'load-listing': 'listing-ready';
  downscale: 'downscaled';
  explicit: 'explicit-checked';
  rotate: 'downscaled';
}
