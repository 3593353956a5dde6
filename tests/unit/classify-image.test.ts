/**
 * classifyRgba with its colour statistics computed elsewhere (the browser's listing worker): asked for before the
 * model's pass so the two overlap, the same statistics as computed in place, the wait after the pass counted in
 * `preprocess`, and a failure of either reported, never swallowed or left unhandled.
 */
import { describe, expect, it } from 'vitest';
import { classifyRgba } from '../../src/ml/classify-image.ts';
import { colourFeatures } from '../../src/core/colour-features.ts';
import type { ImageClassifier } from '../../src/ml/image-classifier.ts';
import type { ModelEntry } from '../../src/core/model-manifest.ts';

const SIZE = 8;
const entry = { input: { size: SIZE, crop: 1 } } as unknown as ModelEntry;
const img = { width: SIZE, height: SIZE, data: Uint8ClampedArray.from({ length: SIZE * SIZE * 4 }, (_, i) => (i * 53) & 255) };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function classifier(log: string[], fail = false): ImageClassifier {
  return {
    engine: 'litert',
    backend: 'wasm',
    threads: 1,
    classify: async () => new Float32Array(1000),
    features: async () => {
      log.push('model starts');
      await sleep(20);
      if (fail) throw new Error('model failed');
      log.push('model done');
      return { probs: new Float32Array(1000), embedding: new Float32Array(4) };
    },
    dispose: () => {},
  };
}

describe('classifyRgba: colour statistics computed elsewhere', () => {
  it('are asked for before the model runs and equal the ones computed in place', async () => {
    const log: string[] = [];
    const colourOf = async (rgb: Uint8Array, size: number) => {
      log.push('colour asked');
      await sleep(40); // longer than the model's pass: the wait shows in preprocess
      return colourFeatures(rgb, size);
    };
    const away = await classifyRgba(classifier(log), entry, img, undefined, true, colourOf);
    const here = await classifyRgba(classifier([]), entry, img, undefined, true);
    expect(log).toEqual(['colour asked', 'model starts', 'model done']);
    expect(Array.from(away.colour)).toEqual(Array.from(here.colour));
    expect(away.ms.preprocess).toBeGreaterThanOrEqual(15); // ≈ 40 − 20 ms waited after the pass
    expect(here.ms.preprocess).toBeLessThan(away.ms.preprocess);
  });

  it('a failure of the colour statistics fails the photo; a failed model pass is reported without an unhandled rejection', async () => {
    const failing = async () => {
      throw new Error('listing worker stopped');
    };
    await expect(classifyRgba(classifier([]), entry, img, undefined, true, failing)).rejects.toThrow('listing worker stopped');
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      await expect(classifyRgba(classifier([], true), entry, img, undefined, true, failing)).rejects.toThrow('model failed');
      await sleep(20);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});
