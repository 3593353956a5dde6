/** Listing fields from catalog rows: brand into Brand, title from brand + name + size, books as "Title by Author". */
import { describe, expect, it } from 'vitest';
import { composeTitle, firstAuthor, stripSeries } from '../../src/core/catalog-title.ts';
import { barcodePrefill, productWordsCategory, type CatalogEntry } from '../../src/core/catalog.ts';
import { CatalogParser, parseCatalogText } from '../../src/core/catalog-parse.ts';
import { decodeStarter, encodeStarter } from '../../src/core/catalog-starter.ts';
import { sniffCatalogBytes } from '../../src/core/catalog-sniff.ts';
import { scopeCategoriesToBarcode } from '../../src/core/catalog-category.ts';

describe('title and brand from a catalog row', () => {
  it('Datakick Coke Zero (brand "Coke", name "Zero", size "12"): brand Coke, title "Coke Zero", category from the full name, not Video Games', () => {
    const entry: CatalogEntry = { gtin13: '0049000042566', title: 'Zero', brand: 'Coke', size: '12', source: 'Datakick (CC0 1.0)', origin: 'starter' };
    const p = barcodePrefill('049000042566', entry);
    expect(p.title).toBe('Coke Zero');
    expect(p.brand).toBe('Coke');
    expect(p.category).toEqual(['Other', 'Miscellaneous']);
    expect(p.evidence.join('\n')).toMatch(/Brand \(Coke\) and name from the offline catalog: Datakick \(CC0 1\.0\)/);
    expect(p.evidence.join('\n')).toMatch(/Category from the product's name \(“Coke Zero”\)/);
  });
  it('everyday-product words: health, beauty, cleaning; an unknown name is left to the text model', () => {
    expect(productWordsCategory('Meijer Vitamin C 500 mg 100 caplets')).toEqual(['Other', 'Health & Medical']);
    expect(productWordsCategory('Dove Body Wash 22 fl oz')).toEqual(['Beauty', 'Bath & Body']);
    expect(productWordsCategory('Clorox Disinfecting Wipes')).toEqual(['Home', 'Cleaning Supplies']);
    expect(productWordsCategory('Sony WH-1000XM4')).toEqual([]);
    const p = barcodePrefill('049000042566', { gtin13: '0049000042566', title: 'WH-1000XM4', brand: 'Sony', source: 'x.csv' });
    expect(p.category).toEqual([]);
    expect(p.evidence.join('\n')).toMatch(/text model over the full product title/);
  });
  it('size with a unit is appended; a name that already holds the brand or size is not doubled', () => {
    expect(composeTitle({ title: 'Turkey Jerky Teriyaki', brand: "Trader Joe's", size: '4 oz' }, 'product')).toBe("Trader Joe's Turkey Jerky Teriyaki 4 oz");
    expect(composeTitle({ title: 'Coke Zero', brand: 'Coca Cola', size: '67.6 fl oz' }, 'product')).toBe('Coca Cola Coke Zero 67.6 fl oz');
    expect(composeTitle({ title: 'Coca Cola Classic 12 oz', brand: 'Coca Cola', size: '12 oz' }, 'product')).toBe('Coca Cola Classic 12 oz');
    expect(composeTitle({ title: 'Zero', size: '12' }, 'product')).toBe('Zero');
  });
  it('books: "Title by first author"; the series note goes only when the title would pass 80 characters', () => {
    expect(composeTitle({ title: 'The Hunger Games (The Hunger Games, #1)', creator: 'Suzanne Collins' }, 'book')).toBe(
      'The Hunger Games (The Hunger Games, #1) by Suzanne Collins',
    );
    expect(firstAuthor('J.K. Rowling, Mary GrandPré')).toBe('J.K. Rowling');
    expect(stripSeries('Catching Fire (The Hunger Games, #2)')).toBe('Catching Fire');
    const long = composeTitle(
      { title: "Harry Potter and the Sorcerer's Stone: The Illustrated Edition (Harry Potter, #1)", creator: 'J.K. Rowling, Jim Kay' },
      'book',
    );
    expect(long).toBe("Harry Potter and the Sorcerer's Stone: The Illustrated Edition by J.K. Rowling");
    expect(long.length).toBeLessThanOrEqual(80);
  });
  it('an ISBN row: Books & Media › Books, no brand, author credited', () => {
    const p = barcodePrefill('9780439023481', {
      gtin13: '9780439023481',
      title: 'The Hunger Games (The Hunger Games, #1)',
      creator: 'Suzanne Collins',
      source: 'goodbooks-10k (CC BY-SA 4.0)',
    });
    expect(p.category).toEqual(['Books & Media', 'Books']);
    expect(p.brand).toBe('');
    expect(p.evidence.join('\n')).toMatch(/Title and author \(Suzanne Collins\) from the offline catalog: goodbooks-10k \(CC BY-SA 4\.0\)/);
  });
  it('an older import that kept the brand in creator still fills Brand', () => {
    const p = barcodePrefill('049000042566', { gtin13: '0049000042566', title: 'Zero', creator: 'Coke', source: 'old.csv' });
    expect([p.title, p.brand]).toEqual(['Coke Zero', 'Coke']);
  });
});

describe('catalog import columns and file sniffing', () => {
  it('brand, size and author columns are told apart (Datakick header)', () => {
    const r = parseCatalogText('GTIN-14,Brand Name,Name,Size,Author\n00049000042566,Coke,Zero,12,\n');
    expect(r.rows.get('0049000042566')).toMatchObject({ title: 'Zero', brand: 'Coke', size: '12', creator: undefined });
  });
  it('a file without a barcode column says which columns it found, once', () => {
    const p = new CatalogParser();
    const b = p.push('name,colour,price\nShirt,red,3\nHat,blue,4\n');
    const e = p.end();
    expect(b.accepted.length + e.accepted.length).toBe(0);
    expect(p.problem).toBe('No column holds barcodes; found: “name”, “colour”, “price”. Name one column gtin, ean, upc or isbn.');
  });
  it('gzip, zip, xlsx, images and binary files are recognised from their first bytes', () => {
    expect(sniffCatalogBytes(new Uint8Array([0x1f, 0x8b, 8, 0]))).toEqual({ kind: 'gzip' });
    expect(sniffCatalogBytes(new Uint8Array([0x50, 0x4b, 3, 4]), 'x.xlsx')).toMatchObject({ kind: 'unreadable', reason: /Excel/ });
    expect(sniffCatalogBytes(new Uint8Array([0x50, 0x4b, 3, 4]), 'x.zip')).toMatchObject({ kind: 'unreadable', reason: /ZIP/ });
    expect(sniffCatalogBytes(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toMatchObject({ kind: 'unreadable', reason: /image/ });
    expect(sniffCatalogBytes(new Uint8Array(100).fill(1))).toMatchObject({ kind: 'unreadable', reason: /binary/ });
    expect(sniffCatalogBytes(new TextEncoder().encode('isbn,title\n'))).toEqual({ kind: 'text' });
  });
});

describe('starter catalog document', () => {
  it('round-trips entries with their source label and origin', () => {
    const doc = encodeStarter(
      [{ id: 'd', name: 'Datakick', licence: 'CC0 1.0', licenceUrl: '', url: '', rows: 1 }],
      [{ gtin13: '0049000042566', sourceIndex: 0, title: 'Zero', brand: 'Coke', size: '12' }],
    );
    const { entries, sources } = decodeStarter(JSON.parse(JSON.stringify(doc)));
    expect(sources[0].name).toBe('Datakick');
    expect(entries).toEqual([{ gtin13: '0049000042566', title: 'Zero', brand: 'Coke', size: '12', source: 'Datakick (CC0 1.0)', origin: 'starter' }]);
    expect(() => decodeStarter({ format: 'x' })).toThrow(/not a starter catalog/);
  });
});

describe('category chips for a book barcode', () => {
  const chips = [
    { path: ['Toys & Games', 'Dolls & Accessories'], score: 0.4 },
    { path: ['Beauty', 'Makeup', 'Lips'], score: 0.3 },
    { path: ['Books & Media', 'Books'], score: 0.2 },
  ];
  it('an ISBN keeps only book categories (Books & Media › Books added when missing)', () => {
    expect(scopeCategoriesToBarcode(chips, '9780439023481').map((c) => c.path.join(' › '))).toEqual(['Books & Media › Books']);
    expect(scopeCategoriesToBarcode(chips.slice(0, 2), '9780439023481').map((c) => c.path.join(' › '))).toEqual(['Books & Media › Books']);
  });
  it('unless the photo disagrees strongly; other codes are left alone', () => {
    expect(scopeCategoriesToBarcode(chips, '9780439023481', { path: ['Toys & Games', 'Dolls & Accessories'], score: 0.9 })).toHaveLength(3);
    expect(scopeCategoriesToBarcode(chips, '9780439023481', { path: ['Toys & Games', 'Dolls & Accessories'], score: 0.5 })).toHaveLength(1);
    expect(scopeCategoriesToBarcode(chips, '0049000042566')).toHaveLength(3);
    expect(scopeCategoriesToBarcode(chips, '9790001234567')).toHaveLength(3); // 979-0: printed music, not a book
    expect(scopeCategoriesToBarcode(chips, '')).toHaveLength(3);
  });
});
