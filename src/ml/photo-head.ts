/**
 * Our photo heads (models/photo/ for the tfjs and LiteRT engines, models/photo-onnx/ for the ONNX engine) on
 * onnxruntime-web: the engine's 1280-d pooled embedding →
 * category kind, department and colour probabilities (calibrated; temperatures folded into the graph).
 * Runs through src/ml/ort-runtime.ts like every ORT call in the app.
 */
import { OrtSession, floatTensor } from './ort-runtime.ts';
import { AppError } from '../core/errors.ts';
import type { HeadLabels, HeadOutputs } from '../core/photo-head.ts';
import type { ModelEntry } from '../core/model-manifest.ts';
import type { ModelFiles } from './image-classifier.ts';

export const PHOTO_HEAD_ID = 'photo-head';

/** The sidecar JSON next to the ONNX file (what models/train/photo-export.ts writes). */
export interface PhotoHeadSidecar {
  kind: 'photo-head';
  version: number;
  engine: 'tfjs' | 'onnx';
  embeddingNode: string;
  inputs: { embedding: number; colour_features: number };
  heads: { category: string[]; department: string[]; colour: string[] };
  metrics?: unknown;
}

export { photoHeadEntry } from '../core/model-manifest.ts';

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
    await head.run(new Float32Array(sidecar.inputs.embedding), new Float32Array(sidecar.inputs.colour_features)); // warm-up
    return head;
  }

  /** embedding: the engine's pooled features; colour: colourFeatures() of the same crop. */
  async run(embedding: Float32Array, colour: Float32Array, signal?: AbortSignal): Promise<HeadOutputs> {
    const dims = this.sidecar.inputs;
    if (embedding.length !== dims.embedding || colour.length !== dims.colour_features) {
      throw new AppError(
        'internal',
        `The photo head expects ${dims.embedding} + ${dims.colour_features} features, got ${embedding.length} + ${colour.length}.`,
      );
    }
    const out = await this.session.run(
      {
        embedding: floatTensor(Float32Array.from(embedding), [1, dims.embedding]),
        colour_features: floatTensor(Float32Array.from(colour), [1, dims.colour_features]),
      },
      signal,
    );
    const get = (name: string) => Float32Array.from(out[name].data as Float32Array);
    const r: HeadOutputs = { category: get('category'), department: get('department'), colour: get('colour') };
    for (const k of ['category', 'department', 'colour'] as const) out[k].dispose?.();
    return r;
  }

  dispose(): void {
    void this.session.release();
  }
}
