/** fast-check generators for drafts, and a plain form of a draft that compares photo bytes byte for byte. */
import fc from 'fast-check';
import sharp from 'sharp';
import { DEPARTMENTS, SHIPPING_PAYERS, UNSURE_FIELDS, type Draft, type DraftPhoto } from '../../src/core/draft.ts';
import type { PhotoSuggestion } from '../../src/core/types.ts';

export const PNG_1x1 = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) =>
  c.charCodeAt(0),
);

/** A real 3×2 JPEG made by sharp. */
export async function tinyJpeg(): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width: 3, height: 2, channels: 3, background: { r: 200, g: 30, b: 90 } } })
      .jpeg()
      .toBuffer(),
  );
}

const TRICKY = [
  '',
  '👗 Blue dress 💙',
  'فستان أزرق',
  'שמלה כחולה',
  'e\u0301te\u0301 cafe\u0301',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐',
  '👨‍👩‍👧‍👦 family pack',
  '=HYPERLINK("http://x")',
  'a,"b"\nc\r\nd',
  '\u202Eevil\u202C',
  '\uD800 lone surrogate',
  '  spaces  ',
];

const text = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 20 }));

const float01 = fc.integer({ min: 0, max: 2 ** 24 }).map((x) => x / 2 ** 24); // exact in float32 and in JSON

const catScore = fc.record({ path: fc.array(text, { maxLength: 3 }), score: float01 }, { noNullPrototype: true });
const suggestion: fc.Arbitrary<PhotoSuggestion> = fc.record(
  {
    product: fc.boolean(),
    reason: fc.constantFrom('animal', 'food', 'scene', 'person', 'plant', 'vehicle'),
    title: text,
    category: catScore,
    alternatives: fc.array(catScore, { maxLength: 3 }),
    labels: fc.array(fc.record({ index: fc.integer({ min: 0, max: 999 }), label: text, score: float01 }, { noNullPrototype: true }), { maxLength: 3 }),
  },
  { requiredKeys: ['product', 'title', 'category', 'alternatives', 'labels'], noNullPrototype: true },
);

export function photoArb(jpeg: Uint8Array): fc.Arbitrary<DraftPhoto> {
  const bytes = fc.oneof(
    fc.constant({ b: jpeg, type: 'image/jpeg' }),
    fc.constant({ b: PNG_1x1, type: 'image/png' }),
    fc.record(
      { b: fc.uint8Array({ maxLength: 300 }), type: fc.constantFrom('image/jpeg', 'image/png', 'image/webp', '', 'application/octet-stream') },
      { noNullPrototype: true },
    ),
  );
  return fc
    .record(
      {
        id: fc.string({ minLength: 1, maxLength: 12 }),
        name: text,
        width: fc.integer({ min: 0, max: 4096 }),
        height: fc.integer({ min: 0, max: 4096 }),
        bytes,
        probs: fc.array(float01, { minLength: 1000, maxLength: 1000 }).map((a) => Float32Array.from(a)),
      },
      { requiredKeys: ['id', 'name', 'width', 'height', 'bytes'], noNullPrototype: true },
    )
    .map(({ bytes: { b, type }, ...p }) => ({ ...p, blob: new Blob([b as Uint8Array<ArrayBuffer>], { type }) }));
}

export function draftArb(jpeg: Uint8Array, maxPhotos = 6): fc.Arbitrary<Draft> {
  return fc.record(
    {
      id: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom('d-mk2abc-x1y2z3', 'a/b', 'a_b', 'ÄÖ', '..', 'CON')),
      title: text,
      category: fc.array(text, { maxLength: 4 }),
      price: fc.oneof(fc.constantFrom('', '12', '12.50', '-3', '1e9'), text),
      photos: fc.array(photoArb(jpeg), { maxLength: maxPhotos }),
      suggestion: fc.option(suggestion, { nil: null }),
      gtin: fc.oneof(fc.constantFrom('5901234123457', '0012345678905', ''), text),
      brand: text,
      condition: fc.constantFrom(1, 2, 3, 4, 5, null),
      shipping: fc.constantFrom(...SHIPPING_PAYERS),
      description: text,
      department: fc.constantFrom(...DEPARTMENTS),
      size: text,
      colour: text,
      unsure: fc.subarray([...UNSURE_FIELDS]),
      moderationDismissed: fc.array(text, { maxLength: 3 }),
      createdAt: fc.integer({ min: 0, max: 4_102_444_800_000 }),
      updatedAt: fc.integer({ min: 0, max: 4_102_444_800_000 }),
      rev: fc.nat(),
    },
    { requiredKeys: ['id', 'title', 'category', 'price', 'photos', 'suggestion', 'createdAt', 'updatedAt', 'rev'], noNullPrototype: true },
  );
}

/** Drafts with distinct ids (an export never holds one id twice). */
export const draftsArb = (jpeg: Uint8Array, maxLength = 4, maxPhotos = 6) => fc.uniqueArray(draftArb(jpeg, maxPhotos), { maxLength, selector: (d) => d.id });

/** A draft with every Blob replaced by {type, bytes}: toStrictEqual then compares bytes, keys and types exactly. */
export async function plain(d: Draft): Promise<unknown> {
  return {
    ...d,
    photos: await Promise.all(d.photos.map(async ({ blob, ...p }) => ({ ...p, type: blob.type, bytes: new Uint8Array(await blob.arrayBuffer()) }))),
  };
}
export const plainAll = (ds: Draft[]) => Promise.all(ds.map(plain));
