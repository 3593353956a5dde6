/** Drafts JSON export/import: lossless round trip (property test) and every kind of bad file refused whole. */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '../../src/core/draft.ts';
import { EXPORT_FORMAT, EXPORT_VERSION, exportDraftsJson, importDraftsJson } from '../../src/core/draft-io.ts';
import { draftsArb, plainAll, PNG_1x1, tinyJpeg } from './draft-arb.ts';

let jpeg: Uint8Array;
beforeAll(async () => {
  jpeg = await tinyJpeg();
});

const b64 = (u: Uint8Array) => btoa(String.fromCharCode(...u));

function sample(over: Partial<Draft> = {}): Draft {
  return {
    id: 'd-1',
    title: 'Blue dress',
    category: ['Women', 'Dresses'],
    price: '25',
    suggestion: null,
    photos: [{ id: 'p1', name: 'front.jpg', width: 1, height: 1, blob: new Blob([PNG_1x1 as Uint8Array<ArrayBuffer>], { type: 'image/png' }) }],
    gtin: '5901234123457',
    brand: 'Acme',
    condition: 2,
    shipping: 'buyer',
    description: 'Worn once',
    department: 'Women',
    size: 'M',
    colour: 'Blue',
    unsure: ['colour'],
    moderationDismissed: ['nsfw'],
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_100_000,
    rev: 7,
    ...over,
  };
}

async function fileWith(mutate: (d: Record<string, unknown>) => void): Promise<string> {
  const data = JSON.parse(await exportDraftsJson([sample(), sample({ id: 'd-2', title: 'Red shoes' })]));
  mutate(data.drafts[1]);
  return JSON.stringify(data);
}

describe('exportDraftsJson → importDraftsJson', () => {
  it('round-trips any drafts exactly: every field, photo bytes and types, probs, rev (property)', async () => {
    await fc.assert(
      fc.asyncProperty(draftsArb(jpeg), async (drafts) => {
        const back = importDraftsJson(await exportDraftsJson(drafts));
        expect(await plainAll(back)).toStrictEqual(await plainAll(drafts));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps gtin, brand, condition, shipping and the new fields (the old import dropped them)', async () => {
    const [d] = importDraftsJson(await exportDraftsJson([sample()]));
    expect(d).toMatchObject({
      gtin: '5901234123457',
      brand: 'Acme',
      condition: 2,
      shipping: 'buyer',
      description: 'Worn once',
      department: 'Women',
      size: 'M',
      colour: 'Blue',
      unsure: ['colour'],
      moderationDismissed: ['nsfw'],
      rev: 7,
      updatedAt: 1_700_000_100_000,
    });
    expect(d.photos[0].blob.type).toBe('image/png');
    expect(new Uint8Array(await d.photos[0].blob.arrayBuffer())).toEqual(PNG_1x1);
  });

  it('reads a format-1 file from the previous app version', () => {
    const v1 = {
      format: EXPORT_FORMAT,
      version: 1,
      exportedAt: '2026-01-01T00:00:00Z',
      drafts: [
        {
          id: 'old',
          title: 'Lamp',
          category: ['Home'],
          price: '9',
          suggestion: null,
          createdAt: 1,
          updatedAt: 2,
          rev: 3,
          brand: 'Ikea',
          photos: [{ id: 'p', name: 'a.png', width: 1, height: 1, dataUrl: `data:image/png;base64,${b64(PNG_1x1)}` }],
        },
      ],
    };
    const [d] = importDraftsJson(JSON.stringify(v1));
    expect(d).toMatchObject({ id: 'old', brand: 'Ikea', rev: 3 });
    expect(d.photos[0].blob.type).toBe('image/png');
  });
});

describe('importDraftsJson refuses bad files with a message, importing nothing', () => {
  it('not JSON', () => {
    expect(() => importDraftsJson('PK\u0003\u0004 binary junk')).toThrow('This file is not a drafts export (it is not valid JSON).');
    expect(() => importDraftsJson('')).toThrow(/not valid JSON/);
  });

  it('another JSON file', () => {
    for (const t of ['{"format":"something else"}', '[]', 'null', '42', '"text"', `{"format":"${EXPORT_FORMAT}"}`]) {
      expect(() => importDraftsJson(t)).toThrow(/not a Listing Assistant drafts export|no valid format number/);
    }
    expect(() => importDraftsJson(JSON.stringify({ format: EXPORT_FORMAT, version: 1 }))).toThrow('This drafts export has no list of drafts.');
  });

  it('a newer format says which and what to do', () => {
    const t = JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION + 1, drafts: [] });
    expect(() => importDraftsJson(t)).toThrow(`This drafts export comes from a newer version of the app (format ${EXPORT_VERSION + 1}); update the app first.`);
  });

  it('damaged photos', async () => {
    await expect(
      fileWith((d) => {
        (d.photos as { dataUrl: string }[])[0].dataUrl = 'data:image/png;base64,@@@not base64@@@';
      }).then(importDraftsJson),
    ).rejects.toThrow('Draft 2 (“Red shoes”) in this file is damaged: photo 1 is damaged (its data is not valid base64). Nothing was imported.');
    await expect(
      fileWith((d) => {
        (d.photos as { dataUrl: string }[])[0].dataUrl = 'http://example.com/x.png';
      }).then(importDraftsJson),
    ).rejects.toThrow(/photo 1 is damaged \(a photo is not a base64 data URL\)/);
    await expect(
      fileWith((d) => {
        delete (d.photos as { dataUrl?: string }[])[0].dataUrl;
      }).then(importDraftsJson),
    ).rejects.toThrow(/photo 1 is damaged \(it has no image data\)/);
    await expect(
      fileWith((d) => {
        (d.photos as { width: unknown }[])[0].width = '1';
      }).then(importDraftsJson),
    ).rejects.toThrow(/photo 1 has no valid width and height/);
    await expect(
      fileWith((d) => {
        (d.photos as { probs: unknown }[])[0].probs = [0.1, 'x'];
      }).then(importDraftsJson),
    ).rejects.toThrow(/damaged class probabilities/);
  });

  it.each([
    ['title', 5, /its title is not text/],
    ['price', 25, /its price is not text/],
    ['category', 'Women > Dresses', /its category is not a list of names/],
    ['photos', null, /it has no list of photos/],
    ['id', '', /it has no id/],
    ['rev', -1, /revision number/],
    ['rev', 1.5, /revision number/],
    ['updatedAt', 'yesterday', /dates are missing/],
    ['gtin', 5901234123457, /its barcode is not text/],
    ['brand', ['Acme'], /its brand is not text/],
    ['condition', 6, /its condition is not 1–5/],
    ['condition', '2', /its condition is not 1–5/],
    ['shipping', 'free', /its shipping is not seller or buyer/],
    ['department', 'Dogs', /its department is not Women, Men, Kids or Unisex/],
    ['description', { html: true }, /its description is not text/],
    ['moderationDismissed', 'nsfw', /dismissed warnings are not a list/],
    ['unsure', ['size'], /its unsure fields are not department or colour/],
    ['suggestion', { product: 'yes' }, /photo suggestion is damaged/],
  ])('wrong type: %s = %j', async (key, value, message) => {
    const text = await fileWith((d) => {
      d[key] = value;
    });
    expect(() => importDraftsJson(text)).toThrow(message);
    expect(() => importDraftsJson(text)).toThrow(/^Draft 2 .*Nothing was imported\.$/);
  });

  it('a draft that is not an object, and one id twice', async () => {
    const data = JSON.parse(await exportDraftsJson([sample()]));
    expect(() => importDraftsJson(JSON.stringify({ ...data, drafts: [...data.drafts, 'garbage'] }))).toThrow(
      'Draft 2 in this file is damaged: it is not a draft. Nothing was imported.',
    );
    expect(() => importDraftsJson(JSON.stringify({ ...data, drafts: [data.drafts[0], data.drafts[0]] }))).toThrow(/“Blue dress” appears twice/);
  });

  it('unknown extra keys are not imported', async () => {
    const text = await fileWith((d) => {
      d.evil = '<script>';
      (d.photos as Record<string, unknown>[])[0].extra = 1;
    });
    const [, d] = importDraftsJson(text);
    expect(d).not.toHaveProperty('evil');
    expect(d.photos[0]).not.toHaveProperty('extra');
  });

  it('the thrown error carries the bad-input code', () => {
    try {
      importDraftsJson('nope');
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'bad-input' });
    }
  });
});
