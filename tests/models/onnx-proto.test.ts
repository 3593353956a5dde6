/**
 * The generated ONNX schema (src/core/onnx-proto) on real files: decoding and re-encoding the official MobileNetV2-12
 * int8 and our committed price / category / photo-head models gives back every byte (nothing dropped, fields in the
 * order protoc and our writer use), so the ONNX engine's graph-output edit changes nothing but the added output.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { ModelProtoSchema } from '../../src/core/onnx-proto/onnx_pb.ts';
import { graphOutputs, withGraphOutput } from '../../src/core/onnx-graph-output.ts';
import { REPO_ROOT } from '../../src/ml/node-runtime.ts';

const file = (p: string): Uint8Array => {
  const f = path.join(REPO_ROOT, p);
  if (!fs.existsSync(f)) throw new Error(`${p} missing (npm run models)`);
  return new Uint8Array(fs.readFileSync(f));
};
const MOBILENET = 'public/models/mobilenetv2-12-int8_onnx/mobilenetv2-12-int8.onnx';
const eq = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

describe('ONNX protobuf schema on real models', () => {
  for (const p of [
    MOBILENET,
    'models/price/price.onnx',
    'models/category/category.onnx',
    'models/photo/photo-head.onnx',
    'models/photo-onnx/photo-head.onnx',
  ]) {
    it(`${p}: decode + encode gives back the same bytes`, () => {
      const bytes = file(p);
      const again = toBinary(ModelProtoSchema, fromBinary(ModelProtoSchema, bytes));
      expect(again.length).toBe(bytes.length);
      expect(eq(again, bytes)).toBe(true);
    });
  }
  it('the pooled output is the one change: 17 bytes more, same outputs plus 472_quantized', () => {
    const bytes = file(MOBILENET);
    const edited = withGraphOutput(bytes, '472_quantized');
    expect(graphOutputs(bytes)).toEqual(['output']);
    expect(graphOutputs(edited)).toEqual(['output', '472_quantized']);
    // 2 (output key + length) + 2 (name key + length) + 13 name bytes; the graph's length varint keeps its size here
    expect(edited.length).toBe(bytes.length + 17);
  });
});
