/**
 * Adds an intermediate tensor of an ONNX model as a graph output, in memory (pure byte edit, no ONNX library):
 * onnxruntime-web only fetches graph outputs, and the ONNX engine's MobileNetV2-12 int8 keeps its pooled feature
 * (the classifier's uint8 input) internal. The file itself stays the official, sha256-pinned one; this runs on its
 * bytes before the session is created. Also reads the quantisation of a QLinear* node's input (its scale and zero
 * point initialisers) so the uint8 output can be dequantised: x = scale × (q − zeroPoint).
 *
 * Protobuf fields used (onnx.proto3): ModelProto.graph = 7; GraphProto.node = 1, initializer = 5, output = 12;
 * NodeProto.input = 1, op_type = 4; TensorProto.data_type = 2, float_data = 4, int32_data = 5, name = 8, raw_data = 9;
 * ValueInfoProto.name = 1.
 */

interface Field {
  f: number;
  w: number;
  start: number; // first byte of the field's key
  s: number; // payload start
  e: number; // payload end
  v?: number; // varint value
}

function varint(b: Uint8Array, o: number): [number, number] {
  let v = 0,
    m = 1;
  for (;;) {
    if (o >= b.length) throw new RangeError('truncated protobuf');
    const x = b[o++];
    v += (x & 127) * m;
    m *= 128;
    if (x < 128) return [v, o];
  }
}

function* fields(b: Uint8Array, start = 0, end = b.length): Generator<Field> {
  let o = start;
  while (o < end) {
    const at = o;
    const [key, o1] = varint(b, o);
    const f = Math.floor(key / 8),
      w = key & 7;
    if (w === 0) {
      const [v, o2] = varint(b, o1);
      yield { f, w, start: at, s: o1, e: o2, v };
      o = o2;
    } else if (w === 2) {
      const [len, o2] = varint(b, o1);
      yield { f, w, start: at, s: o2, e: o2 + len };
      o = o2 + len;
    } else if (w === 5 || w === 1) {
      const n = w === 5 ? 4 : 8;
      yield { f, w, start: at, s: o1, e: o1 + n };
      o = o1 + n;
    } else throw new RangeError(`protobuf wire type ${w} not supported`);
  }
  if (o !== end) throw new RangeError('protobuf field overruns its message');
}

const encVarint = (n: number): number[] => {
  const out: number[] = [];
  while (n >= 128) {
    out.push((n % 128) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
};
const lenField = (f: number, payload: Uint8Array): Uint8Array => {
  const head = [...encVarint(f * 8 + 2), ...encVarint(payload.length)];
  const out = new Uint8Array(head.length + payload.length);
  out.set(head, 0);
  out.set(payload, head.length);
  return out;
};
const text = (b: Uint8Array, x: Field) => new TextDecoder().decode(b.subarray(x.s, x.e));

function graphOf(model: Uint8Array): Field {
  for (const x of fields(model)) if (x.f === 7 && x.w === 2) return x;
  throw new RangeError('not an ONNX model (no graph)');
}

/** A copy of the model with `tensor` appended to the graph's outputs (no type given: ORT infers it). */
export function withGraphOutput(model: Uint8Array, tensor: string): Uint8Array {
  const g = graphOf(model);
  const extra = lenField(12, lenField(1, new TextEncoder().encode(tensor)));
  const graph = new Uint8Array(g.e - g.s + extra.length);
  graph.set(model.subarray(g.s, g.e), 0);
  graph.set(extra, g.e - g.s);
  const newGraph = lenField(7, graph);
  const out = new Uint8Array(g.start + newGraph.length + (model.length - g.e));
  out.set(model.subarray(0, g.start), 0);
  out.set(newGraph, g.start);
  out.set(model.subarray(g.e), g.start + newGraph.length);
  return out;
}

/** Names of the graph's outputs. */
export function graphOutputs(model: Uint8Array): string[] {
  const g = graphOf(model);
  const out: string[] = [];
  for (const x of fields(model, g.s, g.e)) if (x.f === 12) for (const y of fields(model, x.s, x.e)) if (y.f === 1) out.push(text(model, y));
  return out;
}

/** Scale and zero point of `tensor` where a QLinear* node reads it (inputs: q, scale, zero point). */
export function quantisationOf(model: Uint8Array, tensor: string): { scale: number; zeroPoint: number } {
  const g = graphOf(model);
  let names: [string, string] | null = null;
  const inits = new Map<string, Field>();
  for (const x of fields(model, g.s, g.e)) {
    if (x.f === 1 && !names) {
      const ins: string[] = [];
      let op = '';
      for (const y of fields(model, x.s, x.e)) {
        if (y.f === 1) ins.push(text(model, y));
        if (y.f === 4) op = text(model, y);
      }
      if (op.startsWith('QLinear') && ins[0] === tensor) names = [ins[1], ins[2]];
    }
    if (x.f === 5) for (const y of fields(model, x.s, x.e)) if (y.f === 8) inits.set(text(model, y), x);
  }
  if (!names) throw new RangeError(`no QLinear node reads ${tensor}`);
  const value = (name: string): number => {
    const t = inits.get(name);
    if (!t) throw new RangeError(`initialiser ${name} not found`);
    let type = 0;
    for (const y of fields(model, t.s, t.e)) if (y.f === 2) type = y.v!;
    for (const y of fields(model, t.s, t.e)) {
      const dv = new DataView(model.buffer, model.byteOffset + y.s, y.e - y.s);
      if (y.f === 9) return type === 1 ? dv.getFloat32(0, true) : type === 2 ? dv.getUint8(0) : type === 3 ? dv.getInt8(0) : NaN;
      if (y.f === 4) return y.w === 5 ? dv.getFloat32(0, true) : new DataView(model.buffer, model.byteOffset + y.s, 4).getFloat32(0, true);
      if (y.f === 5) return y.w === 0 ? y.v! : varint(model, y.s)[0];
    }
    throw new RangeError(`initialiser ${name} has no value`);
  };
  return { scale: value(names[0]), zeroPoint: value(names[1]) };
}
