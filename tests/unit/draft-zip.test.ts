/** ZIP export in Node: CSV + photo files + lossless JSON; importing the ZIP gives back the same drafts and photos. */
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '../../src/core/draft.ts';
import { exportDraftsJson } from '../../src/core/draft-io.ts';
import { exportDraftsZip, importDraftsFile, importDraftsZip, isZip } from '../../src/storage/drafts-zip.ts';
import { draftsArb, plainAll, tinyJpeg } from './draft-arb.ts';

let jpeg: Uint8Array;
beforeAll(async () => {
  jpeg = await tinyJpeg();
});

function manyPhotos(n: number): Draft {
  return {
    id: 'd-many',
    title: 'Forty photos 📷',
    category: ['Electronics'],
    price: '99',
    suggestion: null,
    createdAt: 5,
    updatedAt: 6,
    rev: 4,
    condition: 1,
    photos: Array.from({ length: n }, (_, j) => ({
      id: `p${j}`,
      name: `IMG_${j}.jpg`,
      width: 3,
      height: 2,
      blob: new Blob([jpeg as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }),
      probs: Float32Array.from({ length: 1000 }, (_, k) => (k === j ? 0.5 : 0.0005)),
    })),
  };
}

describe('exportDraftsZip', () => {
  it('holds drafts.csv, drafts.json without data URLs, and each photo as a file named as in the CSV', async () => {
    const zip = await exportDraftsZip([manyPhotos(40)]);
    expect(isZip(zip)).toBe(true);
    const files = unzipSync(zip);
    const photoNames = Array.from({ length: 40 }, (_, j) => `d-many-${j + 1}.jpg`);
    expect(Object.keys(files).sort()).toEqual(['drafts.csv', 'drafts.json', ...photoNames].sort());
    for (const n of photoNames) expect(files[n]).toEqual(jpeg);
    const csv = new TextDecoder().decode(files['drafts.csv']);
    expect(csv).toContain(photoNames.join(';'));
    const json = new TextDecoder().decode(files['drafts.json']);
    expect(json).not.toContain('data:');
    expect(JSON.parse(json).drafts[0].photos[39]).toMatchObject({ file: 'd-many-40.jpg', type: 'image/jpeg' });
  });

  it('ZIP round trip: importing the ZIP re-creates the same drafts with the same photos', async () => {
    const d = manyPhotos(40);
    const back = await importDraftsFile(new Blob([(await exportDraftsZip([d])) as Uint8Array<ArrayBuffer>]));
    expect(await plainAll(back)).toStrictEqual(await plainAll([d]));
  });

  it('round-trips any drafts (property), the same as the JSON export', async () => {
    await fc.assert(
      fc.asyncProperty(draftsArb(jpeg, 4, 5), async (drafts) => {
        const back = importDraftsZip(await exportDraftsZip(drafts));
        expect(await plainAll(back)).toStrictEqual(await plainAll(drafts));
      }),
      { numRuns: 60 },
    );
  });

  it('importDraftsFile also takes a JSON export (with or without a BOM)', async () => {
    const d = manyPhotos(2);
    const json = await exportDraftsJson([d]);
    expect(await plainAll(await importDraftsFile(new Blob([json])))).toStrictEqual(await plainAll([d]));
    expect(await importDraftsFile(new Blob(['\uFEFF' + json]))).toHaveLength(1);
  });
});

describe('bad ZIP files change nothing and say why', () => {
  it('a cut-off ZIP', async () => {
    const zip = await exportDraftsZip([manyPhotos(3)]);
    expect(() => importDraftsZip(zip.subarray(0, zip.length - 200))).toThrow(/This ZIP file is damaged and cannot be read/);
  });

  it('a ZIP without drafts.json', () => {
    expect(() => importDraftsZip(zipSync({ 'notes.txt': strToU8('hi') }))).toThrow(
      'This ZIP file has no drafts.json: it is not a Listing Assistant drafts export.',
    );
  });

  it('a ZIP missing a photo file names the draft and the file', async () => {
    const files = unzipSync(await exportDraftsZip([manyPhotos(3)]));
    delete files['d-many-2.jpg'];
    expect(() => importDraftsZip(zipSync(files))).toThrow(
      'Draft 1 (“Forty photos 📷”) in this file is damaged: photo 2 is damaged (its file d-many-2.jpg is missing). Nothing was imported.',
    );
  });

  it('a photo reference that tries to reach other entries or prototype keys', async () => {
    const files = unzipSync(await exportDraftsZip([manyPhotos(1)]));
    for (const evil of ['drafts.json', '__proto__', 'constructor', 'drafts.csv']) {
      const data = JSON.parse(new TextDecoder().decode(files['drafts.json']));
      data.drafts[0].photos[0].file = evil;
      expect(() => importDraftsZip(zipSync({ ...files, 'drafts.json': strToU8(JSON.stringify(data)) }))).toThrow(
        /photo 1 is damaged \(its file .* is missing\)/,
      );
    }
  });

  it('a JSON export that references files, opened on its own, asks for the ZIP', async () => {
    const json = new TextDecoder().decode(unzipSync(await exportDraftsZip([manyPhotos(1)]))['drafts.json']);
    await expect(importDraftsFile(new Blob([json]))).rejects.toThrow(/its file d-many-1.jpg is not in this export \(import the whole ZIP\)/);
  });

  it('a binary file that is neither', async () => {
    await expect(importDraftsFile(new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0xc3])]))).rejects.toThrow(/neither JSON text nor a ZIP file/);
  });
});
