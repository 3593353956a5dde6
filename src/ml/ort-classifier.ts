/** Engine 2: the ONNX MobileNetV2-12 int8 through onnxruntime-web (WebGPU EP where it pays, else WASM). */
import { OrtSession, floatTensor } from './ort-runtime.ts';
import { normalise, softmax } from '../core/preprocess.ts';
import type { ModelEntry } from '../core/model-manifest.ts';
import type { ImageClassifier, ModelFiles } from './image-classifier.ts';
import { firstWorking, type Attempt, type OrtBackend } from './backend-chooser.ts';

class OrtClassifier implements ImageClassifier {
  readonly engine = 'onnx' as const;
  constructor(
    private readonly session: OrtSession,
    readonly backend: string,
    private readonly entry: ModelEntry,
  ) {}

  async classify(rgb: Uint8Array, signal?: AbortSignal): Promise<Float32Array> {
    const spec = this.entry.input!;
    const data = normalise(rgb, spec);
    const dims = spec.layout === 'NCHW' ? [1, 3, spec.size, spec.size] : [1, spec.size, spec.size, 3];
    const input = floatTensor(data, dims);
    const out = await this.session.run({ [spec.name ?? this.session.inputNames[0]]: input }, signal);
    const logits = out[this.entry.output?.name ?? this.session.outputNames[0]];
    const values = logits.data as Float32Array;
    input.dispose?.();
    const start = this.entry.output?.background ? 1 : 0;
    const probs = this.entry.output?.kind === 'probabilities' ? values.slice(start) : softmax(values, start);
    logits.dispose?.();
    return probs;
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
  const bytes = await files.read(entry.entry);
  const spec = entry.input;
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
