/** What loaded for the photo engine: shown under "Details" and returned by the worker with each photo. */
import type { ImageEngine } from '../core/model-manifest.ts';
import type { Attempt, Capabilities } from './backend-chooser.ts';

export interface EngineInfo {
  engine: ImageEngine;
  backend: string;
  /** CPU threads the model runs on, as its runtime reports after loading (1 on GPU backends and without isolation). */
  threads: number;
  attempts: Attempt[];
  capabilities: Capabilities;
  loadMs: number;
  /** Set when this engine ran in place of the chosen one, whose model was not on this device (offline, or not downloaded). */
  fallbackFrom?: ImageEngine;
  /** Why the chosen engine did not load (its error message, e.g. "You are offline and … is not on this device yet"). */
  fallbackReason?: string;
}
