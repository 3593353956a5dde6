/**
 * The explicit-photo check: nsfwjs's MobileNet V2 (5 classes, MIT), a Keras layers model unwrapped into plain
 * TF.js files by models/nsfw-extract.ts and loaded from verified model files with the app's own tfjs-core and
 * tfjs-layers (no nsfwjs JS, no CDN). tfjs-layers is imported dynamically so it is fetched only when first used.
 * Input: the same size×size packed RGB crop the photo engine already made; output: the 5 class probabilities.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelEntry } from '../core/model-manifest.ts';
import { normalise } from '../core/preprocess.ts';
import type { ModelFiles } from './image-classifier.ts';
import { memoryModelHandler } from './tfjs-memory-model.ts';
import { importAgain } from './import-again.ts';

export interface NsfwModel {
  readonly backend: string;
  /** The class names in output order (Drawing, Hentai, Neutral, Porn, Sexy). */
  readonly classes: string[];
  /** size×size×3 RGB → probabilities over `classes`. */
  classify(rgb: Uint8Array): Promise<Float32Array>;
  dispose(): void;
}

/** Loads on the current tfjs backend (the photo engine already chose and initialised one) and warms up. */
export async function loadNsfwModel(entry: ModelEntry, files: ModelFiles): Promise<NsfwModel> {
  const spec = entry.input;
  if (!spec || !entry.labels) throw new Error(`${entry.id}: manifest needs an input spec and labels`);
  const classes = new TextDecoder()
    .decode(await files.read(entry.labels.file))
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(entry.labels.skip);
  const handler = await memoryModelHandler(entry, files); // integrity errors surface before any tfjs work
  const { loadLayersModel } = await importAgain(() => import('./lazy/lazy-tfjs-layers.ts'));
  await tf.ready();
  const model = await loadLayersModel(handler);
  const size = spec.size;
  const run = (x: Float32Array) => tf.tidy(() => model.predict(tf.tensor4d(x, [1, size, size, 3])) as tf.Tensor);
  const warm = run(new Float32Array(size * size * 3));
  await warm.data();
  warm.dispose();
  return {
    backend: tf.getBackend(),
    classes,
    async classify(rgb: Uint8Array): Promise<Float32Array> {
      if (rgb.length !== size * size * 3) throw new RangeError(`expected ${size}×${size}×3 RGB bytes, got ${rgb.length}`);
      const out = run(normalise(rgb, spec));
      try {
        return Float32Array.from(await out.data());
      } finally {
        out.dispose();
      }
    },
    dispose: () => model.dispose(),
  };
}
