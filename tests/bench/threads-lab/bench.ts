/** tfjs-wasm MobileNet V2 alone (no app around it): median of 25 runs on one input, with `threads` XNNPACK threads. */
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import w1 from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import w2 from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import w3 from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export interface LabResult {
  threads: number;
  median: number;
  min: number;
}

export async function bench(threads: number, runs = 25): Promise<LabResult> {
  setWasmPaths({ 'tfjs-backend-wasm.wasm': w1, 'tfjs-backend-wasm-simd.wasm': w2, 'tfjs-backend-wasm-threaded-simd.wasm': w3 });
  if (threads > 1) setThreadsCount(threads);
  else tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('wasm');
  const model = await loadGraphModel('/models/mobilenet_v2_1.0_224_tfjs/model.json');
  const x = tf.randomUniform([1, 224, 224, 3]);
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const y = model.execute(x) as tf.Tensor;
    await y.data();
    y.dispose();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return { threads: getThreadsCount(), median: ts[Math.floor(runs / 2)], min: ts[0] };
}
