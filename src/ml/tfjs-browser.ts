/**
 * tfjs in the browser (the inference worker): its CPU and wasm backends, the wasm files Vite emitted, the realm's
 * thread count, the GPU backends as chunks of their own. Imported only when a tfjs model loads (the TF.js photo
 * engine, the explicit check), so a worker running another engine does not fetch, parse and run tfjs's 1 MB of script.
 * 1 thread → tfjs's single-thread SIMD build (the same path as a page without cross-origin isolation); N → its
 * threaded build with N XNNPACK threads (tfjs would otherwise take hardwareConcurrency/2), made to work in our bundle
 * by src/build/tfjs-wasm-threads.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import tfWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import tfWasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import tfWasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { ModelEntry } from '../core/model-manifest.ts';
import type { ModelFiles } from './image-classifier.ts';
import type { TfjsBackend } from './backend-chooser.ts';
import { importAgain } from './import-again.ts';
import { loadTfjsMobilenet } from './tfjs-mobilenet.ts';
import { useThreads } from './realm-threads.ts';

setWasmPaths({
  'tfjs-backend-wasm.wasm': tfWasm,
  'tfjs-backend-wasm-simd.wasm': tfWasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': tfWasmThreaded,
});
const threads = useThreads();
if (threads > 1) setThreadsCount(threads);
else tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

/** tfjs's GPU backends are chunks of their own, imported (so registered) only when the chooser tries them. */
const GPU_BACKENDS: Partial<Record<TfjsBackend, () => Promise<unknown>>> = {
  webgl: () => importAgain(() => import('./lazy/lazy-tfjs-webgl.ts')),
  webgpu: () => importAgain(() => import('./lazy/lazy-tfjs-webgpu.ts')),
};
const registerTfjsBackend = async (name: TfjsBackend): Promise<void> => void (await GPU_BACKENDS[name]?.());

/** The TF.js MobileNet engine on the first backend of `order` that works. */
export function loadTfjsBrowserClassifier(entry: ModelEntry, files: ModelFiles, order: readonly TfjsBackend[]) {
  return loadTfjsMobilenet(entry, files, order, registerTfjsBackend);
}
