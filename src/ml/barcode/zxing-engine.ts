/**
 * ZXing-C++ (zxing-wasm 3.x, reader build) as a BarcodeEngine.
 * The .wasm is never fetched from a CDN (zxing-wasm's default): call configureZxing first with either the
 * bytes (Node: read from node_modules) or a same-origin URL (browser: Vite `?url` import).
 */
import { prepareZXingModule, readBarcodes, type ReaderOptions, type ReadResult } from 'zxing-wasm/reader';
import { AppError } from '../../core/errors.ts';
import { compressUpcA } from '../../core/gtin-check.ts';
import { toRgba } from './image-ops.ts';
import type { BarcodeEngine, GrayImage, RawRead, RetailFormat } from './types.ts';

export interface ZxingLocation {
  /** The wasm file's bytes (Node). */
  wasmBinary?: ArrayBuffer;
  /** URL of zxing_reader.wasm on the app's own origin (browser / worker). */
  wasmUrl?: string;
}

let configured = false;
let ready: Promise<unknown> | null = null;

/** Points zxing-wasm at a local copy of its wasm and starts instantiating it. Safe to call again. */
export function configureZxing(loc: ZxingLocation): Promise<unknown> {
  if (!loc.wasmBinary && !loc.wasmUrl) throw new AppError('model-missing', 'No location given for the ZXing wasm file.');
  const overrides = loc.wasmBinary
    ? { wasmBinary: loc.wasmBinary }
    : { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? loc.wasmUrl! : prefix + path) };
  configured = true;
  ready = prepareZXingModule({ overrides, fireImmediately: true }).catch((e: unknown) => {
    ready = null;
    configured = false;
    throw new AppError('model-load-failed', `The barcode reader (ZXing wasm) could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
  });
  return ready;
}

const FORMAT_MAP: Record<string, RetailFormat> = { EAN13: 'ean_13', EAN8: 'ean_8', UPCA: 'upc_a', UPCE: 'upc_e' };

export const ZXING_DEFAULTS: ReaderOptions = {
  formats: ['EAN13', 'EAN8', 'UPCA', 'UPCE'],
  tryHarder: true,
  tryRotate: true,
  tryInvert: false,
  tryDownscale: true,
  eanAddOnSymbol: 'Ignore',
  maxNumberOfSymbols: 4,
  returnErrors: false,
};

/**
 * zxing-cpp reports UPC-E and UPC-A as 13-digit GTINs (and a UPC-A as "EAN13" when both are enabled);
 * return the digits as printed in the symbol instead, so text and format agree.
 */
export function printedForm(text: string, format: RetailFormat): { text: string; format: RetailFormat } {
  if (format === 'upc_e' && text.length >= 12) {
    const upca = text.slice(-12);
    return { text: compressUpcA(upca) ?? text, format };
  }
  if ((format === 'ean_13' || format === 'upc_a') && text.length === 13 && text.startsWith('0')) return { text: text.slice(1), format: 'upc_a' };
  return { text, format };
}

function centreOf(r: ReadResult): { x: number; y: number } {
  const p = r.position;
  return {
    x: (p.topLeft.x + p.topRight.x + p.bottomLeft.x + p.bottomRight.x) / 4,
    y: (p.topLeft.y + p.topRight.y + p.bottomLeft.y + p.bottomRight.y) / 4,
  };
}

export class ZxingEngine implements BarcodeEngine {
  readonly name = 'zxing';

  async read(image: GrayImage, options: ReaderOptions = {}): Promise<RawRead[]> {
    if (!configured || !ready) throw new AppError('model-missing', 'configureZxing() must be called before reading barcodes.');
    await ready;
    const rgba = toRgba(image);
    const results = await readBarcodes(rgba as unknown as ImageData, { ...ZXING_DEFAULTS, ...options });
    const out: RawRead[] = [];
    for (const r of results) {
      const format = FORMAT_MAP[r.format];
      if (!format || !r.isValid) continue;
      out.push({ ...printedForm(r.text, format), quality: r.lineCount, centre: centreOf(r) });
    }
    return out;
  }
}
