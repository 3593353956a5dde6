/** Node side of the photo engines (CLI, model tests, benchmarks): files from disk, tfjs wasm/cpu, ORT wasm. */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { imageModel, parseLabels, type ImageEngine, type ModelEntry, type ModelManifest } from '../core/model-manifest.ts';
import { toErrorData } from '../core/errors.ts';
import type { ImageClassifier } from './image-classifier.ts';
import { verifiedModelFiles } from './model-files.ts';
import { PhotoHead, photoHeadEntry } from './photo-head.ts';
import { sha256Hex } from './sha256-node.ts';
import { loadTfjsMobilenet } from './tfjs-mobilenet.ts';
import { loadOrtClassifier } from './ort-classifier.ts';
import { configureOrt } from './ort-runtime.ts';
import { loadLiteRtClassifier } from './litert-classifier.ts';
import { loadNodeLiteRt } from './litert-node.ts';
import type { Attempt, TfjsBackend } from './backend-chooser.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where installed models live: MODELS_DIR, else public/models (what `npm run models` fills). */
export function modelsDir(): string {
  return resolve(REPO_ROOT, process.env.MODELS_DIR ?? 'public/models');
}

export async function readManifest(): Promise<ModelManifest> {
  return JSON.parse(await readFile(resolve(REPO_ROOT, 'models/manifest.json'), 'utf8')) as ModelManifest;
}

const nodeDigest = async (b: Uint8Array) => sha256Hex(b);
const nodeRead = async (path: string) => {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
};

export interface LoadedEngine {
  entry: ModelEntry;
  classifier: ImageClassifier;
  labels: string[];
  attempts: Attempt[];
  loadMs: number;
}

export async function loadNodeEngine(engine: ImageEngine, tfjsOrder: TfjsBackend[] = ['wasm', 'cpu']): Promise<LoadedEngine> {
  const t0 = performance.now();
  const entry = imageModel(await readManifest(), engine);
  const files = verifiedModelFiles(entry, modelsDir(), nodeRead, nodeDigest);
  const labels = parseLabels(new TextDecoder().decode(await files.read(entry.labels!.file)), entry.labels!);
  let loaded;
  if (engine === 'tfjs') {
    loaded = await loadTfjsMobilenet(entry, files, tfjsOrder);
  } else if (engine === 'litert') {
    await loadNodeLiteRt(); // Node: LiteRT's single-threaded wasm (see litert-node.ts)
    loaded = await loadLiteRtClassifier(entry, files, ['wasm'], 1);
  } else {
    configureOrt({ threads: 1 });
    loaded = await loadOrtClassifier(entry, files, ['wasm']);
  }
  return { entry, labels, ...loaded, loadMs: performance.now() - t0 };
}

/**
 * Our photo head for an engine's embeddings (photoHeadEntry: onnx → models/photo-onnx, tfjs and LiteRT →
 * models/photo), or null when the manifest lists none for that engine. Each call loads a fresh head (the caller
 * disposes it, as with loadNodeEngine). A listed but missing or damaged head file throws (model-missing / model-corrupt).
 */
export async function loadNodePhotoHead(engine: ImageEngine): Promise<PhotoHead | null> {
  const entry = photoHeadEntry(await readManifest(), engine);
  // LiteRT's embedding is the same network's as tfjs (uint8 AvgPool, dequantised): cosine 0.998 to tfjs's, head top-1 97–99% the same (npm run eval:litert-agreement)
  if (!entry) return null;
  configureOrt({ threads: 1 });
  return PhotoHead.load(entry, verifiedModelFiles(entry, modelsDir(), nodeRead, nodeDigest));
}

export { toErrorData };
