/**
 * Our ONNX models (price, category, photo head) as ONNX protobuf: the graph is built from the generated ONNX schema
 * (src/core/onnx-proto, @bufbuild/protobuf; the same one the ONNX engine edits the MobileNet with) and serialised by
 * it, fields in number order as protoc writes them. Weights travel as raw_data views (no JS arrays), float16 / int8 / int4
 * initializers, node int attributes and a symbolic batch dimension.
 */
import { create, toBinary } from '@bufbuild/protobuf';
import {
  AttributeProto_AttributeType,
  AttributeProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  TensorProtoSchema,
  ValueInfoProtoSchema,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from '../../src/core/onnx-proto/onnx_pb.ts';
import type { Mlp } from './sparse-mlp.ts';

export const FLOAT = 1;
export const INT8 = 3;
export const FLOAT16 = 10;
export const INT4 = 22;

/**
 * How the big (first-layer / wide) matrices are stored: float32, float16 + Cast, or int8 / int4 + per-row float scale +
 * DequantizeLinear (int4 needs opset 21 and IR version 10; its values are packed two to a byte, the first in the low nibble).
 */
export type WeightFormat = 'f32' | 'f16' | 'int8' | 'int4';

/** The largest magnitude a symmetric per-row code takes: int8 ±127, int4 ±7 (−8 unused, so the range stays symmetric). */
const QMAX = { int8: 127, int4: 7 } as const;

/**
 * Symmetric int8 / int4 per row of a [rows, cols] row-major matrix: q = round(w / s), s = max|w_row| / 127 (int4: / 7;
 * 1 for an all-zero row).
 * A row is one hashed feature's weights, so rare and frequent features each keep their own range.
 */
export function quantizeRows(a: Float32Array, rows: number, cols: number, bits: 'int8' | 'int4' = 'int8'): { q: Int8Array; scale: Float32Array } {
  const qmax = QMAX[bits];
  const q = new Int8Array(a.length);
  const scale = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let mx = 0;
    for (let c = 0; c < cols; c++) mx = Math.max(mx, Math.abs(a[r * cols + c]));
    const s = (scale[r] = mx > 0 ? Math.fround(mx / qmax) : 1);
    for (let c = 0; c < cols; c++) q[r * cols + c] = Math.max(-qmax, Math.min(qmax, Math.round(a[r * cols + c] / s)));
  }
  return { q, scale };
}

/** int4 codes (each in [−8, 7]) packed as ONNX stores INT4: two per byte, element 2i in the low nibble. */
export function packInt4(q: Int8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(q.length / 2));
  for (let i = 0; i < q.length; i++) {
    if (q[i] < -8 || q[i] > 7) throw new Error(`packInt4: code ${q[i]} at ${i} is outside [−8, 7]`);
    out[i >> 1] |= (q[i] & 0x0f) << (i & 1 ? 4 : 0);
  }
  return out;
}

/** The float32 values DequantizeLinear gives back (what the exported graph computes with). */
export function dequantizeRows({ q, scale }: { q: Int8Array; scale: Float32Array }, cols: number): Float32Array {
  const out = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) out[i] = Math.fround(q[i] * scale[Math.floor(i / cols)]);
  return out;
}

/** The values a matrix really holds once stored in `format` (for golden rows and metrics of the exported model). */
export function storedValues(a: Float32Array, rows: number, cols: number, format: WeightFormat): Float32Array {
  if (format === 'f16') return roundToHalf(a);
  if (format === 'int8' || format === 'int4') return dequantizeRows(quantizeRows(a, rows, cols, format), cols);
  return a;
}

/** IEEE float32 → float16 bits (round to nearest even; enough for weights). */
export function toHalfBits(x: number): number {
  const f = new Float32Array([x]);
  const u = new Uint32Array(f.buffer)[0];
  const sign = (u >>> 16) & 0x8000;
  const exp = ((u >>> 23) & 0xff) - 127 + 15;
  let mant = u & 0x7fffff;
  if (exp >= 31) return sign | 0x7c00;
  if (exp <= 0) {
    if (exp < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - exp;
    let h = mant >> shift;
    if ((mant >> (shift - 1)) & 1 && (mant & ((1 << (shift - 1)) - 1) || h & 1)) h++;
    return sign | h;
  }
  let h = sign | (exp << 10) | (mant >> 13);
  if (mant & 0x1000 && (mant & 0xfff || h & 1)) h++;
  return h;
}

export function fromHalfBits(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

/** The values a float16 initializer really holds (for golden comparisons with the trainer). */
export function roundToHalf(a: Float32Array): Float32Array {
  return Float32Array.from(a, (x) => fromHalfBits(toHalfBits(x)));
}

export function tensor(
  name: string,
  dims: number[],
  data: Float32Array | Int8Array,
  type: typeof FLOAT | typeof FLOAT16 | typeof INT8 | typeof INT4 = FLOAT,
): TensorProto {
  let rawData: Uint8Array;
  const integer = type === INT8 || type === INT4;
  if (integer !== data instanceof Int8Array) throw new Error(`tensor ${name}: INT8 / INT4 need an Int8Array (and only they take one)`);
  if (type === INT4) rawData = packInt4(data as Int8Array);
  else if (type === FLOAT16) {
    const h = new Uint16Array(data.length);
    for (let i = 0; i < data.length; i++) h[i] = toHalfBits(data[i]);
    rawData = new Uint8Array(h.buffer);
  } else rawData = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return create(TensorProtoSchema, { dims: dims.map(BigInt), dataType: type, name, rawData });
}

/** dims: a number is a fixed size, a string a symbolic one (e.g. 'N' for the batch). */
export function valueInfo(name: string, dims: (number | string)[], elemType = FLOAT): ValueInfoProto {
  const dim = dims.map((d) => ({ value: typeof d === 'number' ? { case: 'dimValue' as const, value: BigInt(d) } : { case: 'dimParam' as const, value: d } }));
  return create(ValueInfoProtoSchema, { name, type: { value: { case: 'tensorType', value: { elemType, shape: { dim } } } } });
}

export function node(op: string, inputs: string[], outputs: string[], name: string, intAttrs: Record<string, number> = {}): NodeProto {
  const attribute = Object.entries(intAttrs).map(([k, v]) => create(AttributeProtoSchema, { name: k, i: BigInt(v), type: AttributeProto_AttributeType.INT }));
  return create(NodeProtoSchema, { input: inputs, output: outputs, name, opType: op, attribute });
}

export interface GraphSpec {
  name: string;
  nodes: NodeProto[];
  initializers: TensorProto[];
  inputs: ValueInfoProto[];
  outputs: ValueInfoProto[];
}

/** The IR version each opset we write needs: 8 for opset 13 (every model of ours before int4), 10 for opset 21 (INT4). */
const IR_VERSION: Record<number, bigint> = { 13: 8n, 21: 10n };

export function model(g: GraphSpec, producer = 'listing-assistant', opset = 13): Uint8Array {
  const graph = { node: g.nodes, name: g.name, initializer: g.initializers, input: g.inputs, output: g.outputs };
  const irVersion = IR_VERSION[opset];
  if (irVersion === undefined) throw new Error(`onnx-writer: no IR version known for opset ${opset} (add it to IR_VERSION)`);
  return toBinary(
    ModelProtoSchema,
    create(ModelProtoSchema, { irVersion, producerName: producer, graph, opsetImport: [{ domain: '', version: BigInt(opset) }] }),
  );
}

/**
 * A [rows, cols] weight matrix named `name` in the graph: float32 as is, float16 + Cast to float, or int8 / int4 with
 * per-row float scales + DequantizeLinear (axis 0; opset 13 for int8, 21 for int4). ORT folds the Cast of a constant into
 * a float32 initializer when the session is created; DequantizeLinear only with its QDQ handling off (OrtSession's
 * `dequantizedWeights`, src/ml/ort-runtime.ts), else it re-dequantises on every run. Either way the values are the
 * float graph's.
 */
function weightMatrix(name: string, a: Float32Array, rows: number, cols: number, format: WeightFormat, nodes: NodeProto[], inits: TensorProto[]): void {
  if (format === 'f16') {
    inits.push(tensor(`${name}_f16`, [rows, cols], a, FLOAT16));
    nodes.push(node('Cast', [`${name}_f16`], [name], `cast_${name.toLowerCase()}`, { to: FLOAT }));
  } else if (format === 'int8' || format === 'int4') {
    const { q, scale } = quantizeRows(a, rows, cols, format);
    inits.push(tensor(`${name}_q`, [rows, cols], q, format === 'int8' ? INT8 : INT4), tensor(`${name}_scale`, [rows], scale));
    nodes.push(node('DequantizeLinear', [`${name}_q`, `${name}_scale`], [name], `dequant_${name.toLowerCase()}`, { axis: 0 }));
  } else inits.push(tensor(name, [rows, cols], a));
}

/**
 * The sparse MLP as an ONNX graph: x[N, dim] → MatMul W1 → Add b1 → Relu → MatMul W2 → Add b2 → y[N, K]
 * (+ x·WL when the model has a wide term; → Softmax → probs for a classifier). W1 (and WL) are stored in `weights`
 * (default f32); the small W2 and biases stay float32.
 */
export function mlpToOnnx(m: Mlp, opts: { name: string; softmax?: boolean; weights?: WeightFormat }): Uint8Array {
  const nodes: NodeProto[] = [];
  const inits: TensorProto[] = [];
  const format = opts.weights ?? 'f32';
  weightMatrix('W1', m.w1, m.dim, m.hidden, format, nodes, inits);
  inits.push(tensor('B1', [m.hidden], m.b1), tensor('W2', [m.hidden, m.outputs], m.w2), tensor('B2', [m.outputs], m.b2));
  nodes.push(
    node('MatMul', ['x', 'W1'], ['h0'], 'matmul1'),
    node('Add', ['h0', 'B1'], ['h1'], 'add1'),
    node('Relu', ['h1'], ['h'], 'relu'),
    node('MatMul', ['h', 'W2'], ['z0'], 'matmul2'),
    node('Add', ['z0', 'B2'], [m.wl ? 'z1' : 'y'], 'add2'),
  );
  if (m.wl) {
    weightMatrix('WL', m.wl, m.dim, m.outputs, format, nodes, inits);
    nodes.push(node('MatMul', ['x', 'WL'], ['zl'], 'matmul_wide'), node('Add', ['z1', 'zl'], ['y'], 'add_wide'));
  }
  const outputs = [valueInfo('y', ['N', m.outputs])];
  if (opts.softmax) {
    nodes.push(node('Softmax', ['y'], ['probs'], 'softmax', { axis: -1 }));
    outputs.push(valueInfo('probs', ['N', m.outputs]));
  }
  const graph = { name: opts.name, nodes, initializers: inits, inputs: [valueInfo('x', ['N', m.dim])], outputs };
  return model(graph, undefined, format === 'int4' ? 21 : 13);
}
