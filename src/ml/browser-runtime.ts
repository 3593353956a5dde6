/**
 * Browser/worker side of the photo engines: models fetched from this origin. The default engine's runtime (LiteRT.js,
 * 54 KB of script) comes with this module; tfjs (tfjs-browser.ts) and ORT (ort-browser.ts) are chunks of their own,
 * imported when their engine first loads, so the inference worker does not parse and run tfjs's 1 MB of script on
 * every start.
 */
import { AppError } from '../core/errors.ts';
import { imageModel, type ImageEngine, type ModelEntry } from '../core/model-manifest.ts';
import { manifest } from './manifest.ts';
import type { ImageClassifier } from './image-classifier.ts';
import { browserModelFiles, prefetchedModelFiles } from './browser-model-files.ts';
import { asGpuHint } from '../core/gpu-hint.ts';
import { NoBackendError, ortBackendOrder, tfjsBackendOrder, type BackendPreference, type GpuHint } from './backend-chooser.ts';
import { capabilitiesWith, detectCapabilities } from './capabilities.ts';
import { importAgain } from './import-again.ts';
import { loadLiteRtBrowserClassifier } from './litert-browser.ts';
import { useThreads } from './realm-threads.ts';
import type { EngineInfo } from './engine-info.ts';

export { manifest, useThreads };

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
        ? await (await importAgain(() => import('./tfjs-browser.ts'))).loadTfjsBrowserClassifier(entry, files, tfjsBackendOrder(caps, preference))
        : engine === 'litert'
          ? await loadLiteRtBrowserClassifier(entry, files, ortBackendOrder(caps, preference), useThreads())
          : await (await importAgain(() => import('./ort-browser.ts'))).loadOrtClassifier(entry, files, ortBackendOrder(caps, preference));
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
