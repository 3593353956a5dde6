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
 * repacked, never cropped a second time. `colourOf`: computes the colour statistics elsewhere (the browser's listing
 * worker), started before the model runs so the two overlap; `preprocess` then also counts any wait for them after
 * the model's pass.
 */
export async function classifyRgba(
  classifier: ImageClassifier,
  entry: ModelEntry,
  img: RgbaImage,
  now: () => number = () => performance.now(),
  cropped = false,
  colourOf?: (rgb: Uint8Array, size: number) => Promise<Float32Array>,
): Promise<{ probs: Float32Array; embedding: Float32Array | null; colour: Float32Array; ms: ClassifyTimes }> {
  const spec = entry.input!;
  const t0 = now();
  const rgb = cropResizeRgb(img, spec.size, cropped ? 1 : spec.crop);
  const elsewhere = colourOf?.(rgb, spec.size);
  elsewhere?.catch(() => {}); // awaited below; not unhandled if the model's pass fails first
  const here = elsewhere ? null : colourFeatures(rgb, spec.size);
  const t1 = now();
  const { probs, embedding } = classifier.features ? await classifier.features(rgb) : { probs: await classifier.classify(rgb), embedding: null };
  const t2 = now();
  const colour = here ?? (await elsewhere!);
  const t3 = now();
  return { probs, embedding, colour, ms: { preprocess: t1 - t0 + (t3 - t2), infer: t2 - t1 } };
}
