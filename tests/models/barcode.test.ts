/**
 * Real decoders (zxing-wasm + quagga2, no mocks) on barcodes generated at test time with bwip-js, and on a
 * fixed list of real photos from ../shared/data/barcodes (missing data fails the test; it is never skipped).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import bwipjs from 'bwip-js/node';
import sharp from 'sharp';
import { decodeImageBytes, decodeImageFile } from '../../src/cli/decode-image.ts';
import { createNodeDecoder } from '../../src/ml/barcode/node.ts';
import { setupZxingForNode } from '../../src/ml/barcode/node-setup.ts';
import { ZxingEngine } from '../../src/ml/barcode/zxing-engine.ts';
import { QuaggaEngine } from '../../src/ml/barcode/quagga-engine.ts';
import { toGray } from '../../src/ml/barcode/image-ops.ts';
import { describeGtin, gtinCheckDigit, type GtinFormat } from '../../src/core/gtin.ts';
import type { BarcodeDecoder, DecodeResult } from '../../src/ml/barcode/types.ts';
import { LiveConfirmer } from '../../src/ml/barcode/live.ts';
import type { RgbaImage } from '../../src/core/types.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const barcodesDir = resolve(root, process.env.DATA_DIR ?? '../shared/data', 'barcodes');
const BUDGET = 5000; // generous: CI machines are slow; the benchmark measures speed

async function render(bcid: string, text: string, opts: Record<string, unknown> = {}): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid,
    text,
    scale: 3,
    height: 18,
    includetext: true,
    paddingwidth: 16,
    paddingheight: 12,
    backgroundcolor: 'FFFFFF',
    ...opts,
  } as Parameters<typeof bwipjs.toBuffer>[0]);
}
const rgba = async (png: Buffer | Promise<Buffer>) => decodeImageBytes(new Uint8Array(await png), 1600);

/** EAN-13 drawn from the symbology tables, so that a wrong check digit can be printed (bwip-js refuses to). */
function drawEan13(digits: string, module = 3, height = 120): RgbaImage {
  const L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
  const G = L.map((p) =>
    [...p]
      .reverse()
      .map((b) => (b === '1' ? '0' : '1'))
      .join(''),
  );
  const R = L.map((p) => [...p].map((b) => (b === '1' ? '0' : '1')).join(''));
  const parity = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'][Number(digits[0])];
  let bits = '101';
  for (let i = 1; i <= 6; i++) bits += (parity[i - 1] === 'L' ? L : G)[Number(digits[i])];
  bits += '01010';
  for (let i = 7; i <= 12; i++) bits += R[Number(digits[i])];
  bits += '101';
  const quiet = 12;
  const width = (bits.length + 2 * quiet) * module;
  const h = height + 40;
  const data = new Uint8ClampedArray(width * h * 4).fill(255);
  for (let y = 20; y < 20 + height; y++) {
    for (let m = 0; m < bits.length; m++) {
      if (bits[m] !== '1') continue;
      for (let x = (quiet + m) * module; x < (quiet + m + 1) * module; x++) {
        const i = (y * width + x) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
    }
  }
  return { width, height: h, data };
}

let hybrid: BarcodeDecoder;
beforeAll(async () => {
  hybrid = await createNodeDecoder('hybrid');
});

describe('generated barcodes (bwip-js)', () => {
  const cases: [string, string, string, GtinFormat][] = [
    ['ean13', '5901234123457', '5901234123457', 'ean_13'],
    ['upca', '036000291452', '0036000291452', 'upc_a'],
    ['ean8', '96385074', '0000096385074', 'ean_8'],
    ['upce', '04252614', '0042100005264', 'upc_e'],
    ['isbn', '978-0-306-40615-7', '9780306406157', 'ean_13'],
  ];
  for (const [bcid, text, gtin13, format] of cases) {
    it(`${bcid} ${text} → ${gtin13}`, async () => {
      const img = await rgba(render(bcid, text));
      const r = await hybrid.decode(img, { budgetMs: BUDGET });
      expect(r.codes.map((c) => c.gtin13)).toEqual([gtin13]);
      expect(r.codes[0].format).toBe(format);
      expect(r.codes[0].confirmed_by).toMatch(/^(zxing|quagga):/);
      expect(describeGtin(r.codes[0].text, r.codes[0].format).gtin13).toBe(gtin13);
    });
  }

  it('both engines read a clean EAN-13 on their own (raw pixels, no file, no DOM)', async () => {
    await setupZxingForNode();
    const png = await render('ean13', '4006381333931');
    const img = await sharp(png).resize(640, 480, { fit: 'contain', background: '#fff' }).png().toBuffer();
    const gray = toGray(await rgba(img));
    expect((await new ZxingEngine().read(gray)).map((r) => r.text)).toEqual(['4006381333931']);
    expect((await new QuaggaEngine().read(gray)).map((r) => r.text)).toEqual(['4006381333931']);
  });

  const degrade: [string, (s: sharp.Sharp) => sharp.Sharp][] = [
    ['rotated 12°', (s) => s.rotate(12, { background: '#ffffff' })],
    ['upside down', (s) => s.rotate(180)],
    ['blurred', (s) => s.blur(1.6)],
    ['low contrast', (s) => s.linear(0.25, 150)],
    ['perspective-ish shear', (s) => s.affine([1, 0.18, 0.05, 1], { background: '#ffffff' })],
  ];
  for (const [name, op] of degrade) {
    it(`EAN-13 ${name}`, async () => {
      const png = await render('ean13', '9784872348880');
      const img = await rgba(
        op(sharp(png).flatten({ background: '#ffffff' }))
          .png()
          .toBuffer(),
      );
      const r = await hybrid.decode(img, { budgetMs: BUDGET });
      expect(r.codes.map((c) => c.gtin13)).toEqual(['9784872348880']);
    });
  }

  it('EAN-13 with noise', async () => {
    const img = await rgba(render('ean13', '5012345678900'));
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < img.data.length; i += 4) {
      const n = (rand() - 0.5) * 120;
      for (let c = 0; c < 3; c++) img.data[i + c] = Math.max(0, Math.min(255, img.data[i + c] + n));
    }
    const r = await hybrid.decode(img, { budgetMs: BUDGET });
    expect(r.codes.map((c) => c.gtin13)).toEqual(['5012345678900']);
  });
});

describe('two codes in one frame', () => {
  for (const [centre, corner] of [
    ['5901234123457', '4006381333931'],
    ['4006381333931', '5901234123457'],
  ]) {
    it(`both are reported, the one nearer the centre first (${centre} central)`, async () => {
      const a = await sharp(await render('ean13', centre))
        .flatten({ background: '#ffffff' })
        .png()
        .toBuffer();
      const b = await sharp(await render('ean13', corner))
        .flatten({ background: '#ffffff' })
        .png()
        .toBuffer();
      const ma = await sharp(a).metadata();
      const [W, H] = [1000, 700];
      const frame = await sharp({ create: { width: W, height: H, channels: 3, background: '#ffffff' } })
        .composite([
          { input: a, left: Math.round(W / 2 - ma.width! / 2), top: Math.round(H / 2 - ma.height! / 2) },
          { input: b, left: 10, top: 10 },
        ])
        .png()
        .toBuffer();
      const r = await hybrid.decode(await rgba(frame), { budgetMs: BUDGET });
      expect(r.codes.map((c) => c.gtin13)).toEqual([centre, corner]);
    });
  }
});

describe('things that must not produce a code', () => {
  it('a QR code holding a GTIN gives no codes', async () => {
    const img = await rgba(render('qrcode', '5901234123457', { includetext: false, scale: 6 }));
    expect((await hybrid.decode(img, { budgetMs: BUDGET })).codes).toEqual([]);
  });
  it('a blank image gives no codes', async () => {
    const img: RgbaImage = { width: 320, height: 240, data: new Uint8ClampedArray(320 * 240 * 4).fill(255) };
    expect((await hybrid.decode(img, { budgetMs: BUDGET })).codes).toEqual([]);
  });
  it('a Code 128 label is not reported as a retail code', async () => {
    const img = await rgba(render('code128', 'ABC-12345'));
    expect((await hybrid.decode(img, { budgetMs: BUDGET })).codes).toEqual([]);
  });
  it('an EAN-13 printed with a wrong check digit is not accepted (control: the right one is)', async () => {
    const body = '590123412345';
    const good = body + gtinCheckDigit(body);
    const bad = body + String((Number(gtinCheckDigit(body)) + 3) % 10);
    expect((await hybrid.decode(drawEan13(good), { budgetMs: BUDGET })).codes.map((c) => c.text)).toEqual([good]);
    const r = await hybrid.decode(drawEan13(bad), { budgetMs: BUDGET });
    expect(r.codes).toEqual([]);
  });
});

describe('real photos from ../shared/data/barcodes', () => {
  const FILES = [
    'zxing/ean13-1/1.png',
    'zxing/ean13-3/01.png',
    'zxing/ean13-4/01.png',
    'zxing/upca-1/2.png',
    'zxing/upca-3/11.png',
    'zxing/upca-5/03.png',
    'zxing/upce-2/01.png',
    'quagga2/ean/image-001.jpg',
    'quagga2/ean_8/image-001.jpg',
    'quagga2/upc_e/image-001.jpg',
    'quagga2/ean_extended/image-001.jpg',
  ];
  type Entry = { file: string; format: GtinFormat; expected: string; alt_expected?: string[] };

  it('the data set is present (missing data is a failure, not a skip)', () => {
    expect(existsSync(join(barcodesDir, 'manifest.json')), `${barcodesDir}/manifest.json (set DATA_DIR)`).toBe(true);
    for (const f of FILES) expect(existsSync(join(barcodesDir, f)), f).toBe(true);
  });

  for (const file of FILES) {
    it(file, async () => {
      const manifest: Entry[] = JSON.parse(readFileSync(join(barcodesDir, 'manifest.json'), 'utf8'));
      const e = manifest.find((m) => m.file === file);
      expect(e, `${file} in manifest`).toBeDefined();
      const want = [e!.expected, ...(e!.alt_expected ?? [])].map((x) => describeGtin(x, e!.format).gtin13);
      const img = await decodeImageFile(join(barcodesDir, file), 1600);
      const r = await hybrid.decode(img, { budgetMs: BUDGET });
      expect(r.codes.length).toBeGreaterThan(0);
      for (const c of r.codes) expect(want).toContain(c.gtin13);
    });
  }
});

describe('live scanning: confirmation across frames', () => {
  const weak = (text: string): DecodeResult => ({
    codes: [],
    ms: 1,
    stages: [{ stage: 'quagga:plain', ms: 1, reads: [{ text, format: 'ean_13', quality: 0.8 }] }],
  });
  it('a weak read is accepted only when a second frame agrees', () => {
    const c = new LiveConfirmer(2, 5);
    expect(c.push(weak('5901234123457'))).toEqual([]);
    expect(c.push(weak('4006381333931'))).toEqual([]);
    const r = c.push(weak('5901234123457'));
    expect(r.map((x) => x.gtin13)).toEqual(['5901234123457']);
    expect(r[0].confirmed_by).toBe('quagga:plain+2-frames');
  });
  it('a read with a wrong check digit never counts, and old frames fall out of the window', () => {
    const c = new LiveConfirmer(2, 3);
    expect(c.push(weak('5901234123458'))).toEqual([]);
    expect(c.push(weak('5901234123458'))).toEqual([]);
    c.push(weak('5901234123457'));
    for (let i = 0; i < 3; i++) c.push({ codes: [], ms: 1, stages: [] });
    expect(c.push(weak('5901234123457'))).toEqual([]);
  });
  it('a clean single-frame read (accepted by the decoder) passes at once', () => {
    const c = new LiveConfirmer();
    const code = { text: '5901234123457', format: 'ean_13' as const, gtin13: '5901234123457', confirmed_by: 'zxing:plain' };
    expect(c.push({ codes: [code], ms: 1, stages: [] })).toEqual([code]);
  });
});
