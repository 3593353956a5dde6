/**
 * npx tsx models/train/photo-spatial-tensors.ts
 * Names, in each image engine's model, the tensor a spatial photo head would read: the 7×7×1280 map that MobileNet V2
 * average-pools into the 1280-d embedding (issue 10 experiment, photo-spatial-cache.ts). Reads only:
 * - tfjs: public/models/<tfjs dir>/model.json, the input node of POOLED_NODE (AvgPool);
 * - ONNX MobileNetV2-12 int8: $MODELS_SOURCE (default ../shared/models) .onnx, the uint8 input of the
 *   QLinearGlobalAveragePool (and its scale / zero-point initialisers, for src/core/onnx-graph-output.ts);
 * - LiteRT: the official .tflite, the input tensor of the last AVERAGE_POOL_2D (an index for tflite-outputs.ts' withOutputs).
 * Prints one JSON object.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema } from '../../src/core/onnx-proto/onnx_pb.ts';
import { imageModel } from '../../src/core/model-manifest.ts';
import { REPO_ROOT, modelsDir, readManifest } from '../../src/ml/node-runtime.ts';
import { POOLED_NODE } from '../../src/ml/tfjs-mobilenet.ts';
import { BuiltinOp, readTflite } from '../convert/tflite-schema.ts';

const SOURCE = path.resolve(REPO_ROOT, process.env.MODELS_SOURCE ?? '../shared/models');

async function main() {
  const manifest = await readManifest();
  const tfjsEntry = imageModel(manifest, 'tfjs');
  const json = JSON.parse(fs.readFileSync(path.join(modelsDir(), tfjsEntry.dir, tfjsEntry.entry), 'utf8')) as {
    modelTopology: { node: { name: string; op: string; input?: string[] }[] };
  };
  const pool = json.modelTopology.node.find((n) => n.name === POOLED_NODE);
  if (!pool?.input?.length) throw new Error(`${POOLED_NODE} not found in the tfjs graph`);

  const onnxEntry = imageModel(manifest, 'onnx');
  const onnx = fromBinary(ModelProtoSchema, new Uint8Array(fs.readFileSync(path.join(SOURCE, onnxEntry.dir, onnxEntry.entry))));
  const gap = onnx.graph!.node.filter((n) => n.opType === 'QLinearGlobalAveragePool' || n.opType === 'GlobalAveragePool').at(-1);
  if (!gap) throw new Error('no GlobalAveragePool in the ONNX graph');
  const init = new Map(onnx.graph!.initializer.map((t) => [t.name, t]));
  const scalar = (name: string) => {
    const t = init.get(name);
    if (!t) return null;
    if (t.rawData.length) {
      const dv = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
      return t.rawData.length === 4 ? dv.getFloat32(0, true) : dv.getUint8(0);
    }
    return t.floatData[0] ?? t.int32Data[0] ?? null;
  };
  const dequant = onnx.graph!.node.find((n) => n.opType === 'DequantizeLinear' && n.input[0] === gap.input[0]);

  const tflitePath = path.join(SOURCE, tfjsEntry.dir, 'source', 'mobilenet_v2_1.0_224_quant.tflite');
  const tfl = readTflite(new Uint8Array(fs.readFileSync(tflitePath)));
  const g = tfl.subgraphs[0];
  const codes = tfl.operatorCodes.map((c) => c.builtinCode);
  const avg = g.operators.filter((o) => codes[o.opcodeIndex] === BuiltinOp.AVERAGE_POOL_2D).at(-1);
  if (!avg) throw new Error('no AVERAGE_POOL_2D in the TFLite graph');
  const t = g.tensors[avg.inputs[0]];
  const q = t.quantization;

  console.log(
    JSON.stringify(
      {
        tfjs: { node: pool.input[0], feeds: POOLED_NODE, layout: 'NHWC [1,7,7,1280] float32' },
        onnx: {
          file: path.relative(REPO_ROOT, path.join(SOURCE, onnxEntry.dir, onnxEntry.entry)),
          tensor: gap.input[0],
          feeds: `${gap.opType} ${gap.name} → ${gap.output[0]}`,
          layout: 'NCHW [1,1280,7,7] uint8',
          scale: scalar(gap.input[1]),
          zeroPoint: scalar(gap.input[2]),
          dequantised: dequant ? dequant.output[0] : null,
        },
        litert: {
          file: path.relative(REPO_ROOT, tflitePath),
          tensorIndex: avg.inputs[0],
          name: t.name,
          shape: t.shape,
          type: t.type,
          scale: q?.scale[0] ?? null,
          zeroPoint: q?.zeroPoint[0] ?? null,
          pooledIndex: avg.outputs[0],
        },
      },
      null,
      2,
    ),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
