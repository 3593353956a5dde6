/** Types and lookups for models/manifest.json: every model describes its own files, input and labels. */
import type { InputSpec } from './types.ts';

export interface ModelFile {
  path: string;
  bytes: number;
  sha256: string;
  /** Official public URL (null: our own committed model, see ModelEntry.source). */
  url?: string | null;
  /** Produced at install from one of the entry's `sources` by our converter (`by`: its path in this repository). */
  derivedFrom?: { file: string; by: string };
}

export interface ModelEntry {
  id: string;
  name: string;
  engine: 'tfjs' | 'onnx' | 'litert';
  task: string;
  dir: string;
  entry: string;
  labels?: { file: string; skip: number; stripWnid?: boolean };
  input?: InputSpec & { name?: string };
  /** `scale`/`zeroPoint`: a uint8 output (TFLite), dequantised as scale × (q − zeroPoint). */
  output?: { kind: 'logits' | 'probabilities'; classes: number; background: boolean; name?: string; scale?: number; zeroPoint?: number };
  /** The pooled feature the photo head reads, where the model outputs it under its own name (LiteRT: uint8). */
  embedding?: { name: string; size: number; scale?: number; zeroPoint?: number };
  /** A photo head (task 'photo-head'): the image engine whose embedding it reads (LiteRT reads the tfjs head). */
  imageEngine?: 'tfjs' | 'onnx';
  licence: string;
  upstream?: string;
  /** 'repo': committed in this repository's models/ folder (our own trained models); 'npm': unwrapped from a package (models/nsfw-extract.ts). */
  source?: 'repo' | 'npm';
  npm?: { package: string; version: string; dir: string };
  /** Not fetched at service-worker install (first visit): downloaded, verified and cached on first use. */
  lazy?: boolean;
  files: ModelFile[];
  /** Official upstream files that `files` are derived from at install (never served to the browser). */
  sources?: ModelFile[];
}

export interface ModelManifest {
  version: string;
  models: ModelEntry[];
}

/** Photo engines: tfjs (TF.js graph), onnx (onnxruntime-web), litert (LiteRT.js on the official TFLite file). */
export type ImageEngine = 'tfjs' | 'onnx' | 'litert';
export const IMAGE_ENGINES: readonly ImageEngine[] = ['tfjs', 'onnx', 'litert'];
/**
 * The photo engine of the app (unless the seller picks another) and of `npm run suggest`: LiteRT.js, the fastest
 * correct runtime measured here (`npm run bench:vision`; README). It became the default once both conditions held:
 * its top level holds issue 10's ≥ 92.5% (96.5% vs tfjs's 96.6% with the photo head's Fashion override,
 * `npm run eval:photos -- --engine litert`; 92.2% before the override) and a first visit with it fits the 35 MB uncompressed budget (34.4 MB once the listing models were stored as int4,
 * `npm run bench:startup`). TF.js and ONNX Runtime stay first-class engines (Settings → Photo engine).
 */
export const DEFAULT_ENGINE: ImageEngine = 'litert';
/** How the UI names each engine. */
export const ENGINE_NAMES: Record<ImageEngine, string> = {
  tfjs: 'TensorFlow.js MobileNet V2',
  onnx: 'ONNX Runtime MobileNetV2 int8',
  litert: 'LiteRT.js MobileNet V2 uint8',
};

/** Where the app serves one of a model's files (`npm run models` installs them under public/models). */
export function modelFileUrl(model: Pick<ModelEntry, 'dir'>, path: string, base = '/models'): string {
  return `${base}/${model.dir}/${path}`;
}

/** A model's download in MB: the bytes the manifest pins for its files. */
export function modelMegabytes(model: Pick<ModelEntry, 'files'>): number {
  return model.files.reduce((n, f) => n + f.bytes, 0) / 1e6;
}

export function imageModel(manifest: ModelManifest, engine: ImageEngine): ModelEntry {
  const m = manifest.models.find((x) => x.task === 'image-classification' && x.engine === engine);
  if (!m) throw new Error(`models/manifest.json has no image model for engine "${engine}"`);
  return m;
}

/**
 * Our photo head for an image engine's embedding, or null when the manifest lists none: onnx → the head trained on
 * the ONNX engine's pooled feature (models/photo-onnx); tfjs and litert → the tfjs head (models/photo; LiteRT's
 * uint8 AvgPool is the same network's feature).
 */
export function photoHeadEntry(manifest: ModelManifest, engine: ImageEngine = 'tfjs'): ModelEntry | null {
  const want = engine === 'onnx' ? 'onnx' : 'tfjs';
  return manifest.models.find((m) => m.task === 'photo-head' && (m.imageEngine ?? 'tfjs') === want) ?? null;
}

/** Label file text → 1000 class names (background line and WordNet ids removed). */
export function parseLabels(text: string, spec: NonNullable<ModelEntry['labels']>): string[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.slice(spec.skip).map((l) => (spec.stripWnid ? l.replace(/^n\d{8}\s+/, '') : l).split(',')[0].trim());
}

/** Request header by which the page asks the service worker to drop a cached model file and download it again. */
export const REFETCH_HEADER = 'x-model-refetch';

/** Response header by which the service worker says a model file is not on this device and the network is gone. */
export const OFFLINE_MISSING_HEADER = 'x-offline-missing';
