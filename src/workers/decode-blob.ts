/** Browser decoding of a photo Blob into RgbaImage, off the UI thread (createImageBitmap + OffscreenCanvas). */
import { AppError } from '../core/errors.ts';
import { sniffImage } from '../core/image-sniff.ts';
import { fitInside } from '../core/preprocess.ts';
import type { RgbaImage } from '../core/types.ts';

export const MAX_SIDE = 1024;

export async function decodeBlob(blob: Blob, maxSide = MAX_SIDE): Promise<{ image: RgbaImage; notices: string[] }> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const info = sniffImage(bytes); // empty / not an image / cut off / too many pixels → AppError
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image', premultiplyAlpha: 'none', colorSpaceConversion: 'default' });
  } catch {
    throw new AppError('corrupt-image', `This ${info.format.toUpperCase()} file is damaged and could not be decoded. Try exporting the photo again.`);
  }
  const notices: string[] = [];
  if (info.format === 'gif' && countGifFrames(bytes) > 1) notices.push('Animated GIF: the first frame was used.');
  const { width, height } = fitInside(bitmap.width, bitmap.height, maxSide); // downscaled once, here
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new AppError('internal', 'This browser cannot process images in the background (no OffscreenCanvas 2D).');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const data = ctx.getImageData(0, 0, width, height).data;
  return { image: { width, height, data }, notices };
}

/** Counts image descriptors (0x2C after a block boundary) loosely: enough to tell animated from still. */
function countGifFrames(b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i + 9 < b.length && n < 2; i++) if (b[i] === 0x21 && b[i + 1] === 0xf9 && b[i + 2] === 0x04) n++;
  return n;
}
