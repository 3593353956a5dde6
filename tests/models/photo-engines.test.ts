/** Real models on real photos in Node: golden top-1 labels (from each model's PROVENANCE.md) for both engines. */
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { classifyRgba } from '../../src/ml/classify-image.ts';
import { argmax } from '../../src/core/preprocess.ts';
import { cosine } from '../bench/stats.ts';
import { loadNodeEngine, type LoadedEngine } from '../../src/ml/node-runtime.ts';

const SAMPLES = resolve(process.env.SHARED_MODELS_DIR ?? '../shared/models', 'samples');
const GOLDEN: [string, string][] = [
  ['cat_720p.jpg', 'Egyptian cat'],
  ['hot_dog.jpg', 'hotdog'],
  ['parrot.jpg', 'macaw'],
  ['bird.png', 'chickadee'],
  ['dragonfly.png', 'dragonfly'],
];

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
      const i = argmax(probs);
      expect(e.labels[i]).toBe(label);
      expect(probs[i]).toBeGreaterThan(0.5);
    });
  });
}

describe('onnx engine: pooled embedding (graph output added at load)', () => {
  let e: LoadedEngine;
  beforeAll(async () => {
    e = await loadNodeEngine('onnx');
  });
  afterAll(() => e?.classifier.dispose());

  it('returns a dequantised 1280-d feature from the same pass; a photo is nearer its own mirror than another photo', async () => {
    const feats = async (file: string, mirror = false) => {
      const img = await decodeImageFile(join(SAMPLES, file));
      if (mirror) {
        const { width: w, data } = img;
        const d = new Uint8Array(data.length);
        for (let i = 0; i < data.length / 4; i++) d.set(data.subarray(i * 4, i * 4 + 4), (i - (i % w) + (w - 1 - (i % w))) * 4);
        return classifyRgba(e.classifier, e.entry, { ...img, data: d });
      }
      return classifyRgba(e.classifier, e.entry, img);
    };
    const a = await feats('parrot.jpg'),
      am = await feats('parrot.jpg', true),
      b = await feats('hot_dog.jpg');
    expect(a.embedding).toHaveLength(1280);
    expect(e.labels[argmax(a.probs)]).toBe('macaw'); // the extra output leaves the logits alone
    const emb = a.embedding!;
    expect(Math.min(...emb)).toBeGreaterThanOrEqual(0); // ReLU6 before the pool
    expect(Math.max(...emb)).toBeGreaterThan(0.5);
    expect(cosine(emb, am.embedding!)).toBeGreaterThan(cosine(emb, b.embedding!) + 0.1);
  });
});
