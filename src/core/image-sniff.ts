/**
 * Reads an image's format and pixel size from its first bytes, without decoding it,
 * so that empty files, non-images and decompression bombs are refused with a clear message.
 */
import { AppError } from './errors.ts';

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'avif';

export interface SniffResult {
  format: ImageFormat;
  /** 0 when the header does not say (or was not found in the bytes given). */
  width: number;
  height: number;
}

/** 64 megapixels: a full-resolution photo from a 48–64 MP phone still opens; a 12000×12000 (144 MP)
 *  image, which would need 576 MB of memory decoded, is refused with a message instead of freezing the tab. */
export const MAX_PIXELS = 64_000_000;

const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32be = (b: Uint8Array, i: number) => ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
const u24le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

export function detectFormat(b: Uint8Array): ImageFormat | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && ascii(b, 1, 3) === 'PNG' && b[0] === 0x89) return 'png';
  if (b.length >= 6 && ascii(b, 0, 4) === 'GIF8') return 'gif';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  if (b.length >= 2 && ascii(b, 0, 2) === 'BM') return 'bmp';
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp' && /avi[fs]/.test(ascii(b, 8, 4))) return 'avif';
  return null;
}

function jpegSize(b: Uint8Array): [number, number] {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = u16be(b, i + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return [u16be(b, i + 7), u16be(b, i + 5)];
    }
    i += 2 + len;
  }
  return [0, 0];
}

function webpSize(b: Uint8Array): [number, number] {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X' && b.length >= 30) return [u24le(b, 24) + 1, u24le(b, 27) + 1];
  if (chunk === 'VP8 ' && b.length >= 30) return [u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff];
  if (chunk === 'VP8L' && b.length >= 25) {
    const v = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return [(v & 0x3fff) + 1, ((v >> 14) & 0x3fff) + 1];
  }
  return [0, 0];
}

export function readImageSize(b: Uint8Array, format: ImageFormat): [number, number] {
  switch (format) {
    case 'png':
      return b.length >= 24 ? [u32be(b, 16), u32be(b, 20)] : [0, 0];
    case 'gif':
      return [u16le(b, 6), u16le(b, 8)];
    case 'jpeg':
      return jpegSize(b);
    case 'webp':
      return webpSize(b);
    case 'bmp':
      return b.length >= 26
        ? [Math.abs(b[18] | (b[19] << 8) | (b[20] << 16) | (b[21] << 24)), Math.abs(b[22] | (b[23] << 8) | (b[24] << 16) | (b[25] << 24))]
        : [0, 0];
    default:
      return [0, 0];
  }
}

/** False when the file stops before its format's end marker (a cut-off download or copy). */
export function looksComplete(b: Uint8Array, format: ImageFormat): boolean {
  const tail = b.subarray(Math.max(0, b.length - 4096));
  if (format === 'jpeg') {
    for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return true;
    return false;
  }
  if (format === 'png') return ascii(tail, Math.max(0, tail.length - 64), Math.min(64, tail.length)).includes('IEND');
  if (format === 'gif') return tail.includes(0x3b);
  return true;
}

/** Throws AppError('empty-file' | 'not-an-image' | 'corrupt-image' | 'image-too-large'); else returns format and size. */
export function sniffImage(bytes: Uint8Array, maxPixels = MAX_PIXELS): SniffResult {
  if (bytes.length === 0) throw new AppError('empty-file', 'This file is empty (0 bytes). Please choose the photo again.');
  const format = detectFormat(bytes);
  if (!format) throw new AppError('not-an-image', 'This file is not an image we can read. Use a JPEG, PNG, WebP or GIF photo.');
  const [width, height] = readImageSize(bytes, format);
  if (!looksComplete(bytes, format)) {
    throw new AppError(
      'corrupt-image',
      `This ${format.toUpperCase()} file is cut off or damaged (its end is missing), so it cannot be read. Try copying or exporting the photo again.`,
    );
  }
  if (width * height > maxPixels) {
    const mp = Math.round((width * height) / 1e6);
    throw new AppError(
      'image-too-large',
      `This image is ${width}×${height} (${mp} megapixels), more than the ${maxPixels / 1e6} megapixels we can open safely on this device. Please use a smaller copy.`,
    );
  }
  return { format, width, height };
}
