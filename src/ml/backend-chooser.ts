/**
 * The one place that decides which backend runs a model. Pure: capabilities come in, an ordered list goes out,
 * and firstWorking() tries each with a timeout, falling back to the next.
 */
export type TfjsBackend = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type OrtBackend = 'webgpu' | 'wasm';
export type BackendPreference = 'auto' | TfjsBackend;

export interface Capabilities {
  /** navigator.gpu gave an adapter. */
  webgpu: boolean;
  /** The WebGPU adapter is a software fallback (SwiftShader): slower than WASM SIMD for MobileNet. */
  webgpuSoftware: boolean;
  webgl2: boolean;
  /** The WebGL renderer is software (SwiftShader / llvmpipe). */
  webglSoftware: boolean;
  wasmSimd: boolean;
  /** crossOriginIsolated + SharedArrayBuffer: wasm threads possible. */
  threads: boolean;
  cores: number;
}

/** The WebGPU part of Capabilities, as a probe found it (src/core/gpu-hint.ts). */
export type { GpuHint } from '../core/gpu-hint.ts';

export const TFJS_ORDER: readonly TfjsBackend[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Auto order: WebGPU → WebGL → WASM → CPU, skipping what is absent and demoting software GPUs behind WASM. */
export function tfjsBackendOrder(caps: Capabilities, preference: BackendPreference = 'auto'): TfjsBackend[] {
  const hw: TfjsBackend[] = [];
  const soft: TfjsBackend[] = [];
  if (caps.webgpu) (caps.webgpuSoftware ? soft : hw).push('webgpu');
  if (caps.webgl2) (caps.webglSoftware ? soft : hw).push('webgl');
  const auto: TfjsBackend[] = [...hw, 'wasm', ...soft, 'cpu'];
  if (preference === 'auto') return auto;
  return [preference, ...auto.filter((b) => b !== preference)];
}

/** ORT: the WebGPU EP only on a hardware adapter, then WASM (which also runs the int8 QLinear ops natively). */
export function ortBackendOrder(caps: Capabilities, preference: BackendPreference = 'auto'): OrtBackend[] {
  const auto: OrtBackend[] = caps.webgpu && !caps.webgpuSoftware ? ['webgpu', 'wasm'] : ['wasm'];
  if (preference === 'webgpu') return ['webgpu', 'wasm'];
  return auto;
}

/** How many wasm threads the ML runtimes of one realm use: 'auto' (chooseThreads) or forced (benchmarks, tests). */
export type ThreadsPreference = 'auto' | 1 | 2 | 4;

/**
 * The one place that picks the wasm thread count of the inference worker, shared by tfjs-wasm, ORT (the ONNX photo
 * engine) and LiteRT; the listing worker runs our small ORT models on 1 thread. 1 without cross-origin isolation (no
 * SharedArrayBuffer: the runtimes fall back to their single-thread builds).
 *
 * 'auto' = cores − 1, at most 4, and 1 on one or two cores. Why not every core: the threads of one inference meet at a
 * barrier after each layer, so one descheduled thread stalls the others. Measured on the 2-core dev machine
 * (bench:vision --load, 2026-12-03, tests/bench/results/vision.md), 1 → 2 threads, MobileNet V2 alone in a bare worker:
 * LiteRT 15.0 → 10.1 ms, tfjs 29.5 → 21.1, ORT 54.6 → 33.3; beside one busy-looping process LiteRT 18.3 → 18.7, tfjs
 * 29.6 → 128.4, ORT 73.7 → 118.6. In the app's inference worker, LiteRT 25.9 → 19.0 ms, but photo → suggestion was
 * no faster (47.9 → 46.9 ms) and beside a busy core slower (56.1 → 58.5 ms); tfjs 48.1 → 128.2 ms beside it. The app
 * itself (decode, JPEG copy, pricing, UI) is such a busy neighbour. Leaving one core to the page, the browser and
 * other processes keeps the thread count from collapsing; tfjs's own default (hardwareConcurrency / 2) wastes cores on
 * 4–8-core phones. Forced counts (Settings → Threads, benchmarks) are used as asked.
 */
export function chooseThreads(caps: Pick<Capabilities, 'threads' | 'cores'>, preference: ThreadsPreference = 'auto'): number {
  if (!caps.threads) return 1;
  if (preference !== 'auto') return preference;
  const cores = Math.max(1, Math.floor(caps.cores || 1));
  return cores <= 2 ? 1 : Math.min(4, cores - 1);
}

export interface Attempt {
  backend: string;
  error: string;
}

export class NoBackendError extends Error {
  constructor(readonly attempts: Attempt[]) {
    super(`No backend could run the model. Tried: ${attempts.map((a) => `${a.backend} (${a.error})`).join('; ')}`);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** Tries each backend in order; the first whose init resolves in time wins. */
export async function firstWorking<B extends string, T>(
  order: readonly B[],
  init: (backend: B) => Promise<T>,
  timeoutMs: number,
): Promise<{ backend: B; value: T; attempts: Attempt[] }> {
  const attempts: Attempt[] = [];
  for (const backend of order) {
    try {
      const value = await withTimeout(init(backend), timeoutMs, backend);
      return { backend, value, attempts };
    } catch (e) {
      attempts.push({ backend, error: e instanceof Error ? e.message : String(e) });
    }
  }
  throw new NoBackendError(attempts);
}
