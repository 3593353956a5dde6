/**
 * Our photo head (models/photo/photo-head.onnx) on onnxruntime-web: the tfjs MobileNet's 1280-d pooled embedding →
 * category kind, department and colour probabilities (calibrated; temperatures folded into the graph).
 * Runs through src/ml/ort-runtime.ts like every ORT call in the app.
 */
import { OrtSession, floatTensor } from './ort-runtime.ts';
import { AppError } from '../core/errors.ts';
import type { HeadLabels, HeadOutputs } from '../core/photo-head.ts';
import type { ModelEntry, ModelManifest } from '../core/model-manifest.ts';
import type { ModelFiles } from './image-classifier.ts';

export const PHOTO_HEAD_ID = 'photo-head';

/** The sidecar JSON next to the ONNX file (what models/train/photo-export.ts writes). */
export interface PhotoHeadSidecar {
  kind: 'photo-head';
  version: number;
  engine: 'tfjs' | 'onnx';
  embeddingNode: string;
  input: string;
  dim: number;
  heads: { category: string[]; department: string[]; colour: string[] };
  metrics?: unknown;
}

export function photoHeadEntry(manifest: ModelManifest): ModelEntry | null {
  return manifest.models.find((m) => m.id === PHOTO_HEAD_ID) ?? null;
}

export class PhotoHead {
  private constructor(
    private readonly session: OrtSession,
    readonly sidecar: PhotoHeadSidecar,
  ) {}

  get labels(): HeadLabels {
    return this.sidecar.heads;
  }

  /** Which image engine's embedding this head reads. */
  get engine(): 'tfjs' | 'onnx' {
    return this.sidecar.engine;
  }

  static async load(entry: ModelEntry, files: ModelFiles): Promise<PhotoHead> {
    const sidecarFile = entry.files.find((f) => f.path.endsWith('.json'))?.path ?? 'photo-head.json';
    const sidecar = JSON.parse(new TextDecoder().decode(await files.read(sidecarFile))) as PhotoHeadSidecar;
    if (sidecar.kind !== 'photo-head' || !sidecar.heads?.category?.length) {
      throw new AppError('model-corrupt', `The photo head's ${sidecarFile} is not a photo-head sidecar.`);
    }
    const session = await OrtSession.create(await files.read(entry.entry), { executionProviders: ['wasm'], label: 'photo head' });
    const head = new PhotoHead(session, sidecar);
    await head.run(new Float32Array(sidecar.dim)); // warm-up
    return head;
  }

  async run(embedding: Float32Array, signal?: AbortSignal): Promise<HeadOutputs> {
    if (embedding.length !== this.sidecar.dim) {
      throw new AppError('internal', `The photo head expects a ${this.sidecar.dim}-d embedding, got ${embedding.length}.`);
    }
    const out = await this.session.run({ [this.sidecar.input]: floatTensor(Float32Array.from(embedding), [1, this.sidecar.dim]) }, signal);
    const get = (name: string) => Float32Array.from(out[name].data as Float32Array);
    const r: HeadOutputs = { category: get('category'), department: get('department'), colour: get('colour') };
    for (const k of ['category', 'department', 'colour'] as const) out[k].dispose?.();
    return r;
  }

  dispose(): void {
    void this.session.release();
  }
}
