/**
 * Adds an intermediate tensor of an ONNX model as a graph output, in memory: onnxruntime-web only fetches graph
 * outputs, and the ONNX engine's MobileNetV2-12 int8 keeps its pooled feature (the classifier's uint8 input) internal.
 * The file itself stays the official, sha256-pinned one; this runs on its bytes before the session is created. Also
 * reads the quantisation of a QLinear* node's input (its scale and zero point initialisers) so the uint8 output can be
 * dequantised: x = scale × (q − zeroPoint).
 *
 * The model is read and written with the generated ONNX schema (onnx-proto/, @bufbuild/protobuf), the same one the
 * trainer writes our own models with; fields this code does not know survive the round trip.
 */
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema, TensorProto_DataType, ValueInfoProtoSchema, type GraphProto, type TensorProto } from './onnx-proto/onnx_pb.ts';

function graphOf(model: Uint8Array): GraphProto {
  const graph = fromBinary(ModelProtoSchema, model).graph;
  if (!graph) throw new RangeError('not an ONNX model (no graph)');
  return graph;
}

/** A copy of the model with `tensor` appended to the graph's outputs (no type given: ORT infers it). */
export function withGraphOutput(model: Uint8Array, tensor: string): Uint8Array {
  const m = fromBinary(ModelProtoSchema, model);
  if (!m.graph) throw new RangeError('not an ONNX model (no graph)');
  m.graph.output.push(create(ValueInfoProtoSchema, { name: tensor }));
  return toBinary(ModelProtoSchema, m);
}

/** Names of the graph's outputs. */
export function graphOutputs(model: Uint8Array): string[] {
  return graphOf(model).output.map((o) => o.name);
}

/** The first value of a scalar initialiser (raw_data as float32 / uint8 / int8, else float_data, else int32_data). */
function scalarOf(t: TensorProto): number {
  if (t.rawData.length) {
    const dv = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
    if (t.dataType === TensorProto_DataType.FLOAT) return dv.getFloat32(0, true);
    if (t.dataType === TensorProto_DataType.UINT8) return dv.getUint8(0);
    if (t.dataType === TensorProto_DataType.INT8) return dv.getInt8(0);
    return NaN;
  }
  if (t.floatData.length) return Math.fround(t.floatData[0]);
  if (t.int32Data.length) return t.int32Data[0];
  throw new RangeError(`initialiser ${t.name} has no value`);
}

/** Scale and zero point of `tensor` where a QLinear* node reads it (inputs: q, scale, zero point). */
export function quantisationOf(model: Uint8Array, tensor: string): { scale: number; zeroPoint: number } {
  const g = graphOf(model);
  const reader = g.node.find((n) => n.opType.startsWith('QLinear') && n.input[0] === tensor);
  if (!reader) throw new RangeError(`no QLinear node reads ${tensor}`);
  const value = (name: string): number => {
    const t = g.initializer.find((i) => i.name === name);
    if (!t) throw new RangeError(`initialiser ${name} not found`);
    return scalarOf(t);
  };
  return { scale: value(reader.input[1]), zeroPoint: value(reader.input[2]) };
}
