/**
 * The LiteRT engine's file (models/convert/tflite-outputs.ts): Google's official mobilenet_v2_1.0_224_quant.tflite
 * with the pooled embedding and the logits added as outputs. Its sha256 is the one pinned in models/manifest.json;
 * every byte of the official file is kept but the one redirected offset; on LiteRT.js (Node, wasm) its softmax equals
 * the official file's bit for bit; the manifest's scale/zero point are the file's; the engine gives the sample
 * photos' golden top-1 and a 1280-d embedding equal to the dequantised AvgPool tensor.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { loadAndCompile, Tensor, type CompiledModel } from '@litertjs/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLabels, type ModelManifest } from '../../src/core/model-manifest.ts';
import { cropResizeRgb } from '../../src/core/preprocess.ts';
import { CONVERTERS, sha256 } from '../../models/convert/derive.ts';
import { EMBEDDING_TFLITE, embeddingTensors, embeddingTflite, withOutputs } from '../../models/convert/tflite-outputs.ts';
import { readTflite } from '../../models/convert/tflite-schema.ts';
import { loadNodeLiteRt } from '../../src/ml/litert-node.ts';
import { loadLiteRtClassifier } from '../../src/ml/litert-classifier.ts';
import { argmax } from '../../src/core/preprocess.ts';

const SHARED = resolve(process.env.MODELS_SOURCE ?? '../shared/models');
const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8')) as ModelManifest;
const entry = manifest.models.find((m) => m.id === 'mobilenet_v2_litert')!;
const need = (p: string) => {
  if (!existsSync(p)) throw new Error(`missing ${p}: set MODELS_SOURCE to a folder laid out like ../shared/models`);
  return p;
};
const official = new Uint8Array(readFileSync(need(join(SHARED, entry.dir, entry.sources![0].path))));
const derived = embeddingTflite(official);
const pinned = entry.files.find((f) => f.path === EMBEDDING_TFLITE)!;

async function samplePixels(file: string): Promise<Uint8Array<ArrayBuffer>> {
  const { data, info } = await sharp(need(join(SHARED, 'samples', file)))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const img = { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) };
  return cropResizeRgb(img, 224, 0.875) as Uint8Array<ArrayBuffer>;
}

describe('two-output TFLite (tflite-outputs.ts)', () => {
  it('is deterministic, registered as the converter the manifest names, and has the pinned sha256', () => {
    expect(pinned.derivedFrom).toEqual({ file: entry.sources![0].path, by: 'models/convert/tflite-outputs.ts' });
    expect(sha256(official)).toBe(entry.sources![0].sha256);
    const viaConverter = CONVERTERS['models/convert/tflite-outputs.ts'](official).get(EMBEDDING_TFLITE)!;
    expect(sha256(viaConverter)).toBe(pinned.sha256);
    expect(viaConverter.length).toBe(pinned.bytes);
    expect(sha256(embeddingTflite(official))).toBe(sha256(derived));
  });

  it('keeps every byte of the official file but the outputs offset; same ops, tensors, buffers; outputs [softmax, pooled, logits]', () => {
    let changed = 0;
    for (let i = 0; i < official.length; i++) if (derived[i] !== official[i]) changed++;
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThanOrEqual(4); // one uint32 offset
    const [a, b] = [readTflite(official), readTflite(derived)];
    const ga = a.subgraphs[0];
    const gb = b.subgraphs[0];
    expect(gb.inputs).toEqual(ga.inputs);
    expect(gb.operators.map((o) => [o.opcodeIndex, o.inputs, o.outputs])).toEqual(ga.operators.map((o) => [o.opcodeIndex, o.inputs, o.outputs]));
    expect(gb.tensors.map((t) => t.name)).toEqual(ga.tensors.map((t) => t.name));
    expect(b.buffers.length).toBe(a.buffers.length);
    const { pooled, logits } = embeddingTensors(official);
    expect(gb.outputs).toEqual([...ga.outputs, pooled, logits]);
    expect(gb.tensors[pooled].shape).toEqual([1, 1, 1, 1280]);
    expect(gb.tensors[logits].shape).toEqual([1, 1001]);
  });

  it("the manifest's output names and scale/zero point are the file's own", () => {
    const g = readTflite(derived).subgraphs[0];
    const { pooled, logits } = embeddingTensors(official);
    const q = (t: number) => ({ name: g.tensors[t].name, scale: g.tensors[t].quantization!.scale[0], zeroPoint: g.tensors[t].quantization!.zeroPoint[0] });
    expect(q(logits)).toEqual({ name: entry.output!.name, scale: entry.output!.scale, zeroPoint: entry.output!.zeroPoint });
    expect(q(pooled)).toEqual({ name: entry.embedding!.name, scale: entry.embedding!.scale, zeroPoint: entry.embedding!.zeroPoint });
  });

  it('refuses tensor indices outside the subgraph and files that are not TFLite', () => {
    expect(() => withOutputs(official, [100000])).toThrow(/not in the subgraph/);
    expect(() => withOutputs(new Uint8Array(64), [0])).toThrow(/not a TFLite flatbuffer/);
  });
});

describe('on LiteRT.js in Node (wasm, 1 thread)', () => {
  let a: CompiledModel;
  let b: CompiledModel;
  beforeAll(async () => {
    await loadNodeLiteRt();
    a = await loadAndCompile(official, { accelerator: 'wasm', cpuOptions: { numThreads: 1 } });
    b = await loadAndCompile(derived, { accelerator: 'wasm', cpuOptions: { numThreads: 1 } });
  }, 120_000);

  it("the softmax output equals the official file's bit for bit; the logits' argmax is the softmax's", async () => {
    for (const file of ['cat_720p.jpg', 'hot_dog.jpg', 'parrot.jpg']) {
      const input = new Tensor(await samplePixels(file), [1, 224, 224, 3]);
      const [ra, rb] = [await a.run(input), await b.run(input)];
      expect(ra.length).toBe(1);
      expect(rb.length).toBe(3);
      const sa = ra[0].toTypedArray();
      const sb = rb[0].toTypedArray();
      expect(Array.from(sb)).toEqual(Array.from(sa));
      const logits = rb[2].toTypedArray();
      expect(argmax(logits)).toBe(argmax(sa));
      for (const t of [input, ...ra, ...rb]) t.delete();
    }
  });

  it('the engine: golden top-1 on sample photos, probabilities over 1000 classes, the dequantised 1280-d embedding', async () => {
    const files = { read: async (p: string) => new Uint8Array(readFileSync(need(join('public/models', entry.dir, p)))) };
    const { classifier } = await loadLiteRtClassifier(entry, files, ['wasm'], 1);
    expect(classifier.backend).toBe('wasm');
    expect(classifier.threads).toBe(1);
    const labels = parseLabels(readFileSync(join('public/models', entry.dir, entry.labels!.file), 'utf8'), entry.labels!);
    const golden: Record<string, string> = {
      'cat_720p.jpg': 'Egyptian cat',
      'hot_dog.jpg': 'hotdog',
      'parrot.jpg': 'macaw',
      'bird.png': 'chickadee',
      'dragonfly.png': 'dragonfly',
    };
    for (const [file, want] of Object.entries(golden)) {
      const rgb = await samplePixels(file);
      const f = await classifier.features!(rgb);
      expect(f.probs.length).toBe(1000);
      expect(f.probs.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 4);
      expect(labels[f.probs.indexOf(Math.max(...f.probs))]).toBe(want);
      // the embedding is scale × (q − zero point) of the raw uint8 AvgPool output
      const raw = await b.run(new Tensor(rgb, [1, 224, 224, 3]));
      const q = raw[1].toTypedArray();
      expect(f.embedding!.length).toBe(1280);
      expect(Array.from(f.embedding!)).toEqual(Array.from(q, (v) => Math.fround(entry.embedding!.scale! * (v - entry.embedding!.zeroPoint!))));
      expect(f.embedding!.some((v) => v > 0)).toBe(true);
      for (const t of raw) t.delete();
    }
    classifier.dispose();
  });
});
