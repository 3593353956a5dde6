/** Browser decoding of a photo Blob off the UI thread (createImageBitmap + OffscreenCanvas, no DOM). */
import { AppError } from '../core/errors.ts';
import { sniffImage, type SniffResult } from '../core/image-sniff.ts';
import type { RgbaImage } from '../core/types.ts';
import { fitInside } from '../core/preprocess.ts';

/** Decodes with EXIF orientation applied. Refuses empty, non-image, cut-off and oversized files first. */
export async function decodeBlob(blob: Blob, read?: { bytes: Uint8Array; info: SniffResult }): Promise<{ bitmap: ImageBitmap; notices: string[] }> {
  const bytes = read?.bytes ?? new Uint8Array(await blob.arrayBuffer());
  const info = read?.info ?? sniffImage(bytes);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    throw new AppError('corrupt-image', `This ${info.format.toUpperCase()} file is damaged and could not be decoded. Try exporting the photo again.`);
  }
  const notices: string[] = [];
  if (info.format === 'gif' && countGifFrames(bytes) > 1) notices.push('Animated GIF: the first frame was used.');
  return { bitmap, notices };
}

/** A large JPEG's short side is decoded to about this for the photo model (twice its 224 px input; see decodeForModel). */
export const MODEL_DECODE_MIN_SIDE = 448;

/**
 * Decodes for the photo model only. A JPEG whose short side is over twice `minSide` is decoded at a reduced scale by
 * WebCodecs' ImageDecoder with a desired size: Chromium serves it with libjpeg's DCT scaling, the largest n/8 (1/8 …
 * 7/8) at or below the desired size, so the short side lands between about minSide / 2 and minSide (a 12 MP phone
 * photo at 1/8: 4.5× faster, tests/bench/decode.ts), EXIF orientation applied (the frame's display size is the oriented
 * one). Anything else, a browser without ImageDecoder, a decoder error or a bitmap that did not come out in the
 * frame's orientation goes through decodeBlob. width/height: the photo's own oriented size; decoded: the bitmap's.
 */
export async function decodeForModel(
  blob: Blob,
  minSide: number,
): Promise<{ bitmap: ImageBitmap; notices: string[]; width: number; height: number; decoded: string }> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const info = sniffImage(bytes); // empty, non-image, cut-off and oversized files are refused here, as in decodeBlob
  const short = Math.min(info.width, info.height);
  const full = async () => {
    const { bitmap, notices } = await decodeBlob(blob, { bytes, info });
    return { bitmap, notices, width: bitmap.width, height: bitmap.height, decoded: `${bitmap.width}x${bitmap.height}` };
  };
  if (info.format !== 'jpeg' || short <= 2 * minSide || typeof ImageDecoder === 'undefined') return full();
  const s = minSide / short;
  let dec: ImageDecoder | undefined;
  let frame: VideoFrame | undefined;
  try {
    dec = new ImageDecoder({ data: bytes, type: 'image/jpeg', desiredWidth: Math.ceil(info.width * s), desiredHeight: Math.ceil(info.height * s) });
    frame = (await dec.decode()).image;
    const bitmap = await createImageBitmap(frame);
    if (frame.displayWidth !== frame.displayHeight && bitmap.width > bitmap.height !== frame.displayWidth > frame.displayHeight) {
      bitmap.close(); // this browser did not apply the frame's orientation
      return full();
    }
    const turned = frame.displayWidth > frame.displayHeight !== frame.codedWidth > frame.codedHeight;
    return {
      bitmap,
      notices: [],
      width: turned ? info.height : info.width,
      height: turned ? info.width : info.height,
      decoded: `${bitmap.width}x${bitmap.height}`,
    };
  } catch {
    return full(); // gives its own clear message when the file really is damaged
  } finally {
    frame?.close();
    dec?.close();
  }
}

/** One CPU-backed size×size canvas per model input size, reused for every photo (the worker runs one photo at a time). */
const cropCanvases = new Map<number, OffscreenCanvasRenderingContext2D>();
function cropContext(size: number): OffscreenCanvasRenderingContext2D {
  let ctx = cropCanvases.get(size);
  if (!ctx) {
    const c = new OffscreenCanvas(size, size).getContext('2d', { willReadFrequently: true });
    if (!c) throw new AppError('internal', 'This browser cannot process images in the background (no OffscreenCanvas 2D).');
    cropCanvases.set(size, (ctx = c));
  }
  return ctx;
}

/** Draws the centre square (crop × short side) straight into the model's size×size input: one resample, done by the
 *  browser's image pipeline, with transparency composited over white; the pixels come back as they are (no second
 *  resize: cropResizeRgb only repacks a size×size image). */
export function squareCrop(bitmap: ImageBitmap, size: number, crop = 1): RgbaImage {
  const side = Math.min(bitmap.width, bitmap.height) * crop;
  const ctx = cropContext(size);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, size, size);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'medium';
  ctx.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, size, size);
  return { width: size, height: size, data: ctx.getImageData(0, 0, size, size).data };
}

/** Graphic Control Extensions counted loosely: enough to tell an animated GIF from a still one. */
function countGifFrames(b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i + 2 < b.length && n < 2; i++) if (b[i] === 0x21 && b[i + 1] === 0xf9 && b[i + 2] === 0x04) n++;
  return n;
}

/** Draws the whole picture over white, downscaled once so its long side is at most maxSide. */
function drawFitted(bitmap: ImageBitmap, maxSide: number): { canvas: OffscreenCanvas; ctx: OffscreenCanvasRenderingContext2D } {
  const { width, height } = fitInside(bitmap.width, bitmap.height, maxSide);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new AppError('internal', 'This browser cannot process images in the background (no OffscreenCanvas 2D).');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, width, height);
  return { canvas, ctx };
}

/** One downscale to a JPEG (transparency over white) for storage: the long side at most maxSide. */
export async function downscaleToJpeg(bitmap: ImageBitmap, maxSide: number): Promise<{ blob: Blob; width: number; height: number }> {
  const { canvas } = drawFitted(bitmap, maxSide);
  return { blob: await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 }), width: canvas.width, height: canvas.height };
}

/** The picture turned clockwise by quarter turns, as a JPEG (the seller's "Rotate" on a photo). */
export async function rotatedJpeg(bitmap: ImageBitmap, quarterTurns: number): Promise<{ blob: Blob; width: number; height: number }> {
  const q = ((quarterTurns % 4) + 4) % 4;
  const swap = q % 2 === 1;
  const canvas = new OffscreenCanvas(swap ? bitmap.height : bitmap.width, swap ? bitmap.width : bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.translate(canvas.width / 2, canvas.height / 2);
  ctx.rotate((q * Math.PI) / 2);
  ctx.drawImage(bitmap, -bitmap.width / 2, -bitmap.height / 2);
  return { blob: await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 }), width: canvas.width, height: canvas.height };
}

/** The whole picture as RGBA pixels, downscaled so its long side is at most maxSide (barcode reading). */
export function drawScaled(bitmap: ImageBitmap, maxSide: number): RgbaImage {
  const { canvas, ctx } = drawFitted(bitmap, maxSide);
  return { width: canvas.width, height: canvas.height, data: ctx.getImageData(0, 0, canvas.width, canvas.height).data };
}
