/** CSV export: every field, condition words, photo file names, quoting and formula injection. */
import { describe, expect, it } from 'vitest';
import type { Draft } from '../../src/core/draft.ts';
import { CSV_COLUMNS, csvCell, exportDraftsCsv, photoFileNames } from '../../src/core/draft-csv.ts';

const blob = (type = 'image/jpeg') => new Blob([new Uint8Array([1, 2, 3])], { type });
const photo = (id: string, type?: string) => ({ id, name: `${id}.jpg`, width: 1, height: 1, blob: blob(type) });

function draft(over: Partial<Draft> = {}): Draft {
  return {
    id: 'd-1',
    title: 'Blue dress',
    category: ['Women', 'Dresses', 'Maxi'],
    price: '25',
    suggestion: null,
    photos: [photo('a'), photo('b', 'image/png')],
    gtin: '5901234123457',
    brand: 'Acme',
    condition: 2,
    shipping: 'seller',
    description: 'Worn once',
    department: 'Women',
    size: 'M',
    colour: 'Blue',
    createdAt: Date.UTC(2026, 0, 2, 3, 4, 5),
    updatedAt: Date.UTC(2026, 1, 3, 4, 5, 6),
    rev: 1,
    ...over,
  };
}

/** A small RFC 4180 reader, only for checking what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [],
    cell = '',
    q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('exportDraftsCsv', () => {
  it('has a BOM, the header and every field of a draft', () => {
    const csv = exportDraftsCsv([draft()]);
    expect(csv.startsWith('\uFEFFid,title,description,category,brand,department,size,colour,condition,shipping,price,barcode,photos,created,updated\r\n')).toBe(
      true,
    );
    const [head, row] = parseCsv(csv.slice(1));
    expect(head).toEqual([...CSV_COLUMNS]);
    expect(Object.fromEntries(head.map((h, i) => [h, row[i]]))).toEqual({
      id: 'd-1',
      title: 'Blue dress',
      description: 'Worn once',
      category: 'Women > Dresses > Maxi',
      brand: 'Acme',
      department: 'Women',
      size: 'M',
      colour: 'Blue',
      condition: 'Like new',
      shipping: 'seller',
      price: '25',
      barcode: '5901234123457',
      photos: 'd-1-1.jpg;d-1-2.png',
      created: '2026-01-02T03:04:05.000Z',
      updated: '2026-02-03T04:05:06.000Z',
    });
  });

  it.each([
    [1, 'New'],
    [2, 'Like new'],
    [3, 'Good'],
    [4, 'Fair'],
    [5, 'Poor'],
    [null, ''],
    [undefined, ''],
  ])('condition %s → %j', (condition, word) => {
    const [, row] = parseCsv(exportDraftsCsv([draft({ condition })]).slice(1));
    expect(row[CSV_COLUMNS.indexOf('condition')]).toBe(word);
  });

  it('a draft with only the required fields gives empty cells, not "undefined"', () => {
    const bare: Draft = { id: 'x', title: '', category: [], price: '', photos: [], suggestion: null, createdAt: 0, updatedAt: 0, rev: 0 };
    const csv = exportDraftsCsv([bare]);
    expect(csv).not.toMatch(/undefined|null/);
    expect(parseCsv(csv.slice(1))[1]).toEqual(['x', '', '', '', '', '', '', '', '', '', '', '', '', '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z']);
  });

  it('quotes, commas and line breaks survive a CSV reader; unicode is kept', () => {
    const title = 'Dress, "vintage"\nline two\r\nthree 👗 فستان';
    const [, row] = parseCsv(exportDraftsCsv([draft({ title, description: 'a,b' })]).slice(1));
    expect(row[1]).toBe(title);
    expect(row[2]).toBe('a,b');
  });

  it('formula injection: cells starting with = + - @ tab or CR are neutralised with an apostrophe', () => {
    for (const evil of ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      const cell = csvCell(evil);
      const seen = parseCsv(`${cell}\r\n`)[0][0];
      expect(seen).toBe(`'${evil}`);
      expect(seen).not.toMatch(/^[=+\-@\t\r]/);
    }
    const [, row] = parseCsv(exportDraftsCsv([draft({ title: '=cmd|/C calc!A0', brand: '@x' })]).slice(1));
    expect(row[1]).toBe("'=cmd|/C calc!A0");
    expect(row[4]).toBe("'@x");
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a "b"')).toBe('"a ""b"""');
  });
});

describe('photoFileNames', () => {
  it('are file-name safe and unique even when ids clean up to the same text', () => {
    const names = photoFileNames([draft({ id: 'a/b' }), draft({ id: 'a_b' }), draft({ id: 'A_B' }), draft({ id: '../..', photos: [photo('z', '')] })]);
    expect(names.get('a/b')).toEqual(['a_b-1.jpg', 'a_b-2.png']);
    expect(names.get('a_b')).toEqual(['a_b~2-1.jpg', 'a_b~2-2.png']);
    expect(names.get('A_B')).toEqual(['A_B~3-1.jpg', 'A_B~3-2.png']); // case-insensitive file systems
    expect(names.get('../..')).toEqual(['_____-1.bin']);
    const all = [...names.values()].flat().map((n) => n.toLowerCase());
    expect(new Set(all).size).toBe(all.length);
  });
});
