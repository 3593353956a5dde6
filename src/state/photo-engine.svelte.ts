/** The photo engine as the UI sees it: one worker bridge, what loaded on which backend, and its status. */
import { WorkerBridge } from '../client/bridge.ts';
import { whenServiceWorkerControls } from './sw-control.ts';
import type { EngineInfo, InferenceReplies, InferenceRequest, InferenceResponse } from '../workers/inference-protocol.ts';
import type { StageTimes } from '../core/types.ts';
import type { ListingInput } from '../core/text-features.ts';
import type { Settings } from './settings.svelte.ts';
import { asGpuHint, type GpuHint } from '../core/gpu-hint.ts';
import { workerName } from '../core/worker-name.ts';
import type { PhotoHeadResult } from '../core/photo-head.ts';

export interface Classified {
  probs: Float32Array;
  /** Our photo head's outputs from the same pass (null: none for this engine). */
  head?: PhotoHeadResult | null;
  ms: StageTimes;
  notices: string[];
  info: EngineInfo;
  width: number;
  height: number;
  decoded?: string;
}

/** Worker calls the listing state needs (a test can give it another implementation of the same shape). */
export interface ListingEngine {
  classify(image: Blob, signal?: AbortSignal): Promise<Classified>;
  listing(row: ListingInput, text: string, signal?: AbortSignal): Promise<Extract<InferenceResponse, { type: 'listed' }>>;
  downscale(image: Blob, signal?: AbortSignal, maxSide?: number): Promise<{ blob: Blob; width: number; height: number }>;
  /** Optional: engines without it offer no "Rotate". */
  rotate?(image: Blob, quarterTurns: number, signal?: AbortSignal): Promise<{ blob: Blob; width: number; height: number }>;
  /** The photo's explicit score (0..1) and the check's ms, or null when the check is switched off in Settings. */
  explicit?(image: Blob, signal?: AbortSignal): Promise<{ score: number; ms: number } | null>;
}

const LOAD_TIMEOUT_MS = 180_000; // a first model load on a slow phone, wasm compile included

/** What this browser's WebGPU probe found last time (the worker starts loading from it: useGpuHint). */
const GPU_KEY = 'listing-assistant.webgpu';
function rememberedGpu(): GpuHint | undefined {
  try {
    return asGpuHint(JSON.parse(localStorage.getItem(GPU_KEY) ?? 'null'));
  } catch {
    return undefined;
  }
}
function rememberGpu(info: EngineInfo): void {
  try {
    localStorage.setItem(GPU_KEY, JSON.stringify({ webgpu: info.capabilities.webgpu, webgpuSoftware: info.capabilities.webgpuSoftware }));
  } catch {
    /* storage full or off: the next visit probes first */
  }
}

export class PhotoEngine implements ListingEngine {
  info = $state.raw<EngineInfo | null>(null);
  stage = $state<string>('idle');
  busy = $state(0);
  /** Our price/category models: 'loading' until the worker has them ("Estimating price…"). */
  listingState = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  private bridge = new WorkerBridge<InferenceRequest, InferenceResponse, InferenceReplies>(
    'photo engine',
    // named for the engine it starts for, so its listing worker loads that engine's photo head at once (worker-name.ts)
    () => new Worker(new URL('../workers/inference.worker.ts', import.meta.url), { type: 'module', name: workerName('inference', this.settings.engine) }),
    whenServiceWorkerControls(), // so its model and wasm downloads go through the SW's cache, once
  );

  constructor(private readonly settings: Settings) {}

  /**
   * A repeat visit (main.ts: the service worker already controls the page, so the workers' downloads go through its
   * cache): the inference worker starts now and the photo engine and our listing models start loading, while the page
   * mounts, instead of after it. The app's own preload calls then join these loads.
   */
  warm(): void {
    this.bridge.warm();
    this.preload().catch(() => {}); // a failure is the app's preload's to report: it gets this same promise
    this.preloadListing().catch(() => {});
  }

  private loading: { key: string; promise: Promise<EngineInfo> } | null = null;
  private listingLoad: Promise<void> | null = null;

  /** Warms the photo model up in the background so the first photo is fast; a call with the same settings joins that load. */
  preload(): Promise<EngineInfo> {
    const { engine, backend, threads } = this.settings;
    const key = `${engine}:${backend}:${threads}`;
    if (this.loading?.key === key) return this.loading.promise;
    const promise = this.track(
      this.bridge.call(
        { type: 'load', engine, backend, threads, gpu: rememberedGpu() },
        { timeoutMs: LOAD_TIMEOUT_MS, onProgress: (p) => (this.stage = p.stage) },
      ),
    ).then((res) => {
      this.info = res.info;
      rememberGpu(res.info);
      return res.info;
    });
    const loading = { key, promise };
    this.loading = loading;
    // shared while these settings hold (another engine chosen makes a new load); a failed load is asked for again
    promise.catch(() => this.loading === loading && (this.loading = null));
    return promise;
  }

  /** Loads the price and category models in parallel with the photo model, so a price follows the first photo. */
  preloadListing(): Promise<void> {
    if (this.listingLoad) return this.listingLoad;
    this.listingState = 'loading';
    const p = this.bridge.call({ type: 'load-listing', threads: this.settings.threads }, { timeoutMs: LOAD_TIMEOUT_MS }).then(
      () => {
        this.listingState = 'ready';
      },
      (e: unknown) => {
        this.listingState = 'error';
        throw e;
      },
    );
    this.listingLoad = p;
    p.catch(() => this.listingLoad === p && (this.listingLoad = null)); // a failed load is asked for again
    return p;
  }

  async classify(image: Blob, signal?: AbortSignal): Promise<Classified> {
    const res = await this.track(
      this.bridge.call(
        { type: 'classify', engine: this.settings.engine, backend: this.settings.backend, threads: this.settings.threads, gpu: rememberedGpu(), image },
        { signal, timeoutMs: LOAD_TIMEOUT_MS, onProgress: (p) => (this.stage = p.stage) },
      ),
    );
    this.info = res.info;
    return { probs: res.probs, head: res.head, ms: res.ms, notices: res.notices, info: res.info, width: res.width, height: res.height, decoded: res.decoded };
  }

  /** Price range and text → category from our own models; a newer request replaces one still waiting. */
  async listing(row: ListingInput, text: string, signal?: AbortSignal) {
    const res = await this.bridge.call({ type: 'listing', row, text }, { signal, lane: 'listing', latestWins: true, timeoutMs: LOAD_TIMEOUT_MS });
    if (this.listingState !== 'ready') this.listingState = 'ready';
    return res;
  }

  /** The copy stored with the draft: decoded, oriented and downscaled once, in the worker. */
  async downscale(image: Blob, signal?: AbortSignal, maxSide = 1024): Promise<{ blob: Blob; width: number; height: number }> {
    const res = await this.bridge.call({ type: 'downscale', image, maxSide }, { signal });
    return { blob: res.blob, width: res.width, height: res.height };
  }

  /** The explicit-photo check, after the suggestion; its model loads on first use (never before the first photo). */
  async explicit(image: Blob, signal?: AbortSignal): Promise<{ score: number; ms: number } | null> {
    if (!this.settings.checkExplicit) return null;
    const res = await this.bridge.call({ type: 'explicit', image }, { signal, timeoutMs: LOAD_TIMEOUT_MS, lane: 'explicit' });
    return { score: res.score, ms: res.ms.infer };
  }

  /** The stored copy turned clockwise (the photo's "Rotate" button). */
  async rotate(image: Blob, quarterTurns: number, signal?: AbortSignal): Promise<{ blob: Blob; width: number; height: number }> {
    const res = await this.bridge.call({ type: 'rotate', image, quarterTurns }, { signal });
    return { blob: res.blob, width: res.width, height: res.height };
  }

  private async track<T>(p: Promise<T>): Promise<T> {
    this.busy++;
    try {
      return await p;
    } finally {
      this.busy--;
      if (this.busy === 0) this.stage = 'idle';
    }
  }
}
