/// <reference lib="webworker" />
/**
 * One photo engine alone in a module worker, loaded by the app's own code (src/ml/browser-runtime.ts: the same builds,
 * thread count and backend choice) but with no app around it: the fixed photo prepared as the inference worker does,
 * then WARM passes (V8's tier-up, src/workers/tier-up.ts), then timed passes of features()/classify() alone, at most
 * RUNS or until BUDGET_MS is spent (the software WebGPU adapters take seconds a pass), at least MIN_RUNS.
 */
import type { ImageEngine } from '../../../src/core/model-manifest.ts';
import { cropResizeRgb } from '../../../src/core/preprocess.ts';
import type { BackendPreference, ThreadsPreference } from '../../../src/ml/backend-chooser.ts';
import { loadBrowserEngine, useThreads } from '../../../src/ml/browser-runtime.ts';
import { decodeForModel, MODEL_DECODE_MIN_SIDE, squareCrop } from '../../../src/workers/decode-blob.ts';

export interface AloneRequest {
  engine: ImageEngine;
  backend: BackendPreference;
  threads: ThreadsPreference;
  photo: Uint8Array;
}
export interface AloneResult {
  backend: string;
  threads: number;
  loadMs: number;
  firstMs: number;
  /** The tier-up passes after the first, each (V8 still running part of the module on its baseline code). */
  warmTimes: number[];
  times: number[];
  top1: number;
}

const WARM = 12;
const RUNS = 30;
const MIN_RUNS = 5;
const BUDGET_MS = 8000;

self.onmessage = async (e: MessageEvent<AloneRequest>) => {
  try {
    const { engine, backend, threads, photo } = e.data;
    useThreads(threads);
    const t0 = performance.now();
    const eng = await loadBrowserEngine(engine, backend);
    const loadMs = performance.now() - t0;
    const spec = eng.entry.input!;
    const { bitmap } = await decodeForModel(new Blob([photo as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), MODEL_DECODE_MIN_SIDE);
    const rgb = cropResizeRgb(squareCrop(bitmap, spec.size, spec.crop), spec.size, 1);
    bitmap.close();
    const c = eng.classifier;
    const pass = async () => (c.features ? (await c.features(rgb)).probs : await c.classify(rgb));
    let t = performance.now();
    const probs = await pass();
    const firstMs = performance.now() - t;
    const warm = c.backend === 'wasm' ? WARM : 2;
    const warmTimes: number[] = [];
    for (let i = 0; i < warm; i++) {
      t = performance.now();
      await pass();
      warmTimes.push(performance.now() - t);
    }
    const times: number[] = [];
    const start = performance.now();
    while (times.length < RUNS && (times.length < MIN_RUNS || performance.now() - start < BUDGET_MS)) {
      t = performance.now();
      await pass();
      times.push(performance.now() - t);
    }
    const result: AloneResult = { backend: c.backend, threads: c.threads, loadMs, firstMs, warmTimes, times, top1: probs.indexOf(Math.max(...probs)) };
    postMessage(result);
  } catch (err) {
    postMessage({ error: String(err) });
  }
};
