/**
 * The ONNX engine's photo head (models/photo-onnx) in Node: its graph equals the trainer's own prediction
 * (golden.json, 1e-4), the manifest gives it to the onnx engine only, and a real dress photo of the evaluation set
 * gets Dresses with a department and colour through the real ONNX engine (MobileNetV2-12 int8) + head.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { classifyRgba } from '../../src/ml/classify-image.ts';
import { loadNodeEngine, loadNodePhotoHead, readManifest, REPO_ROOT, type LoadedEngine } from '../../src/ml/node-runtime.ts';
import { photoHeadEntry } from '../../src/core/model-manifest.ts';
import { suggestWithHead } from '../../src/core/photo-head.ts';
import type { PhotoHead } from '../../src/ml/photo-head.ts';

const DATA = path.resolve(REPO_ROOT, process.env.DATA_DIR ?? '../shared/data', 'photos');
const golden = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'models/photo-onnx/golden.json'), 'utf8')) as { inputs: number[][]; outputs: number[][][] };

describe('photo head for the ONNX engine', () => {
  let engine: LoadedEngine;
  let head: PhotoHead;
  beforeAll(async () => {
    engine = await loadNodeEngine('onnx');
    const h = await loadNodePhotoHead('onnx');
    if (!h) throw new Error('models/manifest.json lists no photo head for the onnx engine (npm run train:photo -- --engine onnx, npm run models)');
    head = h;
  }, 120_000);
  afterAll(() => {
    engine?.classifier.dispose();
    head?.dispose();
  });

  it('the manifest gives onnx its own head and tfjs / litert the tfjs one', async () => {
    const m = await readManifest();
    expect(photoHeadEntry(m, 'onnx')).toMatchObject({ id: 'photo-head-onnx', dir: 'photo-onnx', imageEngine: 'onnx' });
    expect(photoHeadEntry(m, 'tfjs')?.dir).toBe('photo');
    expect(photoHeadEntry(m, 'litert')?.dir).toBe('photo');
    expect(head.engine).toBe('onnx');
    expect(head.sidecar.embeddingNode).toBe(engine.entry.embedding?.name);
  });

  it('ONNX output = the trainer’s prediction (1e-4) on the golden inputs', async () => {
    const d = head.sidecar.inputs.embedding;
    expect(golden.inputs.length).toBe(3);
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

  it('the ONNX file is our small model (≤ 2 MB) with the same classes as the tfjs head', () => {
    expect(fs.statSync(path.join(REPO_ROOT, 'models/photo-onnx/photo-head.onnx')).size).toBeLessThanOrEqual(2 * 1024 * 1024);
    const tfjs = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'models/photo/photo-head.json'), 'utf8'));
    expect(head.labels).toEqual(tfjs.heads);
  });

  it('a dress photo through the ONNX engine gets Dresses (Women) from the head', async () => {
    const img = await decodeImageFile(path.join(DATA, 'clothing-dataset/images/ddfd02ed-5717-4dfa-a7d6-277dbaec7f7d.jpg'));
    const { probs, embedding, colour } = await classifyRgba(engine.classifier, engine.entry, img);
    expect(embedding?.length).toBe(1280);
    const s = suggestWithHead(probs, await head.run(embedding!, colour), head.labels);
    expect(s.category.path).toEqual(['Fashion', 'Women', 'Dresses']);
    expect(s.title).toMatch(/Dress$/);
  });
});
