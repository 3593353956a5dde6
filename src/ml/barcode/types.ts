/** The barcode engine's DOM-free contract, shared by the Node CLI, tests and the browser worker. */
import type { RgbaImage } from '../../core/types.ts';
import type { GtinFormat } from '../../core/gtin.ts';

/** Retail symbologies the scanner reads, named as in the barcode manifest. */
export type RetailFormat = Extract<GtinFormat, 'ean_13' | 'upc_a' | 'upc_e' | 'ean_8'>;

/** One accepted code. */
export interface DecodedCode {
  /** Digits as printed in the symbol (12 for UPC-A, 8 for UPC-E/EAN-8, 13 for EAN-13). */
  text: string;
  format: RetailFormat;
  /** Storage / lookup key (UPC-A → 0 + UPC-A, UPC-E expanded, EAN-8 zero-padded). */
  gtin13: string;
  /** Which engine and cascade stage read it, and what confirmed it, e.g. "zxing:plain+quagga:locate". */
  confirmed_by: string;
}

/** A single read by one engine on one image variant, before acceptance. */
export interface RawRead {
  text: string;
  format: RetailFormat;
  /** Engine-specific quality: zxing line count, or 1 − quagga's mean code error. Higher is better. */
  quality: number;
  /** Centre of the symbol in the variant's pixel coordinates, when the engine reports it. */
  centre?: { x: number; y: number };
}

/** An 8-bit grayscale image, row-major. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A low-level engine: reads a grayscale image once with fixed settings. */
export interface BarcodeEngine {
  readonly name: string;
  read(image: GrayImage, options?: Record<string, unknown>): Promise<RawRead[]>;
}

export interface DecodeOptions {
  /** Stop starting new cascade stages after this many ms (a stage in progress finishes). */
  budgetMs?: number;
  /** Run every stage even after an accepted read (benchmarks; reports each stage's reads). */
  exhaustive?: boolean;
  signal?: AbortSignal;
}

export interface StageReport {
  stage: string;
  ms: number;
  reads: RawRead[];
}

export interface DecodeResult {
  codes: DecodedCode[];
  ms: number;
  /** Present when exhaustive is set, or always for diagnostics in Node. */
  stages?: StageReport[];
}

/** What the app, the worker and the CLI call. */
export interface BarcodeDecoder {
  readonly name: string;
  decode(image: RgbaImage, options?: DecodeOptions): Promise<DecodeResult>;
}
