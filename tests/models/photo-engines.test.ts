/** Real models on real photos in Node: golden top-1 labels (from each model's PROVENANCE.md) for both engines. */
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { classifyRgba } from '../../src/ml/classify-image.ts';
import { loadNodeEngine, type LoadedEngine } from '../../src/ml/node-runtime.ts';

const SAMPLES = resolve(process.env.SHARED_MODELS_DIR ?? '../shared/models', 'samples');
const GOLDEN: [string, string][] = [
  ['cat_720p.jpg', 'Egyptian cat'],
  ['hot_dog.jpg', 'hotdog'],
  ['parrot.jpg', 'macaw'],
  ['bird.png', 'chickadee'],
  ['dragonfly.png', 'dragonfly'],
];

function top(probs: Float32Array): number {
  let best = 0;
  for (let i = 1; i < probs.length; i++) if (probs[i] > probs[best]) best = i;
  return best;
}

for (const engine of ['tfjs', 'onnx'] as const) {
  describe(`${engine} engine`, () => {
    let e: LoadedEngine;
    beforeAll(async () => {
      e = await loadNodeEngine(engine);
    });
    afterAll(() => e?.classifier.dispose());

    it('loads from the installed, checksum-verified files with 1000 labels', () => {
      expect(e.labels).toHaveLength(1000);
      expect(e.labels[0]).toBe('tench');
      expect(e.labels[999]).toBe('toilet tissue');
      expect(e.classifier.backend).toBe(engine === 'tfjs' ? 'wasm' : 'wasm');
    });

    it.each(GOLDEN)('%s → %s', async (file, label) => {
      const path = join(SAMPLES, file);
      expect(existsSync(path), `missing sample ${path}`).toBe(true);
      const { probs } = await classifyRgba(e.classifier, e.entry, await decodeImageFile(path));
      expect(probs).toHaveLength(1000);
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
      const i = top(probs);
      expect(e.labels[i]).toBe(label);
      expect(probs[i]).toBeGreaterThan(0.5);
    });
  });
}
