/// <reference lib="webworker" />
/** The explicit-photo check, run in the inference worker after a photo's suggestion: decode → crop → NSFW model. */
import { defaultRules, explicitScore } from '../core/moderation.ts';
import { cropResizeRgb } from '../core/preprocess.ts';
import { importAgain } from '../ml/import-again.ts';
import { decodeForModel, MODEL_DECODE_MIN_SIDE, squareCrop } from './decode-blob.ts';
import { checkpoint } from './serve.ts';

export async function explicitCheck(image: Blob, signal: AbortSignal): Promise<{ score: number; probs: number[]; ms: { load: number; infer: number } }> {
  const t0 = performance.now();
  // tfjs and the model come on the first check (chunks of their own: the photo path does not wait for them)
  await importAgain(() => import('../ml/tfjs-browser.ts'));
  const { nsfwInputSize, nsfwModel } = await importAgain(() => import('../ml/nsfw-browser.ts'));
  const model = await nsfwModel();
  checkpoint(signal);
  const t1 = performance.now();
  const { bitmap } = await decodeForModel(image, MODEL_DECODE_MIN_SIDE);
  let rgba;
  try {
    rgba = squareCrop(bitmap, nsfwInputSize(), 1);
  } finally {
    bitmap.close();
  }
  const rgb = cropResizeRgb(rgba, rgba.width, 1); // RGBA → packed RGB (same size: no resampling)
  checkpoint(signal);
  const probs = [...(await model.classify(rgb))];
  return { score: explicitScore(probs, model.classes, defaultRules()), probs, ms: { load: t1 - t0, infer: performance.now() - t1 } };
}
