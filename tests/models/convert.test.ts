/**
 * Our TFLite → TF.js converter (models/convert/) on Google's official mobilenet_v2_1.0_224_quant.tflite:
 * the outputs have the sha256 pinned in models/manifest.json, the graph gives the golden ImageNet top-1 on the
 * sample photos (and the same logits as the shipped conversion), the AvgPool embedding stays reachable by name,
 * and `npm run models` installs everything from a folder holding only the official files.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelManifest } from '../../src/core/model-manifest.ts';
import { convertTflite, EMBEDDING_NODE } from '../../models/convert/tflite-to-tfjs.ts';
import { readTflite } from '../../models/convert/tflite-schema.ts';
import { sha256 } from '../../models/convert/derive.ts';

const SHARED = resolve(process.env.MODELS_SOURCE ?? '../shared/models');
const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8')) as ModelManifest;
const entry = manifest.models.find((m) => m.id === 'mobilenet_v2_tfjs')!;
const source = entry.sources![0];
const need = (p: string) => {
  if (!existsSync(p)) throw new Error(`missing ${p}: set MODELS_SOURCE to a folder laid out like ../shared/models`);
  return p;
};
const tflitePath = need(join(SHARED, entry.dir, source.path));
const SAMPLES = resolve(process.env.SHARED_MODELS_DIR ?? '../shared/models', 'samples');

// Top-1 over the 1000 ImageNet classes (centre crop 87.5%, resize to 224, [-1, 1]); PROVENANCE.md's table.
const GOLDEN: Record<string, string> = {
  'cat_720p.jpg': 'Egyptian cat',
  'hot_dog.jpg': 'hotdog',
  'parrot.jpg': 'macaw',
  'bird.png': 'chickadee',
  'dragonfly.png': 'dragonfly',
  'pets.jpg': 'Italian greyhound',
  'owl.jpg': 'ruffed grouse',
  'kite_and_cold.jpg': 'seashore',
};

async function photoTensor(file: string): Promise<tf.Tensor4D> {
  const img = sharp(need(join(SAMPLES, file))).removeAlpha();
  const { width = 0, height = 0 } = await img.metadata();
  const side = Math.round(Math.min(width, height) * 0.875);
  const raw = await img
    .extract({ left: Math.floor((width - side) / 2), top: Math.floor((height - side) / 2), width: side, height: side })
    .resize(224, 224, { kernel: 'linear' })
    .raw()
    .toBuffer();
  return tf.tidy(() =>
    tf.tensor4d(
      Float32Array.from(raw, (v) => v / 127.5 - 1),
      [1, 224, 224, 3],
    ),
  );
}

function fromMemory(modelJson: string, weights: Uint8Array) {
  const json = JSON.parse(modelJson);
  return loadGraphModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy,
      weightSpecs: json.weightsManifest[0].weights,
      weightData: weights.slice().buffer,
    }),
  );
}

describe('TFLite → TF.js converter (models/convert/tflite-to-tfjs.ts)', () => {
  const tfliteBytes = new Uint8Array(readFileSync(tflitePath));
  const converted = convertTflite(tfliteBytes);
  let ours: GraphModel;
  let shipped: GraphModel | null = null;
  const labels = readFileSync(need(join(SHARED, entry.dir, 'labels_1001.txt')), 'utf8')
    .split('\n')
    .map((l) => l.trim());

  beforeAll(async () => {
    await tf.setBackend('cpu');
    ours = await fromMemory(converted.modelJson, converted.weights);
    const shippedDir = join(SHARED, entry.dir);
    if (existsSync(join(shippedDir, 'model.json'))) {
      shipped = await fromMemory(readFileSync(join(shippedDir, 'model.json'), 'utf8'), new Uint8Array(readFileSync(join(shippedDir, 'group1-shard1of1.bin'))));
    }
  });
  afterAll(() => {
    ours?.dispose();
    shipped?.dispose();
  });

  it('reads the official file through the flatbuffer schema (TFL3, 66 ops) and its sha256 is the pinned one', () => {
    expect(sha256(tfliteBytes)).toBe(source.sha256);
    const m = readTflite(tfliteBytes);
    expect(m.version).toBe(3);
    expect(m.subgraphs[0].operators.length).toBe(66);
    expect(m.subgraphs[0].tensors[m.subgraphs[0].inputs[0]].shape).toEqual([1, 224, 224, 3]);
    expect(() => readTflite(new Uint8Array(64))).toThrow(/not a TFLite/);
  });

  it('produces byte-for-byte the files whose sha256 and size the manifest pins, deterministically', () => {
    const json = new TextEncoder().encode(converted.modelJson);
    const spec = (p: string) => entry.files.find((f) => f.path === p)!;
    expect(spec('model.json').derivedFrom?.by).toBe('models/convert/tflite-to-tfjs.ts');
    expect([json.length, sha256(json)]).toEqual([spec('model.json').bytes, spec('model.json').sha256]);
    expect([converted.weights.length, sha256(converted.weights)]).toEqual([spec('group1-shard1of1.bin').bytes, spec('group1-shard1of1.bin').sha256]);
    const again = convertTflite(tfliteBytes);
    expect(sha256(again.weights)).toBe(sha256(converted.weights));
  });

  it("gives the golden top-1 on the sample photos and the shipped conversion's logits", async () => {
    let maxDiff = 0;
    for (const [file, want] of Object.entries(GOLDEN)) {
      const x = await photoTensor(file);
      const logits = (ours.predict(x) as tf.Tensor).dataSync();
      expect(logits.length).toBe(1001);
      const top = logits.indexOf(Math.max(...logits.slice(1)));
      expect(labels[top].split(',')[0], file).toBe(want);
      if (shipped) {
        const ref = (shipped.predict(x) as tf.Tensor).dataSync();
        for (let i = 0; i < ref.length; i++) maxDiff = Math.max(maxDiff, Math.abs(ref[i] - logits[i]));
      }
      x.dispose();
    }
    if (process.env.CI && !shipped) throw new Error('CI: the shipped conversion (../shared/models/.../model.json) is missing');
    expect(maxDiff).toBeLessThanOrEqual(1e-5);
  });

  it('keeps the 1280-d AvgPool embedding reachable by name with model.execute', async () => {
    const x = await photoTensor('parrot.jpg');
    const emb = ours.execute(x, EMBEDDING_NODE) as tf.Tensor;
    expect(EMBEDDING_NODE).toBe('module_apply_default/MobilenetV2/Logits/AvgPool');
    expect(emb.shape).toEqual([1, 1, 1, 1280]);
    expect(Math.max(...emb.dataSync())).toBeGreaterThan(0);
    tf.dispose([x, emb]);
  });

  it('npm run models installs everything from a folder holding only the official files, and refuses a damaged source', () => {
    const src = mkdtempSync(join(tmpdir(), 'models-src-'));
    const dest = mkdtempSync(join(tmpdir(), 'models-dest-'));
    try {
      const official = manifest.models
        .filter((m) => !m.source)
        .flatMap((m) => [...(m.sources ?? []), ...m.files.filter((f) => f.url)].map((f) => join(m.dir, f.path)));
      expect(official).toEqual(
        expect.arrayContaining([
          'mobilenet_v2_1.0_224_tfjs/labels_1001.txt',
          'mobilenet_v2_1.0_224_tfjs/source/mobilenet_v2_1.0_224_quant.tflite',
          'mobilenetv2-12-int8_onnx/mobilenetv2-12-int8.onnx',
          'mobilenetv2-12-int8_onnx/synset.txt',
        ]),
      );
      expect(official.some((p) => p.endsWith('model.json') || p.endsWith('.bin'))).toBe(false); // only upstream files
      for (const rel of official) {
        mkdirSync(join(src, rel, '..'), { recursive: true });
        copyFileSync(need(join(SHARED, rel)), join(src, rel));
      }
      // Models built by other steps (source "npm" / "build") are not this test's business; official + ours are.
      const mine = manifest.models.filter((m) => !m.source || m.source === 'repo');
      const run = () => {
        const r = spawnSync('npx', ['tsx', 'models/install.ts'], { env: { ...process.env, MODELS_SOURCE: src, MODELS_DEST: dest }, encoding: 'utf8' });
        return { out: r.stdout, failed: r.stderr.split('\n').filter((l) => l.includes('✗')) };
      };
      const first = run();
      expect(first.out).toMatch(/models: \d+ installed/);
      expect(first.failed.filter((l) => mine.some((m) => l.includes(`✗ ${m.id}/`)))).toEqual([]);
      for (const m of mine) for (const f of m.files) expect(sha256(readFileSync(join(dest, m.dir, f.path))), `${m.dir}/${f.path}`).toBe(f.sha256);
      rmSync(join(dest, entry.dir, 'model.json'));
      copyFileSync(join(SHARED, 'mobilenetv2-12-int8_onnx/synset.txt'), join(src, entry.dir, source.path)); // wrong bytes
      expect(run().failed.join('\n')).toMatch(/✗ mobilenet_v2_tfjs\/model\.json: size \d+ from .*mobilenet_v2_1\.0_224_quant\.tflite, expected 3610798/);
      expect(existsSync(join(dest, entry.dir, 'model.json'))).toBe(false);
    } finally {
      rmSync(src, { recursive: true, force: true });
      rmSync(dest, { recursive: true, force: true });
    }
  });
});
