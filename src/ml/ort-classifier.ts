/** Engine 2: the ONNX MobileNetV2-12 int8 through onnxruntime-web (WebGPU EP where it pays, else WASM). */
import * as ort from 'onnxruntime-web';
import { normalise, softmax } from '../core/preprocess.ts';
import type { ModelEntry } from '../core/model-manifest.ts';
import type { ImageClassifier, ModelFiles } from './image-classifier.ts';
import { firstWorking, type Attempt, type OrtBackend } from './backend-chooser.ts';

let configured = false;

/** ORT's wasm settings must be fixed before the first session in this realm (they are ignored later). */
export function configureOrt(opts: { threads: number; wasmPaths?: ort.Env.WasmPrefixOrFilePaths }): void {
  if (configured) return;
  configured = true;
  ort.env.wasm.numThreads = opts.threads;
  ort.env.logLevel = 'error';
  if (opts.wasmPaths) ort.env.wasm.wasmPaths = opts.wasmPaths;
}

class OrtClassifier implements ImageClassifier {
  readonly engine = 'onnx' as const;
  constructor(
    private readonly session: ort.InferenceSession,
    readonly backend: string,
    private readonly entry: ModelEntry,
  ) {}

  async classify(rgb: Uint8Array): Promise<Float32Array> {
    const spec = this.entry.input!;
    const data = normalise(rgb, spec);
    const dims = spec.layout === 'NCHW' ? [1, 3, spec.size, spec.size] : [1, spec.size, spec.size, 3];
    const input = new ort.Tensor('float32', data, dims);
    const out = await this.session.run({ [spec.name ?? this.session.inputNames[0]]: input });
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
  const { backend, value, attempts } = await firstWorking(
    order,
    async (ep) => {
      const session = await ort.InferenceSession.create(bytes, { executionProviders: [ep], graphOptimizationLevel: 'all' });
      const c = new OrtClassifier(session, ep, entry);
      await c.classify(new Uint8Array(spec.size * spec.size * 3)); // warm-up
      return c;
    },
    timeoutMs,
  );
  return { classifier: value, attempts };
}
