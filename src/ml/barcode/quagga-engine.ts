/**
 * quagga2 as a BarcodeEngine on raw grayscale pixels, with no DOM and no image file.
 *
 * quagga2's public decodeSingle() only takes a `src` (a file path / URL that it decodes itself with
 * ndarray-pixels in Node, an <img> + canvas in the browser). Its `init(config, cb, imageWrapper, instance)`
 * does accept a ready ImageWrapper (the path its worker mode uses), but the Quagga class is not exported.
 * We obtain the class once from the instance decodeSingle() hands to init(), then per image: build an
 * ImageWrapper over our pixels, init a private instance with it (sets up the locator and decoder), and call
 * its locator + decoder directly. Tested against @ericblade/quagga2 1.12.1 (lib and dist builds share this).
 */
import Quagga from '@ericblade/quagga2';
import { AppError } from '../../core/errors.ts';
import { crop, fitLongSide } from './image-ops.ts';
import type { BarcodeEngine, GrayImage, RawRead, RetailFormat } from './types.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
type QuaggaInstance = any;
let QuaggaClass: (new () => QuaggaInstance) | null = null;

async function quaggaClass(): Promise<new () => QuaggaInstance> {
  if (QuaggaClass) return QuaggaClass;
  const Q = Quagga as any;
  const init = Q.init;
  let found: (new () => QuaggaInstance) | null = null;
  Q.init = (_c: unknown, _cb: unknown, _iw: unknown, instance: any) => {
    found = instance?.constructor ?? null;
    throw new Error('probe');
  };
  try {
    await Q.decodeSingle({ src: 'probe' }).catch(() => undefined);
  } finally {
    Q.init = init;
  }
  if (!found) throw new AppError('backend-unavailable', 'This build of quagga2 does not expose its decoder as expected.');
  QuaggaClass = found;
  return found;
}

const FORMAT_MAP: Record<string, RetailFormat> = { ean_13: 'ean_13', ean_8: 'ean_8', upc_a: 'upc_a', upc_e: 'upc_e' };

export interface QuaggaOptions {
  readers?: string[];
  locate?: boolean;
  halfSample?: boolean;
  patchSize?: 'x-small' | 'small' | 'medium' | 'large' | 'x-large';
  /** Long side the image is scaled to before locating (quagga's decodeSingle uses 800). */
  size?: number;
}

/** Readers in the order that avoids the EAN-13/UPC-A clash: ean_reader returns 13 digits for both. */
export const QUAGGA_READERS = ['ean_reader', 'ean_8_reader', 'upc_e_reader'];

/** Patches across the long side per patchSize (quagga's calculatePatchSize). */
const PATCHES: Record<string, number> = { 'x-small': 60, small: 32, medium: 20, large: 15, 'x-large': 10 };

/**
 * quagga's locator needs both sides (after half-sampling) to be multiples of its patch size; decodeSingle
 * fixes this by shrinking its canvas, we crop a few pixels off the edges instead.
 */
function fitPatchGrid(g: GrayImage, halfSample: boolean, patchSize: string): GrayImage {
  const f = halfSample ? 2 : 1;
  const n = PATCHES[patchSize] ?? 20;
  const p = Math.max(2, Math.round(Math.max(g.width, g.height) / f / n));
  const w = Math.floor(g.width / f / p) * p * f;
  const h = Math.floor(g.height / f / p) * p * f;
  if (w < p * f * 2 || h < p * f * 2) return g;
  return w === g.width && h === g.height ? g : crop(g, (g.width - w) / 2, (g.height - h) / 2, w, h);
}

/** Mean per-character error quagga reports; < 0.1 is a clean read, misreads are usually > 0.15. */
function meanError(codeResult: any): number {
  const errs = (codeResult?.decodedCodes ?? []).map((c: any) => c?.error).filter((e: unknown) => typeof e === 'number');
  return errs.length ? errs.reduce((a: number, b: number) => a + b, 0) / errs.length : 1;
}

export class QuaggaEngine implements BarcodeEngine {
  readonly name = 'quagga';

  async read(image: GrayImage, options: QuaggaOptions = {}): Promise<RawRead[]> {
    const Ctor = await quaggaClass();
    const { readers = QUAGGA_READERS, locate = true, halfSample = true, patchSize = 'medium', size = 800 } = options;
    let g = Math.max(image.width, image.height) !== size ? fitLongSide(image, size) : image;
    if (locate) g = fitPatchGrid(g, halfSample, patchSize);
    const wrapper = new (Quagga as any).ImageWrapper({ x: g.width, y: g.height }, g.data);
    const q = new Ctor();
    const config = { locate, numOfWorkers: 0, decoder: { readers, multiple: false }, locator: { halfSample, patchSize } };
    await new Promise<void>((resolve, reject) => (Quagga as any).init(config, (e: unknown) => (e ? reject(e) : resolve()), wrapper, q));
    const boxes = q.getBoundingBoxes();
    if (!boxes) return [];
    const result = await q.context.decoder.decodeFromBoundingBoxes(boxes);
    const cr = result?.codeResult;
    if (!cr?.code || !FORMAT_MAP[cr.format]) return [];
    let format = FORMAT_MAP[cr.format];
    let text = String(cr.code);
    // ean_reader reads a UPC-A as 13 digits with a leading 0; keep the symbol's own form
    if (format === 'ean_13' && text.length === 13 && text.startsWith('0')) {
      format = 'upc_a';
      text = text.slice(1);
    }
    const line = result.line as { x: number; y: number }[] | undefined;
    const sx = image.width / g.width;
    const centre = line && line.length === 2 ? { x: ((line[0].x + line[1].x) / 2) * sx, y: ((line[0].y + line[1].y) / 2) * sx } : undefined;
    return [{ text, format, quality: 1 - meanError(cr), centre }];
  }
}
