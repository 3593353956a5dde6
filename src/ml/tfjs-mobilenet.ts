/**
 * Engine 1: MobileNet V2 (TF Hub classification graph, self-hosted uint8 weights) on TensorFlow.js.
 * Loaded with tfjs-converter's loadGraphModel from an in-memory IOHandler so dispose() frees every weight tensor;
 * one execute() returns both the 1001 logits and the 1280-d pooled feature (AvgPool) for our photo head.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { inputRange, softmax } from '../core/preprocess.ts';
import type { ModelEntry } from '../core/model-manifest.ts';
import type { ImageClassifier, ImageFeatures, ModelFiles } from './image-classifier.ts';
import { firstWorking, type Attempt, type TfjsBackend } from './backend-chooser.ts';
import { memoryModelHandler } from './tfjs-memory-model.ts';

/** Graph node names of the TF Hub MobileNet V2 classification model (model.json). */
export const POOLED_NODE = 'module_apply_default/MobilenetV2/Logits/AvgPool';
export const LOGITS_NODE = 'MobilenetV2/Logits/SpatialSqueeze';

class TfjsMobilenet implements ImageClassifier {
  readonly engine = 'tfjs' as const;
  private disposed = false;
  constructor(
    private readonly model: GraphModel,
    readonly backend: string,
    private readonly size: number,
    private readonly range: [number, number],
  ) {}

  get threads(): number {
    return this.backend === 'wasm' ? getThreadsCount() : 1;
  }

  async classify(rgb: Uint8Array): Promise<Float32Array> {
    return (await this.features(rgb)).probs;
  }

  async features(rgb: Uint8Array): Promise<ImageFeatures> {
    if (this.disposed) throw new Error('tfjs MobileNet was disposed');
    const [lo, hi] = this.range;
    const [pooled, logits] = tf.tidy(() => {
      const x = tf.add(tf.mul(tf.tensor4d(rgb, [1, this.size, this.size, 3], 'float32'), (hi - lo) / 255), lo);
      return this.model.execute(x, [POOLED_NODE, LOGITS_NODE]) as tf.Tensor[];
    });
    try {
      const [e, l] = await Promise.all([pooled.data(), logits.data()]);
      // index 0 of the 1001 logits is the TF Hub background class
      return { probs: softmax(l, l.length - 1000), embedding: new Float32Array(e) };
    } finally {
      pooled.dispose();
      logits.dispose();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.model.dispose();
  }
}

/**
 * Loads the model on the first backend of `order` that initialises and warms up within the timeout.
 * A backend must be registered (import '@tensorflow/tfjs-backend-*') by the runtime's entry or by `register`, which
 * runs before each backend is tried (the browser imports its GPU backends only then).
 */
export async function loadTfjsMobilenet(
  entry: ModelEntry,
  files: ModelFiles,
  order: readonly TfjsBackend[],
  register: (backend: TfjsBackend) => Promise<void> = async () => {},
  timeoutMs = 60_000,
): Promise<{ classifier: ImageClassifier; attempts: Attempt[] }> {
  if (!entry.input) throw new Error(`${entry.id}: manifest has no input spec`);
  const spec = entry.input;
  const handler = await memoryModelHandler(entry, files); // integrity errors surface before any backend work
  const { value, attempts } = await firstWorking(
    order,
    async (name) => {
      await register(name);
      if (!(await tf.setBackend(name))) throw new Error(`backend ${name} failed to initialise`);
      await tf.ready();
      const model = await loadGraphModel(handler);
      const c = new TfjsMobilenet(model, name, spec.size, inputRange(spec));
      try {
        await c.features(new Uint8Array(spec.size * spec.size * 3)); // warm-up: shader compile / wasm JIT
      } catch (e) {
        c.dispose();
        throw e;
      }
      return c;
    },
    timeoutMs,
  );
  return { classifier: value, attempts };
}
