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
}
