/** The one interface every photo engine implements (tfjs MobileNet V2, ONNX MobileNetV2 int8). */
import type { ImageEngine } from '../core/model-manifest.ts';

export interface ImageClassifier {
  readonly engine: ImageEngine;
  /** The backend / execution provider that actually runs, e.g. 'wasm', 'webgl', 'webgpu', 'cpu'. */
  readonly backend: string;
  /** size×size×3 packed RGB (already cropped and resized) → 1000 ImageNet class probabilities. */
  classify(rgb: Uint8Array): Promise<Float32Array>;
  dispose(): void;
}

/** Reads a model's files by path relative to its folder; implementations verify sha256. */
export interface ModelFiles {
  read(path: string): Promise<Uint8Array>;
}
