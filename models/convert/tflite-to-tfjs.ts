/**
 * TFLite (uint8 quantization-aware MobileNet) → TF.js graph model (model.json + one weight shard), deterministic:
 * the same .tflite always gives byte-identical files. What it does (see PROVENANCE.md of the shared model):
 *  - CONV_2D / DEPTHWISE_CONV_2D → Const weights + Const biases → Conv2D / DepthwiseConv2dNative → BiasAdd → Relu6
 *    (when the op has a fused RELU6); ADD → AddV2; AVERAGE_POOL_2D → AvgPool; RESHAPE → Squeeze [1,2];
 *    the final SOFTMAX is dropped, so the graph outputs logits.
 *  - Kernels stay uint8 with TF.js `quantization` {scale, min: -zero_point·scale}; OHWI → HWIO by transpose,
 *    depthwise [1,H,W,C] → [H,W,C,1] (same bytes). Biases: int32 × the bias tensor's own scale (which TFLite
 *    sets to input_scale × weight_scale), float32.
 *  - Activation quantization is not reproduced: TF.js computes in float32 on dequantized weights.
 * Node names come from the TFLite tensor names (the TF-slim scope of each weight), with the two names the
 * TF Hub graph used kept for compatibility (the AvgPool embedding node that @tensorflow-models/mobilenet reads).
 */
import {
  Activation,
  AddOptions,
  BuiltinOp,
  Conv2DOptions,
  DepthwiseConv2DOptions,
  Padding,
  Pool2DOptions,
  readTflite,
  TensorType,
  type Model,
  type Operator,
  type Tensor,
} from './tflite-schema.ts';

export const EMBEDDING_NODE = 'module_apply_default/MobilenetV2/Logits/AvgPool';
const RENAMES: Record<string, string> = {
  'MobilenetV2/Logits/AvgPool': EMBEDDING_NODE,
  'MobilenetV2/Logits/Squeeze': 'MobilenetV2/Logits/SpatialSqueeze',
};
const INPUT_NODE = 'images';
const WEIGHTS_FILE = 'group1-shard1of1.bin';

type Attr = Record<string, unknown>;
interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr: Attr;
}
interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
  quantization?: { dtype: 'uint8'; scale: number; min: number; original_dtype: 'float32' };
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const FLOAT = { type: 'DT_FLOAT' };
const NHWC = { s: b64('NHWC') };
const ints = (xs: number[]) => ({ list: { i: xs.map(String) } });
const dims = (shape: number[]) => ({ dim: shape.map((d) => ({ size: String(d) })) });
const padding = (p: number) => ({ s: b64(p === Padding.VALID ? 'VALID' : 'SAME') });
const constNode = (name: string, shape: number[]): GraphNode => ({
  name,
  op: 'Const',
  attr: { dtype: FLOAT, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: dims(shape) } } },
});

/** The TF-slim scope of a fused TFLite tensor name: first ';'-part without its last path element. */
function scopeOf(t: Tensor): string {
  const first = t.name.split(';')[0];
  return first.slice(0, first.lastIndexOf('/'));
}
const rename = (name: string) => RENAMES[name] ?? name;

export interface ConvertedModel {
  /** model.json text */
  modelJson: string;
  /** the weight shard (group1-shard1of1.bin) */
  weights: Uint8Array;
}

export function convertTflite(bytes: Uint8Array): ConvertedModel {
  const model = readTflite(bytes);
  return new Converter(model).run();
}

class Converter {
  private readonly g;
  private readonly tensors: Tensor[];
  private readonly nodes: GraphNode[] = [];
  private readonly specs: WeightSpec[] = [];
  private readonly chunks: Uint8Array[] = [];
  /** TFLite tensor index → the TF.js node that produces it. */
  private readonly producer = new Map<number, string>();

  constructor(private readonly model: Model) {
    if (model.version !== 3) throw new Error(`TFLite schema version ${model.version}, expected 3`);
    this.g = model.subgraphs[0];
    this.tensors = this.g.tensors;
  }

  run(): ConvertedModel {
    const [input] = this.g.inputs;
    const inShape = this.tensors[input].shape;
    this.nodes.push({ name: INPUT_NODE, op: 'Placeholder', attr: { dtype: FLOAT, shape: { shape: dims([-1, ...inShape.slice(1)]) } } });
    this.producer.set(input, INPUT_NODE);
    const ops = this.g.operators;
    ops.forEach((op, i) => this.op(op, i === ops.length - 1));
    const json = {
      format: 'graph-model',
      generatedBy: 'TFLite mobilenet_v2_1.0_224_quant (re-expressed as TF.js graph)',
      // Kept as in the first conversion (which this converter reproduces byte for byte); the manifest names this file.
      convertedBy: 'hand-written converter (see PROVENANCE.md)',
      modelTopology: { node: this.nodes, library: {}, versions: {} },
      weightsManifest: [{ paths: [WEIGHTS_FILE], weights: this.specs }],
    };
    const total = this.chunks.reduce((n, c) => n + c.length, 0);
    const weights = new Uint8Array(total);
    let at = 0;
    for (const c of this.chunks) {
      weights.set(c, at);
      at += c.length;
    }
    return { modelJson: JSON.stringify(json), weights };
  }

  private input(op: Operator, k: number): string {
    const name = this.producer.get(op.inputs[k]);
    if (!name) throw new Error(`tensor ${this.tensors[op.inputs[k]].name} is used before it is produced`);
    return name;
  }

  private op(op: Operator, last: boolean): void {
    const code = this.model.operatorCodes[op.opcodeIndex].builtinCode;
    const out = op.outputs[0];
    switch (code) {
      case BuiltinOp.CONV_2D:
        return this.conv(op, false);
      case BuiltinOp.DEPTHWISE_CONV_2D:
        return this.conv(op, true);
      case BuiltinOp.ADD: {
        const act = op.options(AddOptions)?.activation ?? Activation.NONE;
        if (act !== Activation.NONE) throw new Error('ADD with a fused activation is not supported');
        const name = rename(scopeOf(this.tensors[out]) + '/add');
        this.nodes.push({ name, op: 'AddV2', input: [this.input(op, 0), this.input(op, 1)], attr: { T: FLOAT } });
        this.producer.set(out, name);
        return;
      }
      case BuiltinOp.AVERAGE_POOL_2D: {
        const o = op.options(Pool2DOptions);
        if (!o || o.activation !== Activation.NONE) throw new Error('AVERAGE_POOL_2D without options or with an activation');
        const name = rename(this.tensors[out].name.split(';')[0]);
        this.nodes.push({
          name,
          op: 'AvgPool',
          input: [this.input(op, 0)],
          attr: {
            T: FLOAT,
            ksize: ints([1, o.filterH, o.filterW, 1]),
            strides: ints([1, o.strideH, o.strideW, 1]),
            padding: padding(o.padding),
            data_format: NHWC,
          },
        });
        this.producer.set(out, name);
        return;
      }
      case BuiltinOp.RESHAPE: {
        const from = this.tensors[op.inputs[0]].shape;
        const to = this.tensors[out].shape;
        if (from.length !== 4 || from[1] !== 1 || from[2] !== 1 || to.length !== 2) throw new Error(`RESHAPE ${from} → ${to} is not a spatial squeeze`);
        const name = rename(this.tensors[out].name.split(';')[0].replace(/\d+$/, ''));
        this.nodes.push({ name, op: 'Squeeze', input: [this.input(op, 0)], attr: { T: FLOAT, squeeze_dims: ints([1, 2]) } });
        this.producer.set(out, name);
        return;
      }
      case BuiltinOp.SOFTMAX:
        if (!last) throw new Error('SOFTMAX is only supported as the last op (it is dropped: the graph outputs logits)');
        return;
      default:
        throw new Error(`TFLite builtin op ${code} is not supported by this converter`);
    }
  }

  private conv(op: Operator, depthwise: boolean): void {
    const [x, w, b] = op.inputs.map((i) => this.tensors[i]);
    const o = depthwise ? op.options(DepthwiseConv2DOptions) : op.options(Conv2DOptions);
    if (!o) throw new Error(`${w.name}: missing conv options`);
    const scope = scopeOf(w);
    const wq = this.quant(w);
    const xq = this.quant(x);
    if (w.type !== TensorType.UINT8 || b.type !== TensorType.INT32) throw new Error(`${w.name}: expected uint8 weights and int32 bias`);
    // Kernel: OHWI → HWIO (conv), [1,H,W,C] → [H,W,C,1] (depthwise: same byte order).
    const [O, H, W, I] = w.shape;
    const data = this.model.buffers[w.buffer].data;
    let kernel: Uint8Array;
    let shape: number[];
    if (depthwise) {
      if (O !== 1 || (o as DepthwiseConv2DOptions).depthMultiplier !== 1) throw new Error(`${w.name}: depth multiplier ≠ 1`);
      kernel = data.slice();
      shape = [H, W, I, 1];
    } else {
      kernel = new Uint8Array(data.length);
      for (let oc = 0; oc < O; oc++)
        for (let h = 0; h < H; h++)
          for (let ww = 0; ww < W; ww++)
            for (let ic = 0; ic < I; ic++) {
              kernel[((h * W + ww) * I + ic) * O + oc] = data[((oc * H + h) * W + ww) * I + ic];
            }
      shape = [H, W, I, O];
    }
    const bias = this.model.buffers[b.buffer].data;
    const biasView = new DataView(bias.buffer, bias.byteOffset, bias.byteLength);
    const biasF = new Float32Array(b.shape[0]);
    const biasScale = this.quant(b).scale;
    if (Math.abs(biasScale / (xq.scale * wq.scale) - 1) > 1e-5) throw new Error(`${b.name}: bias scale ≠ input scale × weight scale`);
    for (let i = 0; i < biasF.length; i++) biasF[i] = biasView.getInt32(4 * i, true) * biasScale;

    const wName = `${scope}/weights`;
    const bName = `${scope}/biases`;
    this.nodes.push(constNode(wName, shape), constNode(bName, [biasF.length]));
    this.specs.push({
      name: wName,
      shape,
      dtype: 'float32',
      quantization: { dtype: 'uint8', scale: wq.scale, min: -wq.zeroPoint * wq.scale, original_dtype: 'float32' },
    });
    this.specs.push({ name: bName, shape: [biasF.length], dtype: 'float32' });
    this.chunks.push(kernel, new Uint8Array(biasF.buffer));

    const strides = ints([1, o.strideH, o.strideW, 1]);
    const dilations = ints([1, o.dilationH, o.dilationW, 1]);
    const convName = `${scope}/${depthwise ? 'depthwise' : 'Conv2D'}`;
    const input = [this.input(op, 0), wName];
    this.nodes.push(
      depthwise
        ? { name: convName, op: 'DepthwiseConv2dNative', input, attr: { T: FLOAT, strides, padding: padding(o.padding), data_format: NHWC, dilations } }
        : {
            name: convName,
            op: 'Conv2D',
            input,
            attr: { T: FLOAT, strides, padding: padding(o.padding), data_format: NHWC, dilations, use_cudnn_on_gpu: { b: true } },
          },
    );
    this.nodes.push({ name: `${scope}/BiasAdd`, op: 'BiasAdd', input: [convName, bName], attr: { T: FLOAT, data_format: NHWC } });
    let outName = `${scope}/BiasAdd`;
    if (o.activation === Activation.RELU6) {
      this.nodes.push({ name: `${scope}/Relu6`, op: 'Relu6', input: [outName], attr: { T: FLOAT } });
      outName = `${scope}/Relu6`;
    } else if (o.activation !== Activation.NONE) throw new Error(`${w.name}: fused activation ${o.activation} not supported`);
    this.producer.set(op.outputs[0], outName);
  }

  private quant(t: Tensor): { scale: number; zeroPoint: number } {
    const q = t.quantization;
    if (!q || q.scale.length !== 1) throw new Error(`${t.name}: expected per-tensor quantization`);
    return { scale: q.scale[0], zeroPoint: q.zeroPoint[0] ?? 0 };
  }
}
