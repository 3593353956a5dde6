/**
 * Embedding cache for the photo head: .cache/photo-embeddings/<engine>-<model hash 12>/<sha256 of photo file>.f32
 * Each file: Float32 little-endian, 1280 pooled MobileNet features then 1000 ImageNet probabilities.
 * Photos go through the app's own path (sharp decode ≤1024 px → centre crop → 224 RGB → engine).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, loadNodeEngine, readManifest, type LoadedEngine } from '../../src/ml/node-runtime.ts';
import { imageModel, type ModelEntry } from '../../src/core/model-manifest.ts';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { classifyRgba } from '../../src/ml/classify-image.ts';
import { cropResizeRgb } from '../../src/core/preprocess.ts';
import { colourFeatures, COLOUR_FEATURES, COLOUR_ID } from '../../src/core/colour-features.ts';
import { variantImage, type Variant } from './photo-views.ts';
import { writeAllAtomically } from './artifacts.ts';

export const EMB_DIM = 1280;
export const N_CLASSES = 1000;
export const CACHE_ROOT = path.resolve(REPO_ROOT, process.env.PHOTO_CACHE_DIR ?? '.cache/photo-embeddings');

export interface Cached {
  embedding: Float32Array;
  probs: Float32Array;
}

export function modelKey(entry: ModelEntry): string {
  const h = createHash('sha256');
  for (const f of entry.files) h.update(`${f.path}:${f.sha256};`);
  return `${entry.engine}-${h.digest('hex').slice(0, 12)}`;
}

const fileHash = (p: string) => createHash('sha256').update(fs.readFileSync(p)).digest('hex');

export class PhotoCache {
  readonly dir: string;
  hits = 0;
  misses = 0;
  private engine: LoadedEngine | null = null;
  private constructor(
    readonly key: string,
    private readonly engineName: 'tfjs' | 'onnx',
  ) {
    this.dir = path.join(CACHE_ROOT, key);
    fs.mkdirSync(this.dir, { recursive: true });
  }
  /** The cache folder is keyed by the manifest's hashes of the engine's files; the engine loads on the first miss. */
  static async open(engineName: 'tfjs' | 'onnx' = 'tfjs'): Promise<PhotoCache> {
    const entry = imageModel(await readManifest(), engineName);
    return new PhotoCache(modelKey(entry), engineName);
  }

  dispose(): void {
    this.engine?.classifier.dispose();
    this.engine = null;
  }

  /** Pixel colour statistics of one photo (src/core/colour-features.ts), cached in <COLOUR_ID>/<sha256>.f32. */
  async colour(file: string): Promise<Float32Array> {
    const dir = path.join(CACHE_ROOT, COLOUR_ID);
    fs.mkdirSync(dir, { recursive: true });
    const key = path.join(dir, `${fileHash(file)}.f32`);
    if (fs.existsSync(key)) {
      const b = fs.readFileSync(key);
      const v = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
      if (v.length === COLOUR_FEATURES) return v;
    }
    const img = await decodeImageFile(file);
    const v = colourFeatures(cropResizeRgb(img, 224, 1), 224);
    writeAllAtomically([{ path: key, data: new Uint8Array(v.buffer) }]);
    return v;
  }

  /** Cached features of one photo file, computed through the real engine on a miss. `variant`: an augmented view
   *  (photo-augment.ts), cached in <key>-<variant>/. */
  async get(file: string, variant?: Variant): Promise<Cached> {
    const hash = fileHash(file);
    const dir = variant ? `${this.dir}-${variant}` : this.dir;
    if (variant) fs.mkdirSync(dir, { recursive: true });
    const key = path.join(dir, `${hash}.f32`);
    if (fs.existsSync(key)) {
      const b = fs.readFileSync(key);
      const all = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
      if (all.length === EMB_DIM + N_CLASSES) {
        this.hits++;
        return { embedding: all.subarray(0, EMB_DIM), probs: all.subarray(EMB_DIM) };
      }
    }
    this.misses++;
    const decoded = await decodeImageFile(file);
    const img = variant ? variantImage(decoded, variant, hash) : decoded;
    this.engine ??= await loadNodeEngine(this.engineName);
    const { probs, embedding } = await classifyRgba(this.engine.classifier, this.engine.entry, img);
    if (!embedding) throw new Error(`${this.engineName} engine gives no embedding`);
    const all = new Float32Array(EMB_DIM + N_CLASSES);
    all.set(embedding, 0);
    all.set(probs, EMB_DIM);
    writeAllAtomically([{ path: key, data: new Uint8Array(all.buffer) }]);
    return { embedding: all.subarray(0, EMB_DIM), probs: all.subarray(EMB_DIM) };
  }
}
