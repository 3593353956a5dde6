/** The tfjs MobileNet frees its weights on dispose(): no tensors pile up over engine / backend switches. */
import * as tf from '@tensorflow/tfjs-core';
import { IMAGENET_CLASSES } from '@tensorflow-models/mobilenet/dist/imagenet_classes.js';
import { describe, expect, it } from 'vitest';
import { loadNodeEngine } from '../../src/ml/node-runtime.ts';

describe('tfjs MobileNet memory', () => {
  it('5 load/dispose cycles leave the tensor count where the first load left it', async () => {
    await tf.setBackend('wasm'); // what loadNodeEngine picks first in Node
    await tf.ready();
    const before = tf.memory().numTensors;
    const first = await loadNodeEngine('tfjs');
    const loaded = tf.memory().numTensors;
    expect(loaded).toBeGreaterThan(before + 100); // the graph's weights (~106 tensors) are live
    first.classifier.dispose();
    expect(tf.memory().numTensors).toBe(before);
    for (let i = 0; i < 5; i++) {
      const e = await loadNodeEngine('tfjs');
      expect(tf.memory().numTensors).toBe(loaded);
      const f = await e.classifier.features!(new Uint8Array(224 * 224 * 3).fill(128));
      expect(f.probs).toHaveLength(1000);
      expect(f.embedding).toHaveLength(1280);
      expect(tf.memory().numTensors).toBe(loaded); // one pass allocates nothing that outlives it
      e.classifier.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('labels agree with @tensorflow-models/mobilenet IMAGENET_CLASSES (index i = class i)', async () => {
    const e = await loadNodeEngine('tfjs');
    try {
      expect(e.labels[0]).toBe(IMAGENET_CLASSES[0].split(',')[0]);
      expect(e.labels[999].split(',')[0]).toBe(IMAGENET_CLASSES[999].split(',')[0]);
    } finally {
      e.classifier.dispose();
    }
  }, 60_000);
});
