/**
 * The one module that owns onnxruntime-web in this realm (a worker, a page or a Node process): its environment
 * (threads, wasm paths, log level, set once before the first session) and every session. Creation, run() and
 * release() of all sessions go through one promise chain: ORT-web's wasm backend runs one call at a time, and
 * overlapping calls fail with "Session already started" / "Session mismatch" or read each other's buffers
 * (transformers.js serialises its onnx backend the same way). Inputs are built per call, never shared.
 *
 * In the app build `onnxruntime-web` resolves to its plain wasm build (vite.config.ts alias: 14 MB of wasm instead
 * of the 28 MB JSEP build); the WebGPU build is imported only when a session really asks for the WebGPU EP.
 */
import * as ort from 'onnxruntime-web';
import { AppError } from '../core/errors.ts';
import { importAgain } from './import-again.ts';

export type { ort };
export type OrtFeeds = Record<string, ort.Tensor>;
export type OrtResults = ort.InferenceSession.OnnxValueMapType;

export interface OrtEnvOptions {
  /** wasm threads; ORT needs crossOriginIsolated for more than 1 (and falls back to 1 without it). */
  threads: number;
  /**
   * In a bundle, the glue .mjs + .wasm as separate files: with them ORT imports its own glue and starts its pthread
   * workers from that file. Without them the glue is the copy inlined in our bundle, whose pthread workers start from
   * `new URL(import.meta.url)`: a second copy of our whole inference worker (seen in Chromium). There ORT's pthread
   * entry is lazy (it runs only when ORT's wasm factory is first imported, which that copy never does), so nothing
   * answers Emscripten's "load" command and InferenceSession.create() waits forever. Needed for threads > 1 in a browser.
   */
  wasmPaths?: ort.Env.WasmPrefixOrFilePaths;
  /** The same for the WebGPU (asyncify) build; without it that build runs on 1 thread. */
  webgpuWasmPaths?: ort.Env.WasmPrefixOrFilePaths;
}

let envSet: OrtEnvOptions | null = null;
type OrtModule = typeof ort;
let webgpuBuild: Promise<OrtModule> | null = null;
let loadedWebgpu: OrtModule | null = null;

function applyEnv(m: OrtModule, opts: OrtEnvOptions): void {
  m.env.wasm.numThreads = opts.threads;
  m.env.logLevel = 'error';
  if (opts.wasmPaths) m.env.wasm.wasmPaths = opts.wasmPaths;
}

/** Fixes ORT's environment; only the first call counts (ORT ignores later changes). */
export function configureOrt(opts: OrtEnvOptions): OrtEnvOptions {
  if (envSet) return envSet;
  envSet = opts;
  applyEnv(ort, opts);
  return envSet;
}

const inNode = typeof process !== 'undefined' && !!process.versions?.node;

/** The ORT build that runs an execution provider: the WebGPU (JSEP) build is fetched only for 'webgpu' in a browser. */
function runtimeFor(ep: string): Promise<OrtModule> {
  if (ep !== 'webgpu' || inNode) return Promise.resolve(ort);
  if (webgpuBuild) return webgpuBuild;
  const p = importAgain(() => import('./lazy/lazy-ort-webgpu.ts')).then((m) => {
    const opts = envSet ?? { threads: 1 };
    applyEnv(m as unknown as OrtModule, opts.webgpuWasmPaths ? { threads: opts.threads, wasmPaths: opts.webgpuWasmPaths } : { threads: 1 });
    loadedWebgpu = m as unknown as OrtModule;
    return loadedWebgpu;
  });
  p.catch(() => {
    if (webgpuBuild === p) webgpuBuild = null; // a failed download is tried again by the next session
  });
  return (webgpuBuild = p);
}

/** Threads ORT really runs with for an EP (ORT lowers env.wasm.numThreads to 1 when threads are unavailable). */
export function ortThreads(ep: string): number {
  const m = ep === 'webgpu' && !inNode ? loadedWebgpu : ort;
  return m ? (m.env.wasm.numThreads ?? 1) : 1;
}
let chain: Promise<unknown> = Promise.resolve();

const abortedError = () => new AppError('aborted', 'Cancelled.');

/** Runs `fn` after every earlier ORT call has settled; a call aborted while it waits never starts. */
export function serialOrt<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const run = chain.then(() => {
    if (signal?.aborted) throw abortedError();
    return fn();
  });
  chain = run.catch(() => undefined);
  return run;
}

export interface SessionOptions {
  executionProviders: string[];
  /** Names the model in error messages ("the price model could not be loaded: …"). */
  label: string;
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  /**
   * The model is a float graph whose big weights are stored quantised (our price / category models: int4 + a scale per
   * row, DequantizeLinear of an initializer): ORT's QDQ handling is turned off so that constant folding turns each
   * DequantizeLinear into a float initializer once, at session creation. Left on, ORT keeps int4 DequantizeLinear for
   * QDQ fusions and re-dequantises 2M weights on every run (measured in Node: 3.2 / 11.2 ms per price / category
   * prediction instead of 0.2 ms). Not for genuinely quantised graphs such as the int8 MobileNet.
   */
  dequantizedWeights?: boolean;
}

/** One ORT session whose every call is serialised with every other session's in this realm. */
export class OrtSession {
  private released = false;
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly label: string,
    readonly executionProvider: string,
    private readonly rt: OrtModule,
  ) {}

  static async create(bytes: Uint8Array | ArrayBuffer, opts: SessionOptions): Promise<OrtSession> {
    if (!envSet) configureOrt({ threads: 1 });
    const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    if (u8.byteLength === 0) throw new AppError('model-missing', `The ${opts.label} model file is empty or missing.`);
    const rt = await runtimeFor(opts.executionProviders[0] ?? 'wasm');
    const session = await serialOrt(async () => {
      try {
        return await rt.InferenceSession.create(u8, {
          executionProviders: opts.executionProviders,
          graphOptimizationLevel: opts.graphOptimizationLevel ?? 'all',
          ...(opts.dequantizedWeights ? { extra: { session: { disable_quant_qdq: '1' } } } : {}),
        });
      } catch (e) {
        throw new AppError('model-corrupt', `The ${opts.label} model could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    return new OrtSession(session, opts.label, opts.executionProviders[0] ?? 'wasm', rt);
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
    // A session of the WebGPU build only accepts that build's own Tensor class.
    const own =
      this.rt === ort
        ? feeds
        : Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, new this.rt.Tensor(t.type as 'float32', t.data as Float32Array, t.dims)]));
    return serialOrt(() => (fetches ? this.session.run(own, [...fetches]) : this.session.run(own)), signal);
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
