/**
 * What the photo-head tests share: the real image engine and its photo head in Node, loaded once per describe block
 * (beforeAll) and disposed after it, and the golden check of a head's ONNX graph against the trainer's outputs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { loadNodeEngine, loadNodePhotoHead, REPO_ROOT, type LoadedEngine } from '../../src/ml/node-runtime.ts';
import type { PhotoHead } from '../../src/ml/photo-head.ts';

export interface EngineAndHead {
  readonly engine: LoadedEngine;
  readonly head: PhotoHead;
}

/** The engine (tfjs / onnx) and the head the manifest gives it; a missing head fails the block (never a skip). */
export function engineAndHead(name: 'tfjs' | 'onnx', missing: string): EngineAndHead {
  let engine: LoadedEngine | undefined;
  let head: PhotoHead | undefined;
  beforeAll(async () => {
    engine = await loadNodeEngine(name);
    const h = await loadNodePhotoHead(name);
    if (!h) throw new Error(`models/manifest.json lists no photo head for ${name} (${missing})`);
    head = h;
  }, 120_000);
  afterAll(() => {
    engine?.classifier.dispose();
    head?.dispose();
  });
  const got = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('engine / head used before beforeAll ran');
    return v;
  };
  return {
    get engine() {
      return got(engine);
    },
    get head() {
      return got(head);
    },
  };
}

interface Golden {
  inputs: number[][];
  outputs: number[][][];
}

/** models/<dir>/golden.json: three seeded inputs and the trainer's own outputs (models/train/photo-export.ts). */
export function readGolden(dir: string): Golden {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'models', dir, 'golden.json'), 'utf8')) as Golden;
}

/** The head's ONNX outputs equal the trainer's prediction within 1e-4 on every golden input, class for class. */
export async function expectGolden(head: PhotoHead, golden: Golden): Promise<void> {
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
}
