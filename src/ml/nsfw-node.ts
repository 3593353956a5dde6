/** Node side of the explicit-photo check (eval, model tests): verified files from public/models, tfjs wasm/cpu. */
import { sha256Hex } from './sha256-node.ts';
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import type { ModelEntry } from '../core/model-manifest.ts';
import { verifiedModelFiles } from './model-files.ts';
import { modelsDir, readManifest } from './node-runtime.ts';
import { loadNsfwModel, type NsfwModel } from './nsfw-model.ts';

export const NSFW_TASK = 'explicit-photo';

export async function nsfwEntry(): Promise<ModelEntry> {
  const entry = (await readManifest()).models.find((m) => m.task === NSFW_TASK);
  if (!entry) throw new Error(`models/manifest.json has no ${NSFW_TASK} model`);
  return entry;
}

const read = async (path: string) => {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
};

/** Loads on tfjs `backend` (default wasm; an already-initialised backend is reused). */
export async function loadNodeNsfw(backend: 'wasm' | 'cpu' = 'wasm'): Promise<{ entry: ModelEntry; model: NsfwModel }> {
  const entry = await nsfwEntry();
  if (tf.getBackend() !== backend) {
    if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to initialise`);
  }
  const files = verifiedModelFiles(entry, modelsDir(), read, async (b) => sha256Hex(b));
  return { entry, model: await loadNsfwModel(entry, files) };
}
