/**
 * Engine 3: Google's official uint8 MobileNet V2 .tflite on LiteRT.js (XNNPack in wasm, 1 or N threads; WebGPU where
 * the package can delegate the whole graph, else it falls back to wasm and `backend` says so). The file is the
 * official one with two more outputs (models/convert/tflite-outputs.ts): one run() gives the uint8 logits and the
 * 1280-d pooled embedding, dequantised with the scale/zero point the manifest records for each (checked against the
 * file by tests/models/litert-convert.test.ts). The input is the packed RGB bytes as they are: the file's input
 * tensor is uint8 with scale 1/128, zero point 128 (≈ the [-1, 1] range of the manifest's mean/std).
 * The runtime (wasm files, threads) is loaded by the caller: litert-node.ts or litert-browser.ts.
 */
import { loadAndCompile, Tensor, type CompiledModel, type TensorDetails } from '@litertjs/core';
import { dequantise, softmax } from '../core/preprocess.ts';
import type { ModelEntry } from '../core/model-manifest.ts';
import type { ImageClassifier, ImageFeatures, ModelFiles } from './image-classifier.ts';
import { firstWorking, type Attempt } from './backend-chooser.ts';

export type LiteRtAccelerator = 'webgpu' | 'wasm';

class LiteRtClassifier implements ImageClassifier {
  readonly engine = 'litert' as const;
  private chain: Promise<unknown> = Promise.resolve();
  private disposed = false;
  constructor(
    private readonly model: CompiledModel,
    private readonly entry: ModelEntry,
    /** What runs: 'wasm', 'webgpu', or 'webgpu+wasm' (the JSPI build splitting a graph WebGPU cannot take whole). */
    readonly backend: string,
    /** XNNPack threads (1 without cross-origin isolation, with the single-threaded wasm, or on WebGPU). */
    readonly threads: number,
    private readonly outputs: { logits: number; embedding: number },
  ) {}

  async classify(rgb: Uint8Array): Promise<Float32Array> {
    return (await this.features(rgb)).probs;
  }

  /** One run at a time per compiled model (LiteRT's interpreter is not re-entrant). */
  features(rgb: Uint8Array): Promise<ImageFeatures> {
    const next = this.chain.then(() => this.run(rgb));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async run(rgb: Uint8Array): Promise<ImageFeatures> {
    if (this.disposed) throw new Error('LiteRT MobileNet was disposed');
    const size = this.entry.input!.size;
    if (rgb.length !== size * size * 3) throw new Error(`expected ${size}×${size}×3 RGB bytes, got ${rgb.length}`);
    const input = new Tensor(rgb as Uint8Array<ArrayBuffer>, [1, size, size, 3]);
    let out: Tensor[] = [];
    try {
      out = await this.model.run(input);
      const [logitsQ, embeddingQ] = await Promise.all([out[this.outputs.logits].data(), out[this.outputs.embedding].data()]);
      const o = this.entry.output!;
      const e = this.entry.embedding!;
      const logits = dequantise(logitsQ, o.scale, o.zeroPoint);
      // index 0 of the 1001 logits is the background class, as in the TF.js engine
      return { probs: softmax(logits, o.background ? 1 : 0), embedding: dequantise(embeddingQ, e.scale, e.zeroPoint) };
    } finally {
      input.delete();
      for (const t of out) t.delete();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    void this.chain.finally(() => this.model.delete());
  }
}

function outputIndex(details: readonly TensorDetails[], name: string | undefined, size: number): number {
  const i = details.findIndex((d) => d.name === name);
  if (i < 0) throw new Error(`the model has no output "${name}" (outputs: ${details.map((d) => d.name).join(', ')})`);
  const n = details[i].shape.reduce((a, b) => a * b, 1);
  if (n !== size) throw new Error(`output "${name}" has ${n} values, expected ${size}`);
  return i;
}

/**
 * Compiles the model for the first accelerator of `order` that works, warms it up and checks its outputs against the
 * manifest. `threads`: XNNPack threads for wasm (LiteRT must have been loaded with its threaded wasm for more than 1).
 */
export async function loadLiteRtClassifier(
  entry: ModelEntry,
  files: ModelFiles,
  order: readonly LiteRtAccelerator[],
  threads = 1,
  timeoutMs = 60_000,
): Promise<{ classifier: ImageClassifier; attempts: Attempt[] }> {
  if (!entry.input || !entry.output || !entry.embedding) throw new Error(`${entry.id}: manifest needs input, output and embedding specs`);
  const spec = entry.input;
  const bytes = await files.read(entry.entry); // integrity errors surface before any runtime work
  const { value, attempts } = await firstWorking(
    order,
    async (accelerator) => {
      const model = await loadAndCompile(bytes, { accelerator, cpuOptions: { numThreads: threads } });
      try {
        const input = model.getInputDetails();
        if (input.length !== 1 || input[0].dtype !== 'uint8' || input[0].shape.join() !== `1,${spec.size},${spec.size},3`)
          throw new Error(`unexpected model input ${JSON.stringify(input.map((d) => [d.dtype, Array.from(d.shape)]))}`);
        const out = model.getOutputDetails();
        const indices = {
          logits: outputIndex(out, entry.output!.name, entry.output!.classes),
          embedding: outputIndex(out, entry.embedding!.name, entry.embedding!.size),
        };
        // LiteRT compiles a graph it cannot fully delegate to WebGPU for wasm instead (and logs a warning)
        const ran = model.options.accelerator;
        if (ran !== accelerator) throw new Error(`LiteRT could not run the whole model on ${accelerator} (it fell back to ${ran})`);
        // with its JSPI build LiteRT splits a graph WebGPU cannot take whole between WebGPU and wasm
        const backend = ran === 'webgpu' && !model.isFullyAccelerated ? 'webgpu+wasm' : ran;
        const c = new LiteRtClassifier(model, entry, backend, backend === 'wasm' ? threads : 1, indices);
        await c.features(new Uint8Array(spec.size * spec.size * 3)); // warm-up: XNNPack packs its weights on the first run
        return c;
      } catch (e) {
        model.delete();
        throw e;
      }
    },
    timeoutMs,
  );
  return { classifier: value, attempts };
}
