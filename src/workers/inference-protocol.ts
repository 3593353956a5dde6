/** The typed request/response protocol of the inference worker. UI code imports only these types. */
import type { AppErrorData } from '../core/errors.ts';
import type { ImageEngine } from '../core/model-manifest.ts';
import type { StageTimes } from '../core/types.ts';
import type { ListingInput } from '../core/text-features.ts';
import type { CategoryPrediction, PriceRange } from '../ml/listing-models.ts';
import type { Attempt, BackendPreference, Capabilities } from '../ml/backend-chooser.ts';

export type InferenceRequest =
  | { id: number; type: 'load'; engine: ImageEngine; backend: BackendPreference }
  | { id: number; type: 'classify'; engine: ImageEngine; backend: BackendPreference; image: Blob }
  /** Price range and text → category from our own models. */
  | { id: number; type: 'listing'; row: ListingInput; text: string }
  /** Downscale once (long side ≤ maxSide) to a JPEG for storing with the draft. */
  | { id: number; type: 'downscale'; image: Blob; maxSide: number };

export interface EngineInfo {
  engine: ImageEngine;
  backend: string;
  attempts: Attempt[];
  capabilities: Capabilities;
  loadMs: number;
}

export type InferenceResponse =
  | { id: number; type: 'progress'; stage: 'loading-model' | 'decoding' | 'classifying' }
  | { id: number; type: 'loaded'; info: EngineInfo }
  | { id: number; type: 'classified'; info: EngineInfo; probs: Float32Array; width: number; height: number; ms: StageTimes; notices: string[] }
  | { id: number; type: 'downscaled'; blob: Blob; width: number; height: number }
  | { id: number; type: 'listed'; price: PriceRange; similar: number; category: CategoryPrediction | null; ms: number }
  | { id: number; type: 'error'; error: AppErrorData };

export type FinalResponse = Exclude<InferenceResponse, { type: 'progress' }>;
