/** What loaded for the photo engine: shown under "Details" and returned by the worker with each photo. */
import type { ImageEngine } from '../core/model-manifest.ts';
import type { Attempt, Capabilities } from './backend-chooser.ts';

export interface EngineInfo {
  engine: ImageEngine;
  backend: string;
  attempts: Attempt[];
  capabilities: Capabilities;
  loadMs: number;
}
