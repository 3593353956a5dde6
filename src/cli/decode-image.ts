/** Node-side image decoding (sharp): file → RgbaImage, EXIF orientation applied, alpha composited later in core. */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { AppError } from '../core/errors.ts';
import type { RgbaImage } from '../core/types.ts';
import { sniffImage, MAX_PIXELS } from '../core/image-sniff.ts';

export async function decodeImageFile(path: string, maxSide = 1024): Promise<RgbaImage> {
  const bytes = await readFile(path);
  return decodeImageBytes(new Uint8Array(bytes), maxSide);
}

/** Decodes, honours EXIF orientation, downscales once so the long side is at most maxSide. */
export async function decodeImageBytes(bytes: Uint8Array, maxSide = 1024): Promise<RgbaImage> {
  const info = sniffImage(bytes); // throws AppError for empty / not-an-image / too large
  try {
    const { data, info: out } = await sharp(bytes, { limitInputPixels: MAX_PIXELS, pages: 1, failOn: 'error' })
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width: out.width, height: out.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (e) {
    throw new AppError('corrupt-image', `This ${info.format.toUpperCase()} file is damaged or incomplete and could not be decoded.`);
  }
}
