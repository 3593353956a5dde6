import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { AppError } from '../../src/core/errors.ts';
import { detectFormat, looksComplete, readImageSize, sniffImage, MAX_PIXELS } from '../../src/core/image-sniff.ts';

const make = (w: number, h: number, fmt: 'png' | 'jpeg' | 'webp' | 'gif') =>
  sharp({ create: { width: w, height: h, channels: 3, background: '#336699' } })
    .toFormat(fmt)
    .toBuffer()
    .then((b) => new Uint8Array(b));

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as AppError).code;
  }
  return 'none';
}

describe('image sniffing', () => {
  it.each(['png', 'jpeg', 'webp', 'gif'] as const)('reads format and size of a %s header', async (fmt) => {
    const b = await make(321, 123, fmt);
    expect(detectFormat(b)).toBe(fmt);
    expect(readImageSize(b, fmt)).toEqual([321, 123]);
    expect(sniffImage(b)).toEqual({ format: fmt, width: 321, height: 123 });
  });

  it('refuses empty files, non-images, truncated files and decompression bombs with distinct codes', async () => {
    expect(codeOf(() => sniffImage(new Uint8Array(0)))).toBe('empty-file');
    expect(codeOf(() => sniffImage(new TextEncoder().encode('hello, not a photo')))).toBe('not-an-image');
    const jpeg = await make(200, 200, 'jpeg');
    expect(looksComplete(jpeg, 'jpeg')).toBe(true);
    expect(codeOf(() => sniffImage(jpeg.subarray(0, jpeg.length - 40)))).toBe('corrupt-image');
    const png = await make(10, 10, 'png');
    expect(codeOf(() => sniffImage(png.subarray(0, png.length - 12)))).toBe('corrupt-image');
    const side = Math.ceil(Math.sqrt(MAX_PIXELS)) + 1;
    const big = await make(side, side, 'png');
    expect(codeOf(() => sniffImage(big))).toBe('image-too-large');
    const ok = await make(1000, 1000, 'png');
    expect(codeOf(() => sniffImage(ok))).toBe('none');
  });

  it('the too-large message names the size in words a seller understands', async () => {
    const b = await make(12000, 12000, 'png');
    expect(() => sniffImage(b)).toThrow(/12000×12000 \(144 megapixels\)/);
  });
});

describe('Node decoding', () => {
  it('honours EXIF orientation (a 60×20 photo tagged "rotate 90°" decodes as 20×60)', async () => {
    const { decodeImageBytes } = await import('../../src/cli/decode-image.ts');
    const tagged = await sharp({ create: { width: 60, height: 20, channels: 3, background: '#ff0000' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const img = await decodeImageBytes(new Uint8Array(tagged));
    expect([img.width, img.height]).toEqual([20, 60]);
    expect(img.data.length).toBe(20 * 60 * 4);
  });
  it('downscales once so the long side is at most maxSide', async () => {
    const { decodeImageBytes } = await import('../../src/cli/decode-image.ts');
    const big = await sharp({ create: { width: 3000, height: 1500, channels: 3, background: '#00ff00' } })
      .png()
      .toBuffer();
    const img = await decodeImageBytes(new Uint8Array(big), 1024);
    expect([img.width, img.height]).toEqual([1024, 512]);
  });
});
