/**
 * Our photo head (models/photo) in Node: the ONNX graph equals the trainer's own prediction (golden.json, 1e-4), and
 * real photos of the evaluation set get the expected leaf / department / colour through the real engine + head.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { classifyRgba } from '../../src/ml/classify-image.ts';
import { loadNodeEngine, loadNodePhotoHead, REPO_ROOT, type LoadedEngine } from '../../src/ml/node-runtime.ts';
import { suggestWithHead } from '../../src/core/photo-head.ts';
import type { PhotoHead } from '../../src/ml/photo-head.ts';

const DATA = path.resolve(REPO_ROOT, process.env.DATA_DIR ?? '../shared/data', 'photos');
const golden = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'models/photo/golden.json'), 'utf8')) as { inputs: number[][]; outputs: number[][][] };

/** [file, expected leaf (last path element), department or null, colour or null] */
export const PHOTOS: [string, string, string | null, string | null][] = [];

describe('photo head', () => {
  let engine: LoadedEngine;
  let head: PhotoHead;
  beforeAll(async () => {
    engine = await loadNodeEngine('tfjs');
    const h = await loadNodePhotoHead('tfjs');
    if (!h) throw new Error('models/manifest.json lists no photo head (npm run train:photo, npm run models)');
    head = h;
  }, 120_000);
  afterAll(() => {
    engine?.classifier.dispose();
    head?.dispose();
  });

  it('ONNX output = the trainer’s prediction (1e-4) on the golden inputs', async () => {
    const d = head.sidecar.inputs.embedding;
    for (let i = 0; i < golden.inputs.length; i++) {
      const x = golden.inputs[i];
      const out = await head.run(Float32Array.from(x.slice(0, d)), Float32Array.from(x.slice(d)));
      const got = [out.category, out.department, out.colour];
      got.forEach((v, h) => {
        expect(v.length).toBe(golden.outputs[i][h].length);
        v.forEach((p, k) => expect(Math.abs(p - golden.outputs[i][h][k])).toBeLessThan(1e-4));
      });
    }
  });

  it('the ONNX file is our small model (≤ 2 MB) and its sidecar names every output class', () => {
    expect(fs.statSync(path.join(REPO_ROOT, 'models/photo/photo-head.onnx')).size).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(head.labels.department).toEqual(['Women', 'Men', 'Kids', 'Unisex']);
    expect(head.labels.colour).toContain('navy');
  });

  const run = async (file: string) => {
    const { probs, embedding, colour } = await classifyRgba(engine.classifier, engine.entry, await decodeImageFile(path.join(DATA, file)));
    return suggestWithHead(probs, await head.run(embedding!, colour), head.labels);
  };

  it.each(PHOTOS)('%s → %s / %s / %s', async (file, leaf, dept, colour) => {
    const s = await run(file);
    expect(s.category.path[s.category.path.length - 1]).toBe(leaf);
    if (dept) expect(s.department?.name).toBe(dept);
    if (colour) expect(s.colour?.name).toBe(colour);
  });
});
