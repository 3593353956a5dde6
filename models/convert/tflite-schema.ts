/**
 * A reader for TensorFlow Lite model files (schema.fbs, schema version 3): hand-written accessors over the
 * `flatbuffers` package's ByteBuffer, in the shape flatc generates (vtable slot = 4 + 2 × field id). Only the
 * tables and fields the converter needs; field ids are those of tensorflow/lite/schema/schema.fbs.
 */
import { ByteBuffer } from 'flatbuffers';

/** BuiltinOperator values used by MobileNet-style graphs. */
export const BuiltinOp = { ADD: 0, AVERAGE_POOL_2D: 1, CONV_2D: 3, DEPTHWISE_CONV_2D: 4, RESHAPE: 22, SOFTMAX: 25 } as const;
/** TensorType values. */
export const TensorType = { FLOAT32: 0, INT32: 2, UINT8: 3, INT8: 9 } as const;
export const Padding = { SAME: 0, VALID: 1 } as const;
export const Activation = { NONE: 0, RELU: 1, RELU6: 3 } as const;

/** Base for a table at `pos`: typed field reads with schema defaults. */
class Table {
  constructor(
    protected readonly bb: ByteBuffer,
    protected readonly pos: number,
  ) {}
  protected slot(id: number): number {
    return this.bb.__offset(this.pos, 4 + 2 * id);
  }
  protected int32(id: number, def = 0): number {
    const o = this.slot(id);
    return o ? this.bb.readInt32(this.pos + o) : def;
  }
  protected uint32(id: number, def = 0): number {
    const o = this.slot(id);
    return o ? this.bb.readUint32(this.pos + o) : def;
  }
  protected int8(id: number, def = 0): number {
    const o = this.slot(id);
    return o ? this.bb.readInt8(this.pos + o) : def;
  }
  protected uint8(id: number, def = 0): number {
    const o = this.slot(id);
    return o ? this.bb.readUint8(this.pos + o) : def;
  }
  protected string(id: number): string | null {
    const o = this.slot(id);
    return o ? (this.bb.__string(this.pos + o) as string) : null;
  }
  protected table<T>(id: number, make: new (bb: ByteBuffer, pos: number) => T): T | null {
    const o = this.slot(id);
    return o ? new make(this.bb, this.bb.__indirect(this.pos + o)) : null;
  }
  protected tables<T>(id: number, make: new (bb: ByteBuffer, pos: number) => T): T[] {
    const o = this.slot(id);
    if (!o) return [];
    const start = this.bb.__vector(this.pos + o);
    return Array.from({ length: this.bb.__vector_len(this.pos + o) }, (_, i) => new make(this.bb, this.bb.__indirect(start + 4 * i)));
  }
  /** A vector of scalars: `width` bytes each, read by `read`. */
  protected scalars<T>(id: number, width: number, read: (at: number) => T): T[] {
    const o = this.slot(id);
    if (!o) return [];
    const start = this.bb.__vector(this.pos + o);
    return Array.from({ length: this.bb.__vector_len(this.pos + o) }, (_, i) => read(start + width * i));
  }
  protected ints(id: number): number[] {
    return this.scalars(id, 4, (at) => this.bb.readInt32(at));
  }
  protected floats(id: number): number[] {
    return this.scalars(id, 4, (at) => this.bb.readFloat32(at));
  }
  /** A [ubyte] vector as a view into the file (no copy). */
  protected bytes(id: number): Uint8Array {
    const o = this.slot(id);
    if (!o) return new Uint8Array(0);
    return this.bb.bytes().subarray(this.bb.__vector(this.pos + o), this.bb.__vector(this.pos + o) + this.bb.__vector_len(this.pos + o));
  }
}

export class QuantizationParameters extends Table {
  get scale(): number[] {
    return this.floats(2);
  }
  get zeroPoint(): number[] {
    return this.scalars(3, 8, (at) => Number(this.bb.readInt64(at)));
  }
  get quantizedDimension(): number {
    return this.int32(6);
  }
}

export class Tensor extends Table {
  get shape(): number[] {
    return this.ints(0);
  }
  get type(): number {
    return this.int8(1);
  }
  get buffer(): number {
    return this.uint32(2);
  }
  get name(): string {
    return this.string(3) ?? '';
  }
  get quantization(): QuantizationParameters | null {
    return this.table(4, QuantizationParameters);
  }
}

export class Buffer extends Table {
  get data(): Uint8Array {
    return this.bytes(0);
  }
}

export class OperatorCode extends Table {
  /** builtin_code (field 3, int32) with the schema's fallback to deprecated_builtin_code (field 0, byte). */
  get builtinCode(): number {
    return Math.max(this.int32(3), this.int8(0));
  }
}

export class Conv2DOptions extends Table {
  get padding(): number {
    return this.int8(0);
  }
  get strideW(): number {
    return this.int32(1);
  }
  get strideH(): number {
    return this.int32(2);
  }
  get activation(): number {
    return this.int8(3);
  }
  get dilationW(): number {
    return this.int32(4, 1);
  }
  get dilationH(): number {
    return this.int32(5, 1);
  }
}

export class DepthwiseConv2DOptions extends Table {
  get padding(): number {
    return this.int8(0);
  }
  get strideW(): number {
    return this.int32(1);
  }
  get strideH(): number {
    return this.int32(2);
  }
  get depthMultiplier(): number {
    return this.int32(3);
  }
  get activation(): number {
    return this.int8(4);
  }
  get dilationW(): number {
    return this.int32(5, 1);
  }
  get dilationH(): number {
    return this.int32(6, 1);
  }
}

export class Pool2DOptions extends Table {
  get padding(): number {
    return this.int8(0);
  }
  get strideW(): number {
    return this.int32(1);
  }
  get strideH(): number {
    return this.int32(2);
  }
  get filterW(): number {
    return this.int32(3);
  }
  get filterH(): number {
    return this.int32(4);
  }
  get activation(): number {
    return this.int8(5);
  }
}

export class AddOptions extends Table {
  get activation(): number {
    return this.int8(0);
  }
}

/** Operator.builtin_options is a union: the caller picks the table type from the op code. */
export class Operator extends Table {
  get opcodeIndex(): number {
    return this.uint32(0);
  }
  get inputs(): number[] {
    return this.ints(1);
  }
  get outputs(): number[] {
    return this.ints(2);
  }
  get optionsType(): number {
    return this.uint8(3);
  }
  options<T>(make: new (bb: ByteBuffer, pos: number) => T): T | null {
    return this.table(4, make);
  }
}

export class SubGraph extends Table {
  get tensors(): Tensor[] {
    return this.tables(0, Tensor);
  }
  get inputs(): number[] {
    return this.ints(1);
  }
  get outputs(): number[] {
    return this.ints(2);
  }
  get operators(): Operator[] {
    return this.tables(3, Operator);
  }
}

export class Model extends Table {
  get version(): number {
    return this.uint32(0);
  }
  get operatorCodes(): OperatorCode[] {
    return this.tables(1, OperatorCode);
  }
  get subgraphs(): SubGraph[] {
    return this.tables(2, SubGraph);
  }
  get description(): string {
    return this.string(3) ?? '';
  }
  get buffers(): Buffer[] {
    return this.tables(4, Buffer);
  }
}

/** Opens a .tflite file (identifier "TFL3"). */
export function readTflite(bytes: Uint8Array): Model {
  const bb = new ByteBuffer(bytes);
  if (!bb.__has_identifier('TFL3')) throw new Error('not a TFLite flatbuffer (file identifier is not "TFL3")');
  return new Model(bb, bb.readInt32(bb.position()) + bb.position());
}
