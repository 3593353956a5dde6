/** Browser/worker side of the photo engines: models fetched from this origin, every backend registered. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import tfWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import tfWasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import tfWasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import manifestJson from '../../models/manifest.json';
import { AppError } from '../core/errors.ts';
import { imageModel, type ImageEngine, type ModelEntry, type ModelManifest } from '../core/model-manifest.ts';
import type { ImageClassifier } from './image-classifier.ts';
import { browserModelFiles } from './browser-model-files.ts';
import { NoBackendError, ortBackendOrder, tfjsBackendOrder, type BackendPreference } from './backend-chooser.ts';
import { detectCapabilities } from './capabilities.ts';
import { loadTfjsMobilenet } from './tfjs-mobilenet.ts';
import { loadOrtClassifier } from './ort-classifier.ts';
import { configureOrt } from './ort-runtime.ts';
import type { EngineInfo } from './engine-info.ts';

export const manifest = manifestJson as ModelManifest;

setWasmPaths({
  'tfjs-backend-wasm.wasm': tfWasm,
  'tfjs-backend-wasm-simd.wasm': tfWasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': tfWasmThreaded,
});
// tfjs-wasm's threaded worker is built from Function.toString() and breaks once minified (toolchain.md F3), and in
// dev its pthread workers importScripts() a blob: URL, which our module worker refuses: tfjs wasm runs single-threaded
// everywhere; ORT's threads are unaffected.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

export interface BrowserEngine {
  entry: ModelEntry;
  classifier: ImageClassifier;
  info: EngineInfo;
}

export async function loadBrowserEngine(engine: ImageEngine, preference: BackendPreference, base = '/models'): Promise<BrowserEngine> {
  const t0 = performance.now();
  const entry = imageModel(manifest, engine);
  const files = browserModelFiles(entry, base);
  const caps = await detectCapabilities();
  try {
    const loaded =
      engine === 'tfjs'
        ? await loadTfjsMobilenet(entry, files, tfjsBackendOrder(caps, preference))
        : // One thread: ORT's pthread workers start from import.meta.url, which inside our bundled inference
          // worker is the inference worker itself, and they deadlock (measured: session never resolves).
          (configureOrt({ threads: 1 }), await loadOrtClassifier(entry, files, ortBackendOrder(caps, preference)));
    return {
      entry,
      classifier: loaded.classifier,
      info: { engine, backend: loaded.classifier.backend, attempts: loaded.attempts, capabilities: caps, loadMs: performance.now() - t0 },
    };
  } catch (e) {
    if (e instanceof NoBackendError) throw new AppError('backend-unavailable', `This browser could not run the photo model. ${e.message}`);
    if (e instanceof AppError) throw e;
    throw new AppError('model-load-failed', `The photo model failed to load: ${(e as Error).message}`);
  }
}
