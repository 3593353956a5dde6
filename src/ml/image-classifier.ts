/** The one interface every photo engine implements (tfjs MobileNet V2, ONNX MobileNetV2 int8). */
import type { ImageEngine } from '../core/model-manifest.ts';

/** One forward pass: ImageNet probabilities and, where the engine exposes it, the pooled feature vector. */
export interface ImageFeatures {
  /** 1000 ImageNet class probabilities (background dropped). */
  probs: Float32Array;
  /** The 1280-d global-average-pooled feature before the classifier, or null if the engine does not expose it. */
  embedding: Float32Array | null;
}

export interface ImageClassifier {
  readonly engine: ImageEngine;
  /** The backend / execution provider that actually runs, e.g. 'wasm', 'webgl', 'webgpu', 'cpu'. */
  readonly backend: string;
  /** CPU threads the model really runs on, as its runtime reports it (GPU backends: 1, the thread driving the GPU). */
  readonly threads: number;
  /** size×size×3 packed RGB (already cropped and resized) → 1000 ImageNet class probabilities. */
  classify(rgb: Uint8Array): Promise<Float32Array>;
  /** Same pass as classify(), also returning the pooled embedding (engines without one may omit this). */
  features?(rgb: Uint8Array): Promise<ImageFeatures>;
  dispose(): void;
}

/** Reads a model's files by path relative to its folder; implementations verify sha256. */
export interface ModelFiles {
  read(path: string): Promise<Uint8Array>;
}
