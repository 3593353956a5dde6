/**
 * The ONNX engine's photo head (models/photo-onnx) in Node: its graph equals the trainer's own prediction
 * (golden.json, 1e-4), the manifest gives it to the onnx engine only, and a real dress photo of the evaluation set
 * gets Dresses with a department and colour through the real ONNX engine (MobileNetV2-12 int8) + head.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { classifyRgba } from '../../src/ml/classify-image.ts';
import { readManifest, REPO_ROOT } from '../../src/ml/node-runtime.ts';
import { photoHeadEntry } from '../../src/core/model-manifest.ts';
import { suggestWithHead } from '../../src/core/photo-head.ts';
import { engineAndHead, expectGolden, readGolden } from './engine-and-head.ts';

const DATA = path.resolve(REPO_ROOT, process.env.DATA_DIR ?? '../shared/data', 'photos');

describe('photo head for the ONNX engine', () => {
  const loaded = engineAndHead('onnx', 'npm run train:photo -- --engine onnx, npm run models');

  it('the manifest gives onnx its own head and tfjs / litert the tfjs one', async () => {
    const m = await readManifest();
    expect(photoHeadEntry(m, 'onnx')).toMatchObject({ id: 'photo-head-onnx', dir: 'photo-onnx', imageEngine: 'onnx' });
    expect(photoHeadEntry(m, 'tfjs')?.dir).toBe('photo');
    expect(photoHeadEntry(m, 'litert')?.dir).toBe('photo');
    expect(loaded.head.engine).toBe('onnx');
    expect(loaded.head.sidecar.embeddingNode).toBe(loaded.engine.entry.embedding?.name);
  });

  it('ONNX output = the trainer’s prediction (1e-4) on the golden inputs', async () => {
    const golden = readGolden('photo-onnx');
    expect(golden.inputs.length).toBe(3);
    await expectGolden(loaded.head, golden);
  });

  it('the ONNX file is our small model (≤ 2 MB) with the same classes as the tfjs head', () => {
    expect(fs.statSync(path.join(REPO_ROOT, 'models/photo-onnx/photo-head.onnx')).size).toBeLessThanOrEqual(2 * 1024 * 1024);
    const tfjs = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'models/photo/photo-head.json'), 'utf8'));
    expect(loaded.head.labels).toEqual(tfjs.heads);
  });

  it('a dress photo through the ONNX engine gets Dresses (Women) from the head', async () => {
    const img = await decodeImageFile(path.join(DATA, 'clothing-dataset/images/ddfd02ed-5717-4dfa-a7d6-277dbaec7f7d.jpg'));
    const { probs, embedding, colour } = await classifyRgba(loaded.engine.classifier, loaded.engine.entry, img);
    expect(embedding?.length).toBe(1280);
    const s = suggestWithHead(probs, await loaded.head.run(embedding!, colour), loaded.head.labels);
    expect(s.category.path).toEqual(['Fashion', 'Women', 'Dresses']);
    expect(s.title).toMatch(/Dress$/);
  });
});
