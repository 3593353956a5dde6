/**
 * Official MobileNet V2 .tflite → the same file with two more subgraph outputs: the AVERAGE_POOL_2D tensor (the 1280-d
 * pooled embedding our photo head reads) and the logits that feed SOFTMAX. LiteRT.js then returns all three in one
 * run(). Deterministic, and minimal by construction: every byte of the official file is kept where it is (operators,
 * tensors, buffers, quantisation, metadata); a new `[int]` vector is appended at the end (4-aligned) and the one
 * uoffset of SubGraph.outputs is rewritten to point at it. FlatBuffers offsets are unsigned and point forward, so a
 * vector after the table is valid; the old outputs vector stays in the file, unreferenced.
 *
 * Field ids are those of tensorflow/lite/schema/schema.fbs (vtable slot = 4 + 2 × id), read with the `flatbuffers`
 * ByteBuffer like ./tflite-schema.ts. Files with SignatureDefs are refused (their output maps would need the new
 * tensors too); the official MobileNet file has none.
 */
import { ByteBuffer } from 'flatbuffers';
import { BuiltinOp, readTflite } from './tflite-schema.ts';

const MODEL_SUBGRAPHS = 2;
const MODEL_SIGNATURE_DEFS = 7;
const SUBGRAPH_OUTPUTS = 2;

/** The derived file's name (models/manifest.json, entry `mobilenet_v2_litert`). */
export const EMBEDDING_TFLITE = 'mobilenet_v2_1.0_224_quant_embedding.tflite';

const slot = (bb: ByteBuffer, table: number, id: number) => bb.__offset(table, 4 + 2 * id);

/** `bytes` with subgraph 0's outputs replaced by `outputs` (tensor indices), everything else unchanged. */
export function withOutputs(bytes: Uint8Array, outputs: number[]): Uint8Array {
  const bb = new ByteBuffer(bytes);
  if (!bb.__has_identifier('TFL3')) throw new Error('not a TFLite flatbuffer (file identifier is not "TFL3")');
  const root = bb.readUint32(0);
  const sigs = slot(bb, root, MODEL_SIGNATURE_DEFS);
  if (sigs && bb.__vector_len(root + sigs) > 0) throw new Error('models with SignatureDefs are not supported');
  const subgraphs = slot(bb, root, MODEL_SUBGRAPHS);
  if (!subgraphs || bb.__vector_len(root + subgraphs) !== 1) throw new Error('expected exactly one subgraph');
  const subgraph = bb.__indirect(bb.__vector(root + subgraphs));
  const field = slot(bb, subgraph, SUBGRAPH_OUTPUTS);
  if (!field) throw new Error('subgraph has no outputs field to redirect');
  const tensors = bb.__vector_len(subgraph + slot(bb, subgraph, 0));
  for (const t of outputs) if (!Number.isInteger(t) || t < 0 || t >= tensors) throw new Error(`tensor ${t} is not in the subgraph`);

  const at = Math.ceil(bytes.length / 4) * 4;
  const out = new Uint8Array(at + 4 + 4 * outputs.length);
  out.set(bytes);
  const view = new DataView(out.buffer);
  view.setUint32(at, outputs.length, true);
  outputs.forEach((t, i) => view.setInt32(at + 4 + 4 * i, t, true));
  view.setUint32(subgraph + field, at - (subgraph + field), true);
  return out;
}

/** Tensor indices in the official MobileNet file: the pooled embedding (AVERAGE_POOL_2D out) and the logits (SOFTMAX in). */
export function embeddingTensors(bytes: Uint8Array): { pooled: number; logits: number; outputs: number[] } {
  const model = readTflite(bytes);
  const g = model.subgraphs[0];
  const codes = model.operatorCodes.map((c) => c.builtinCode);
  const last = (op: number) => g.operators.filter((o) => codes[o.opcodeIndex] === op).at(-1);
  const pool = last(BuiltinOp.AVERAGE_POOL_2D);
  const softmax = last(BuiltinOp.SOFTMAX);
  if (!pool || !softmax) throw new Error('expected an AVERAGE_POOL_2D and a SOFTMAX operator (MobileNet)');
  return { pooled: pool.outputs[0], logits: softmax.inputs[0], outputs: g.outputs };
}

/** The LiteRT engine's file: outputs [softmax (the official output), pooled embedding, logits]. */
export function embeddingTflite(bytes: Uint8Array): Uint8Array {
  const { pooled, logits, outputs } = embeddingTensors(bytes);
  return withOutputs(bytes, [...outputs, pooled, logits]);
}
