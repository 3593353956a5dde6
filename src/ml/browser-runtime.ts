/** Browser/worker side of the photo engines: models fetched from this origin, every backend registered. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import tfWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import tfWasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import tfWasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import ortGlue from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import ortGpuGlue from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortGpuWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { AppError } from '../core/errors.ts';
import { imageModel, type ImageEngine, type ModelEntry } from '../core/model-manifest.ts';
import { manifest } from './manifest.ts';
import type { ImageClassifier } from './image-classifier.ts';
import { browserModelFiles, prefetchedModelFiles } from './browser-model-files.ts';
import { asGpuHint } from '../core/gpu-hint.ts';
import {
  chooseThreads,
  NoBackendError,
  ortBackendOrder,
  tfjsBackendOrder,
  type BackendPreference,
  type GpuHint,
  type TfjsBackend,
  type ThreadsPreference,
} from './backend-chooser.ts';
import { capabilitiesWith, detectCapabilities, detectThreadSupport } from './capabilities.ts';
import { loadTfjsMobilenet } from './tfjs-mobilenet.ts';
import { loadOrtClassifier } from './ort-classifier.ts';
import { loadLiteRtBrowserClassifier } from './litert-browser.ts';
import { configureOrt } from './ort-runtime.ts';
import { importAgain } from './import-again.ts';
import type { EngineInfo } from './engine-info.ts';

export { manifest };

/** tfjs's GPU backends are chunks of their own, imported (so registered) only when the chooser tries them. */
const GPU_BACKENDS: Partial<Record<TfjsBackend, () => Promise<unknown>>> = {
  webgl: () => importAgain(() => import('./lazy/lazy-tfjs-webgl.ts')),
  webgpu: () => importAgain(() => import('./lazy/lazy-tfjs-webgpu.ts')),
};
const registerTfjsBackend = async (name: TfjsBackend): Promise<void> => void (await GPU_BACKENDS[name]?.());

setWasmPaths({
  'tfjs-backend-wasm.wasm': tfWasm,
  'tfjs-backend-wasm-simd.wasm': tfWasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': tfWasmThreaded,
});

let realmThreads: number | null = null;

/**
 * Fixes the wasm thread count of this realm (the inference worker) for tfjs-wasm and ORT, once, before either
 * runtime initialises: the first call wins (both runtimes read it only at init). Returns the count chosen.
 * 1 thread → tfjs's single-thread SIMD build (the same path as a page without cross-origin isolation); N → its
 * threaded build with N XNNPACK threads (tfjs would otherwise take hardwareConcurrency/2), made to work in our
 * bundle by src/build/tfjs-wasm-threads.ts. ORT gets its glue .mjs/.wasm as files (see OrtEnvOptions.wasmPaths).
 */
export function useThreads(preference: ThreadsPreference = 'auto'): number {
  if (realmThreads !== null) return realmThreads;
  const n = chooseThreads(detectThreadSupport(), preference);
  realmThreads = n;
  if (n > 1) setThreadsCount(n);
  else tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  configureOrt({ threads: n, wasmPaths: { mjs: ortGlue, wasm: ortWasm }, webgpuWasmPaths: { mjs: ortGpuGlue, wasm: ortGpuWasm } });
  return n;
}

let gpuHint: GpuHint | null = null;

/**
 * What the last visit's WebGPU probe found (the page remembers it), given by the first request that carries it. The
 * ONNX and LiteRT engines then pick their backend from it and start loading at once, while this visit's probe runs
 * (requestAdapter: 100–180 ms at start-up in headless Chromium here); the probe's answer is what EngineInfo reports,
 * and so what the next visit is given. A hint that is out of date costs one visit a slower backend, never a wrong
 * answer: a WebGPU attempt that fails falls back to wasm. tfjs probes WebGL too, so it always waits for the probe.
 */
export function useGpuHint(hint: GpuHint | undefined): void {
  gpuHint ??= asGpuHint(hint) ?? null;
}

export interface BrowserEngine {
  entry: ModelEntry;
  classifier: ImageClassifier;
  info: EngineInfo;
}

export async function loadBrowserEngine(engine: ImageEngine, preference: BackendPreference, base = '/models'): Promise<BrowserEngine> {
  const t0 = performance.now();
  const entry = imageModel(manifest, engine);
  const files = prefetchedModelFiles(entry, browserModelFiles(entry, base)); // read while the capability probe runs
  const probing = detectCapabilities({ webgl: engine === 'tfjs' });
  // once this visit's probe has answered, a later load (another engine chosen, a retry) goes by that answer
  void probing.then((c) => (gpuHint = { webgpu: c.webgpu, webgpuSoftware: c.webgpuSoftware }));
  const caps = engine !== 'tfjs' && gpuHint ? capabilitiesWith(gpuHint) : await probing;
  useThreads(); // no-op when the worker already fixed the count from the request
  try {
    const loaded =
      engine === 'tfjs'
        ? await loadTfjsMobilenet(entry, files, tfjsBackendOrder(caps, preference), registerTfjsBackend)
        : engine === 'litert'
          ? await loadLiteRtBrowserClassifier(entry, files, ortBackendOrder(caps, preference), useThreads())
          : await loadOrtClassifier(entry, files, ortBackendOrder(caps, preference));
    const { classifier, attempts } = loaded;
    return {
      entry,
      classifier,
      info: { engine, backend: classifier.backend, threads: classifier.threads, attempts, capabilities: await probing, loadMs: performance.now() - t0 },
    };
  } catch (e) {
    if (e instanceof NoBackendError) throw new AppError('backend-unavailable', `This browser could not run the photo model. ${e.message}`);
    if (e instanceof AppError) throw e;
    throw new AppError('model-load-failed', `The photo model failed to load: ${(e as Error).message}`);
  }
}
