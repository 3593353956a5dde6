/** The in-memory ONNX edit that exposes the ONNX engine's pooled feature (src/core/onnx-graph-output.ts). */
import { describe, expect, it } from 'vitest';
import { graphOutputs, quantisationOf, withGraphOutput } from '../../src/core/onnx-graph-output.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const len = (f: number, p: Uint8Array | number[]) => [f * 8 + 2, p.length, ...p];
/** A tiny hand-encoded ModelProto: ir_version, a graph with one QLinearMatMul node, two initialisers and one output. */
function tinyModel(): Uint8Array {
  const node = len(1, [...len(1, enc('pooled_q')), ...len(1, enc('pooled_scale')), ...len(1, enc('pooled_zp')), ...len(4, enc('QLinearMatMul'))]);
  const f32 = new Uint8Array(new Float32Array([0.25]).buffer);
  const scale = len(5, [2 * 8, 1, ...len(9, [...f32]), ...len(8, enc('pooled_scale'))]);
  const zp = len(5, [2 * 8, 2, ...len(9, [7]), ...len(8, enc('pooled_zp'))]);
  const output = len(12, len(1, enc('logits')));
  const graph = [...node, ...scale, ...zp, ...output];
  return Uint8Array.from([1 * 8, 7, ...len(7, graph)]);
}

describe('withGraphOutput / quantisationOf', () => {
  it('appends the tensor to the graph outputs and keeps everything else', () => {
    const m = tinyModel();
    expect(graphOutputs(m)).toEqual(['logits']);
    const m2 = withGraphOutput(m, 'pooled_q');
    expect(graphOutputs(m2)).toEqual(['logits', 'pooled_q']);
    expect(m2.length).toBe(m.length + 2 + 2 + 'pooled_q'.length);
    expect(Array.from(m2.subarray(0, 2))).toEqual([8, 7]); // ir_version untouched
  });
  it('reads the scale and zero point a QLinear node uses for its input', () => {
    expect(quantisationOf(tinyModel(), 'pooled_q')).toEqual({ scale: 0.25, zeroPoint: 7 });
    expect(() => quantisationOf(tinyModel(), 'nope')).toThrow(/no QLinear node/);
  });
  it('rejects bytes that are not a model', () => expect(() => graphOutputs(Uint8Array.from([8, 1]))).toThrow(/no graph/));
});
