/** Runs one decoded photo through preprocessing and a classifier, timing each stage. */
import { cropResizeRgb } from '../core/preprocess.ts';
import { colourFeatures } from '../core/colour-features.ts';
import type { ModelEntry } from '../core/model-manifest.ts';
import type { RgbaImage } from '../core/types.ts';
import type { ImageClassifier } from './image-classifier.ts';

export interface ClassifyTimes {
  preprocess: number;
  infer: number;
}

/**
 * One forward pass: probabilities, plus the pooled embedding where the engine gives one (else null), and the pixel
 * colour statistics of the same crop (what the photo head's colour output reads besides the embedding).
 * `cropped`: img already is the model's size×size centre crop (the browser worker draws it so), so it is only
 * repacked, never cropped a second time.
 */
export async function classifyRgba(
  classifier: ImageClassifier,
  entry: ModelEntry,
  img: RgbaImage,
  now: () => number = () => performance.now(),
  cropped = false,
): Promise<{ probs: Float32Array; embedding: Float32Array | null; colour: Float32Array; ms: ClassifyTimes }> {
  const spec = entry.input!;
  const t0 = now();
  const rgb = cropResizeRgb(img, spec.size, cropped ? 1 : spec.crop);
  const colour = colourFeatures(rgb, spec.size);
  const t1 = now();
  const { probs, embedding } = classifier.features ? await classifier.features(rgb) : { probs: await classifier.classify(rgb), embedding: null };
  const t2 = now();
  return { probs, embedding, colour, ms: { preprocess: t1 - t0, infer: t2 - t1 } };
}

/**
 * Runs the pixel code of classifyRgba (repack, colour statistics) on a synthetic crop, twice, while the engine loads:
 * on its first call that code still runs cold (measured in Node: 34 ms for the first 224-px crop, 3–4 ms from the
 * second on), which a seller's first photo would otherwise pay.
 */
export function warmUpPixelCode(entry: ModelEntry): void {
  const size = entry.input!.size;
  const data = new Uint8ClampedArray(size * size * 4);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37) & 255;
  for (let k = 0; k < 2; k++) colourFeatures(cropResizeRgb({ width: size, height: size, data }, size, 1), size);
}
