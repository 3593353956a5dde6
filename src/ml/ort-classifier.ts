/**
 * Engine 2: the ONNX MobileNetV2-12 int8 through onnxruntime-web (WebGPU EP where it pays, else WASM). Where the
 * manifest names the pooled feature (`embedding`: the classifier's uint8 input), it is added as a graph output in
 * memory at load (src/core/onnx-graph-output.ts; the file stays the pinned official one) and dequantised with the
 * manifest's scale / zero point, checked against the graph's own.
 */
import { OrtSession, floatTensor, ortThreads } from './ort-runtime.ts';
import { dequantise, normalise, softmax } from '../core/preprocess.ts';
import { quantisationOf, withGraphOutput } from '../core/onnx-graph-output.ts';
import type { ModelEntry } from '../core/model-manifest.ts';
import type { ImageClassifier, ImageFeatures, ModelFiles } from './image-classifier.ts';
import { firstWorking, type Attempt, type OrtBackend } from './backend-chooser.ts';

class OrtClassifier implements ImageClassifier {
  readonly engine = 'onnx' as const;
  constructor(
    private readonly session: OrtSession,
    readonly backend: string,
    private readonly entry: ModelEntry,
  ) {}

  get threads(): number {
    return ortThreads(this.backend);
  }

  async classify(rgb: Uint8Array, signal?: AbortSignal): Promise<Float32Array> {
    return (await this.run(rgb, false, signal)).probs;
  }

  /** Probabilities and, where the manifest names it, the dequantised 1280-d pooled feature of the same pass. */
  async features(rgb: Uint8Array, signal?: AbortSignal): Promise<ImageFeatures> {
    return this.run(rgb, !!this.entry.embedding, signal);
  }

  private async run(rgb: Uint8Array, withEmbedding: boolean, signal?: AbortSignal): Promise<ImageFeatures> {
    const spec = this.entry.input!;
    const data = normalise(rgb, spec);
    const dims = spec.layout === 'NCHW' ? [1, 3, spec.size, spec.size] : [1, spec.size, spec.size, 3];
    const input = floatTensor(data, dims);
    const logitsName = this.entry.output?.name ?? this.session.outputNames[0];
    const e = this.entry.embedding;
    const out = await this.session.run({ [spec.name ?? this.session.inputNames[0]]: input }, signal, withEmbedding && e ? [logitsName, e.name] : [logitsName]);
    const logits = out[logitsName];
    const values = logits.data as Float32Array;
    input.dispose?.();
    const start = this.entry.output?.background ? 1 : 0;
    const probs = this.entry.output?.kind === 'probabilities' ? values.slice(start) : softmax(values, start);
    logits.dispose?.();
    let embedding: Float32Array | null = null;
    if (withEmbedding && e) {
      const q = out[e.name];
      embedding = dequantise(q.data as Uint8Array, e.scale, e.zeroPoint);
      q.dispose?.();
    }
    return { probs, embedding };
  }

  dispose(): void {
    void this.session.release();
  }
}

export async function loadOrtClassifier(
  entry: ModelEntry,
  files: ModelFiles,
  order: readonly OrtBackend[],
  timeoutMs = 60_000,
): Promise<{ classifier: ImageClassifier; attempts: Attempt[] }> {
  if (!entry.input) throw new Error(`${entry.id}: manifest has no input spec`);
  let bytes = await files.read(entry.entry);
  const spec = entry.input;
  if (entry.embedding) {
    const q = quantisationOf(bytes, entry.embedding.name);
    if (Math.abs(q.scale - (entry.embedding.scale ?? NaN)) > 1e-9 || q.zeroPoint !== entry.embedding.zeroPoint) {
      throw new Error(
        `${entry.id}: the graph quantises ${entry.embedding.name} as ${q.scale}/${q.zeroPoint}, the manifest says ${entry.embedding.scale}/${entry.embedding.zeroPoint}`,
      );
    }
    bytes = withGraphOutput(bytes, entry.embedding.name);
  }
  const { value, attempts } = await firstWorking(
    order,
    async (ep) => {
      const session = await OrtSession.create(bytes, { executionProviders: [ep], label: 'photo' });
      const c = new OrtClassifier(session, ep, entry);
      await c.classify(new Uint8Array(spec.size * spec.size * 3)); // warm-up
      return c;
    },
    timeoutMs,
  );
  return { classifier: value, attempts };
}
