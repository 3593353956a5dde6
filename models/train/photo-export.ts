/** Writes the photo head as models/photo/photo-head.onnx + photo-head.json (+ golden.json for the Node golden test). */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { model, node, tensor, valueInfo } from './onnx-writer.ts';
import { predict, type PhotoHeadModel } from './photo-head-model.ts';
import { HEAD_CLASSES, DEPARTMENTS } from '../../src/core/photo-head-classes.ts';
import { COLOURS } from '../../src/core/colour-names.ts';
import { COLOUR_ID } from '../../src/core/colour-features.ts';
import { rng } from './sparse-mlp.ts';

export const EMBEDDING_DIM = 1280;
export const POOLED_NODE = 'module_apply_default/MobilenetV2/Logits/AvgPool';

/** [embedding[N,1280], colour_features[N,67]] → Concat → (x − mean)·invStd → [MatMul W1 + B1 → Relu] → per head: MatMul (W/T) + B/T → Softmax. */
export function photoHeadToOnnx(m: PhotoHeadModel): Uint8Array {
  const nodes = [
    node('Concat', ['embedding', 'colour_features'], ['x'], 'concat', { axis: 1 }),
    node('Sub', ['x', 'MEAN'], ['c'], 'centre'),
    node('Mul', ['c', 'INV_STD'], ['z'], 'scale'),
  ];
  const inits = [tensor('MEAN', [m.dim], m.mean), tensor('INV_STD', [m.dim], m.invStd)];
  let a = 'z';
  if (m.hidden) {
    inits.push(tensor('W1', [m.dim, m.hidden], m.w1), tensor('B1', [m.hidden], m.b1));
    nodes.push(node('MatMul', ['z', 'W1'], ['h0'], 'matmul1'), node('Add', ['h0', 'B1'], ['h1'], 'add1'), node('Relu', ['h1'], ['h'], 'relu'));
    a = 'h';
  }
  const outputs = [];
  for (const h of m.heads) {
    const t = h.temperature;
    inits.push(
      tensor(
        `W_${h.name}`,
        [m.hidden || m.dim, h.k],
        h.w.map((v) => v / t),
      ),
      tensor(
        `B_${h.name}`,
        [h.k],
        h.b.map((v) => v / t),
      ),
    );
    nodes.push(
      node('MatMul', [a, `W_${h.name}`], [`${h.name}_z0`], `matmul_${h.name}`),
      node('Add', [`${h.name}_z0`, `B_${h.name}`], [`${h.name}_z`], `add_${h.name}`),
      node('Softmax', [`${h.name}_z`], [h.name], `softmax_${h.name}`, { axis: -1 }),
    );
    outputs.push(valueInfo(h.name, ['N', h.k]));
  }
  const inputs = [valueInfo('embedding', ['N', EMBEDDING_DIM]), valueInfo('colour_features', ['N', m.dim - EMBEDDING_DIM])];
  return model({ name: 'photo-head', nodes, initializers: inits, inputs, outputs });
}

/** `engine`/`embeddingNode`: the image engine whose pooled feature the head reads (default the tfjs engine's). */
export function exportPhotoHead(m: PhotoHeadModel, dir: string, metrics: object, engine: 'tfjs' | 'onnx' = 'tfjs', embeddingNode = POOLED_NODE): void {
  fs.mkdirSync(dir, { recursive: true });
  const onnx = photoHeadToOnnx(m);
  fs.writeFileSync(path.join(dir, 'photo-head.onnx'), onnx);
  const sidecar = {
    kind: 'photo-head',
    version: 1,
    engine,
    embeddingNode,
    inputs: { embedding: EMBEDDING_DIM, colour_features: m.dim - EMBEDDING_DIM },
    colourFeatures: `${COLOUR_ID} (src/core/colour-features.ts)`,
    hidden: m.hidden,
    sha256: createHash('sha256').update(onnx).digest('hex'),
    bytes: onnx.length,
    heads: {
      category: HEAD_CLASSES.map((c) => c.id),
      department: [...DEPARTMENTS],
      colour: [...COLOURS],
    },
    metrics,
  };
  fs.writeFileSync(path.join(dir, 'photo-head.json'), JSON.stringify(sidecar, null, 1) + '\n');
  // golden: three seeded inputs around the training mean, and the trainer's own outputs
  const r = rng(7);
  const inputs = [0, 1, 2].map(() =>
    Array.from(m.mean, (mu, i) => Math.round((mu + ((r() * 2 - 1) * 2) / m.invStd[i]) * 1e4) / 1e4).map((v) => Math.max(0, v)),
  );
  const outputs = inputs.map((x) => predict(m, Float32Array.from(x)).map((p) => Array.from(p)));
  fs.writeFileSync(path.join(dir, 'golden.json'), JSON.stringify({ inputs, outputs }) + '\n');
}
