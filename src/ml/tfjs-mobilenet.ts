/** Engine 1: MobileNet V2 through @tensorflow-models/mobilenet on TensorFlow.js, self-hosted weights. */
import * as tf from '@tensorflow/tfjs-core';
import * as mobilenet from '@tensorflow-models/mobilenet';
import { inputRange, softmax } from '../core/preprocess.ts';
import type { ModelEntry } from '../core/model-manifest.ts';
import type { ImageClassifier, ModelFiles } from './image-classifier.ts';
import { firstWorking, type Attempt, type TfjsBackend } from './backend-chooser.ts';

interface GraphModelJson {
  modelTopology: object;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

/** Reads model.json + shards (integrity-checked) into an in-memory IOHandler: no URL, no CDN. */
export async function graphModelHandler(entry: ModelEntry, files: ModelFiles): Promise<tf.io.IOHandler> {
  const json = JSON.parse(new TextDecoder().decode(await files.read(entry.entry))) as GraphModelJson;
  const shards = await Promise.all(json.weightsManifest.flatMap((g) => g.paths).map((p) => files.read(p)));
  const weightData = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  let off = 0;
  for (const s of shards) { weightData.set(s, off); off += s.length; }
  return tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: weightData.buffer,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy ?? undefined,
  });
}

class TfjsMobilenet implements ImageClassifier {
  readonly engine = 'tfjs' as const;
  constructor(
    private readonly net: mobilenet.MobileNet,
    readonly backend: string,
    private readonly size: number,
  ) {}

  async classify(rgb: Uint8Array): Promise<Float32Array> {
    const logits = tf.tidy(() => this.net.infer(tf.tensor3d(rgb, [this.size, this.size, 3], 'int32')));
    try {
      return softmax(await logits.data()); // infer() already dropped the background logit
    } finally {
      logits.dispose();
    }
  }

  dispose(): void {
    // The GraphModel is owned by the mobilenet wrapper; dropping the reference frees it with the backend.
  }
}

/**
 * Loads the model on the first backend of `order` that initialises and warms up within the timeout.
 * Backends must already be registered (import '@tensorflow/tfjs-backend-*' in the runtime's entry).
 */
export async function loadTfjsMobilenet(
  entry: ModelEntry,
  files: ModelFiles,
  order: readonly TfjsBackend[],
  timeoutMs = 60_000,
): Promise<{ classifier: ImageClassifier; attempts: Attempt[] }> {
  if (!entry.input) throw new Error(`${entry.id}: manifest has no input spec`);
  const spec = entry.input;
  const handler = await graphModelHandler(entry, files); // integrity errors surface before any backend work
  const { backend, value, attempts } = await firstWorking(
    order,
    async (name) => {
      if (!(await tf.setBackend(name))) throw new Error(`backend ${name} failed to initialise`);
      await tf.ready();
      // load() runs predict(zeros) once: that is the warm-up (shader compile / wasm JIT).
      return mobilenet.load({ version: 2, alpha: 1, modelUrl: handler, inputRange: inputRange(spec) });
    },
    timeoutMs,
  );
  return { classifier: new TfjsMobilenet(value, backend, spec.size), attempts };
}
