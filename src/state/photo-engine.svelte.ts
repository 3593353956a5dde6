/** The photo engine as the UI sees it: one worker bridge, what loaded on which backend, and its status. */
import { WorkerBridge, type WithoutId } from '../workers/bridge.ts';
import type { EngineInfo, InferenceRequest, InferenceResponse } from '../workers/inference-protocol.ts';
import { AppError } from '../core/errors.ts';
import type { StageTimes } from '../core/types.ts';
import type { ListingInput } from '../core/text-features.ts';
import type { Settings } from './settings.svelte.ts';

export interface Classified {
  probs: Float32Array;
  ms: StageTimes;
  notices: string[];
  info: EngineInfo;
  width: number;
  height: number;
}

export class PhotoEngine {
  info = $state.raw<EngineInfo | null>(null);
  stage = $state<string>('idle');
  busy = $state(0);
  private bridge = new WorkerBridge<InferenceRequest, InferenceResponse>(
    () => new Worker(new URL('../workers/inference.worker.ts', import.meta.url), { type: 'module', name: 'inference' }),
  );

  constructor(private readonly settings: Settings) {}

  /** Warms the model up in the background so the first photo is fast. */
  async preload(): Promise<void> {
    const res = await this.run({ type: 'load', engine: this.settings.engine, backend: this.settings.backend });
    if (res.type === 'loaded') this.info = res.info;
  }

  async classify(image: Blob, signal?: AbortSignal): Promise<Classified> {
    const res = await this.run({ type: 'classify', engine: this.settings.engine, backend: this.settings.backend, image }, signal);
    if (res.type !== 'classified') throw new AppError('internal', `Unexpected reply ${res.type}`);
    this.info = res.info;
    return { probs: res.probs, ms: res.ms, notices: res.notices, info: res.info, width: res.width, height: res.height };
  }

  /** Price range and text → category from our own models (in the same worker, after the photo model). */
  async listing(row: ListingInput, text: string) {
    const res = await this.bridge.call({ type: 'listing', row, text });
    if (res.type === 'error') throw new AppError(res.error.code, res.error.message);
    if (res.type !== 'listed') throw new AppError('internal', `Unexpected reply ${res.type}`);
    return res;
  }

  /** The copy stored with the draft: decoded, oriented and downscaled once, in the worker. */
  async downscale(image: Blob, maxSide = 1024): Promise<{ blob: Blob; width: number; height: number }> {
    const res = await this.bridge.call({ type: 'downscale', image, maxSide });
    if (res.type === 'error') throw new AppError(res.error.code, res.error.message);
    if (res.type !== 'downscaled') throw new AppError('internal', `Unexpected reply ${res.type}`);
    return { blob: res.blob, width: res.width, height: res.height };
  }

  private async run(req: WithoutId<InferenceRequest>, signal?: AbortSignal) {
    this.busy++;
    try {
      const res = await this.bridge.call(req, { signal, onProgress: (p) => (this.stage = p.stage) });
      if (res.type === 'error') throw new AppError(res.error.code, res.error.message);
      return res;
    } finally {
      this.busy--;
      if (this.busy === 0) this.stage = 'idle';
    }
  }
}
