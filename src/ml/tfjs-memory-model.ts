/** A TF.js model (graph or layers format) read from integrity-checked files into an in-memory IOHandler: no URL, no CDN. */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelEntry } from '../core/model-manifest.ts';
import type { ModelFiles } from './image-classifier.ts';

interface ModelJson {
  modelTopology: object;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

/** model.json + its weight shards, concatenated in manifest order. */
export async function memoryModelHandler(entry: ModelEntry, files: ModelFiles): Promise<tf.io.IOHandler> {
  const json = JSON.parse(new TextDecoder().decode(await files.read(entry.entry))) as ModelJson;
  const shards = await Promise.all(json.weightsManifest.flatMap((g) => g.paths).map((p) => files.read(p)));
  const weightData = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  let off = 0;
  for (const s of shards) {
    weightData.set(s, off);
    off += s.length;
  }
  return tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: weightData.buffer,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy ?? undefined,
  });
}
