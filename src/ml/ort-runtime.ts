/**
 * The one module that owns onnxruntime-web in this realm (a worker, a page or a Node process): its environment
 * (threads, wasm paths, log level, set once before the first session) and every session. Creation, run() and
 * release() of all sessions go through one promise chain: ORT-web's wasm backend runs one call at a time, and
 * overlapping calls fail with "Session already started" / "Session mismatch" or read each other's buffers
 * (transformers.js serialises its onnx backend the same way). Inputs are built per call, never shared.
 */
import * as ort from 'onnxruntime-web';
import { AppError } from '../core/errors.ts';

export type { ort };
export type OrtFeeds = Record<string, ort.Tensor>;
export type OrtResults = ort.InferenceSession.OnnxValueMapType;

export interface OrtEnvOptions {
  /** wasm threads; ORT needs crossOriginIsolated for more than 1. */
  threads: number;
  wasmPaths?: ort.Env.WasmPrefixOrFilePaths;
}

let envSet: OrtEnvOptions | null = null;

/** Fixes ORT's environment; only the first call counts (ORT ignores later changes), later ones are compared. */
export function configureOrt(opts: OrtEnvOptions): OrtEnvOptions {
  if (envSet) return envSet;
  envSet = opts;
  ort.env.wasm.numThreads = opts.threads;
  ort.env.logLevel = 'error';
  if (opts.wasmPaths) ort.env.wasm.wasmPaths = opts.wasmPaths;
  return envSet;
}

/** The environment in force (null before the first session). */
export function ortEnvironment(): OrtEnvOptions | null {
  return envSet;
}

let chain: Promise<unknown> = Promise.resolve();
let queued = 0;

const abortedError = () => new AppError('aborted', 'Cancelled.');

/** Runs `fn` after every earlier ORT call has settled; a call aborted while it waits never starts. */
export function serialOrt<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  queued++;
  const run = chain.then(() => {
    queued--;
    if (signal?.aborted) throw abortedError();
    return fn();
  });
  chain = run.catch(() => undefined);
  return run;
}

/** Calls waiting for the runtime (for tests and diagnostics). */
export function ortQueueLength(): number {
  return queued;
}

export interface SessionOptions {
  executionProviders: string[];
  /** Names the model in error messages ("the price model could not be loaded: …"). */
  label: string;
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
}

/** One ORT session whose every call is serialised with every other session's in this realm. */
export class OrtSession {
  private released = false;
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly label: string,
    readonly executionProvider: string,
  ) {}

  static async create(bytes: Uint8Array | ArrayBuffer, opts: SessionOptions): Promise<OrtSession> {
    if (!envSet) configureOrt({ threads: 1 });
    const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    if (u8.byteLength === 0) throw new AppError('model-missing', `The ${opts.label} model file is empty or missing.`);
    const session = await serialOrt(async () => {
      try {
        return await ort.InferenceSession.create(u8, {
          executionProviders: opts.executionProviders,
          graphOptimizationLevel: opts.graphOptimizationLevel ?? 'all',
        });
      } catch (e) {
        throw new AppError('model-corrupt', `The ${opts.label} model could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    return new OrtSession(session, opts.label, opts.executionProviders[0] ?? 'wasm');
  }

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  /** Runs the graph; waits its turn, is skipped when aborted before its turn, and copies nothing it does not own. */
  run(feeds: OrtFeeds, signal?: AbortSignal, fetches?: readonly string[]): Promise<OrtResults> {
    if (this.released) return Promise.reject(new AppError('internal', `The ${this.label} model was already released.`));
    return serialOrt(() => (fetches ? this.session.run(feeds, [...fetches]) : this.session.run(feeds)), signal);
  }

  release(): Promise<void> {
    if (this.released) return Promise.resolve();
    this.released = true;
    return serialOrt(() => this.session.release());
  }
}

/** A float32 tensor over a fresh buffer (per call: a few hundred KB is cheap, sharing one corrupts overlapping calls). */
export function floatTensor(data: Float32Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor('float32', data, dims);
}
