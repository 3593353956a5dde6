/**
 * A small ONNX protobuf encoder (no dependency), extended from docs/toolchain.md's tinyOnnx: works on
 * Uint8Array parts so multi-megabyte initializers don't go through JS arrays, supports float16
 * initializers, node attributes and a symbolic batch dimension.
 * Field numbers: ModelProto ir_version=1 producer_name=2 graph=7 opset_import=8{domain=1, version=2};
 * GraphProto node=1 name=2 initializer=5 input=11 output=12; NodeProto input=1 output=2 name=3 op_type=4
 * attribute=5; AttributeProto name=1 i=3 type=20 (INT=2); TensorProto dims=1 data_type=2 name=8 raw_data=9;
 * ValueInfoProto name=1 type=2; TypeProto tensor_type=1 {elem_type=1, shape=2 {dim=1 {dim_value=1 | dim_param=2}}}.
 */
import type { Mlp } from './sparse-mlp.ts';

type Part = Uint8Array;

function varint(n: number): Part {
  const out: number[] = [];
  let v = BigInt(n);
  if (v < 0n) v += 1n << 64n;
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Uint8Array.from(out);
}

function concat(parts: Part[]): Part {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const key = (field: number, wire: number) => varint((field << 3) | wire);
const fInt = (f: number, v: number) => concat([key(f, 0), varint(v)]);
const fBytes = (f: number, b: Part) => concat([key(f, 2), varint(b.length), b]);
const fStr = (f: number, s: string) => fBytes(f, new TextEncoder().encode(s));

export const FLOAT = 1;
export const FLOAT16 = 10;

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

export function tensor(name: string, dims: number[], data: Float32Array, type: typeof FLOAT | typeof FLOAT16 = FLOAT): Part {
  let raw: Uint8Array;
  if (type === FLOAT16) {
    const h = new Uint16Array(data.length);
    for (let i = 0; i < data.length; i++) h[i] = toHalfBits(data[i]);
    raw = new Uint8Array(h.buffer);
  } else raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return concat([...dims.map((d) => fInt(1, d)), fInt(2, type), fStr(8, name), fBytes(9, raw)]);
}

/** dims: a number is a fixed size, a string a symbolic one (e.g. 'N' for the batch). */
export function valueInfo(name: string, dims: (number | string)[], elemType = FLOAT): Part {
  const shape = concat(dims.map((d) => fBytes(1, typeof d === 'number' ? fInt(1, d) : fStr(2, d))));
  return concat([fStr(1, name), fBytes(2, fBytes(1, concat([fInt(1, elemType), fBytes(2, shape)])))]);
}

export function node(op: string, inputs: string[], outputs: string[], name: string, intAttrs: Record<string, number> = {}): Part {
  const attrs = Object.entries(intAttrs).map(([k, v]) => fBytes(5, concat([fStr(1, k), fInt(3, v), fInt(20, 2)])));
  return concat([...inputs.map((x) => fStr(1, x)), ...outputs.map((x) => fStr(2, x)), fStr(3, name), fStr(4, op), ...attrs]);
}

export interface GraphSpec {
  name: string;
  nodes: Part[];
  initializers: Part[];
  inputs: Part[];
  outputs: Part[];
}

export function model(g: GraphSpec, producer = 'listing-assistant', opset = 13): Uint8Array {
  const graph = concat([
    ...g.nodes.map((n) => fBytes(1, n)),
    fStr(2, g.name),
    ...g.initializers.map((t) => fBytes(5, t)),
    ...g.inputs.map((v) => fBytes(11, v)),
    ...g.outputs.map((v) => fBytes(12, v)),
  ]);
  return concat([fInt(1, 8), fStr(2, producer), fBytes(7, graph), fBytes(8, concat([fStr(1, ''), fInt(2, opset)]))]);
}

/**
 * The sparse MLP as an ONNX graph: x[N, dim] → MatMul W1 → Add b1 → Relu → MatMul W2 → Add b2 → y[N, K]
 * (+ x·WL when the model has a wide term; → Softmax → probs for a classifier). With half=true, W1 is stored as float16 and Cast to float.
 */
export function mlpToOnnx(m: Mlp, opts: { name: string; softmax?: boolean; half?: boolean }): Uint8Array {
  const nodes: Part[] = [];
  const inits: Part[] = [];
  const w1 = 'W1';
  if (opts.half) {
    inits.push(tensor('W1_f16', [m.dim, m.hidden], m.w1, FLOAT16));
    nodes.push(node('Cast', ['W1_f16'], ['W1'], 'cast_w1', { to: FLOAT }));
  } else inits.push(tensor('W1', [m.dim, m.hidden], m.w1));
  inits.push(tensor('B1', [m.hidden], m.b1), tensor('W2', [m.hidden, m.outputs], m.w2), tensor('B2', [m.outputs], m.b2));
  nodes.push(
    node('MatMul', ['x', w1], ['h0'], 'matmul1'),
    node('Add', ['h0', 'B1'], ['h1'], 'add1'),
    node('Relu', ['h1'], ['h'], 'relu'),
    node('MatMul', ['h', 'W2'], ['z0'], 'matmul2'),
    node('Add', ['z0', 'B2'], [m.wl ? 'z1' : 'y'], 'add2'),
  );
  if (m.wl) {
    if (opts.half) {
      inits.push(tensor('WL_f16', [m.dim, m.outputs], m.wl, FLOAT16));
      nodes.push(node('Cast', ['WL_f16'], ['WL'], 'cast_wl', { to: FLOAT }));
    } else inits.push(tensor('WL', [m.dim, m.outputs], m.wl));
    nodes.push(node('MatMul', ['x', 'WL'], ['zl'], 'matmul_wide'), node('Add', ['z1', 'zl'], ['y'], 'add_wide'));
  }
  const outputs = [valueInfo('y', ['N', m.outputs])];
  if (opts.softmax) {
    nodes.push(node('Softmax', ['y'], ['probs'], 'softmax', { axis: -1 }));
    outputs.push(valueInfo('probs', ['N', m.outputs]));
  }
  return model({ name: opts.name, nodes, initializers: inits, inputs: [valueInfo('x', ['N', m.dim])], outputs });
}
