import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { describeGtin, gtinCheckDigit, isValidGtin, expandUpcE, compressUpcA, toGtin13, isAcceptableRead } from '../../src/core/gtin.ts';
import { isbn10CheckChar, isbn10To13, isbn13To10, isValidIsbn10, isValidIsbn13, padIsbn10 } from '../../src/core/isbn.ts';
import { gs1Prefix } from '../../src/core/gs1-prefixes.ts';
import { isbnGroup, ISBN_GROUP_COUNT } from '../../src/core/isbn-groups.ts';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const withCheck = (n: number) => digits(n - 1).map((b) => b + gtinCheckDigit(b));
const anyGtin = fc.oneof(withCheck(8), withCheck(12), withCheck(13), withCheck(14));
/** Any UPC-E with a correct check digit (some, e.g. 00000030, are non-canonical spellings of another UPC-E's UPC-A). */
const upce = fc.tuple(fc.constantFrom('0', '1'), digits(6)).map(([ns, d]) => {
  const upca = expandUpcE(`${ns}${d}0`)!;
  return `${ns}${d}${gtinCheckDigit(upca.slice(0, 11))}`;
});
const isbn10 = digits(9).map((b) => b + isbn10CheckChar(b));

describe('GTIN check digits (properties)', () => {
  it('a code built with its check digit validates, at every length', () => {
    fc.assert(fc.property(anyGtin, (c) => isValidGtin(c)));
  });
  it('changing any single digit breaks the check', () => {
    fc.assert(
      fc.property(anyGtin, fc.nat(), fc.integer({ min: 1, max: 9 }), (c, pos, delta) => {
        const i = pos % c.length;
        const changed = c.slice(0, i) + String((Number(c[i]) + delta) % 10) + c.slice(i + 1);
        return !isValidGtin(changed);
      }),
    );
  });
  it('every wrong check digit is rejected', () => {
    fc.assert(
      fc.property(digits(12), fc.integer({ min: 1, max: 9 }), (b, delta) => {
        const wrong = String((Number(gtinCheckDigit(b)) + delta) % 10);
        return !isValidGtin(b + wrong) && !describeGtin(b + wrong).valid;
      }),
    );
  });
  it('leading zeros do not change the check digit (GTIN-8/12/13 live in one GTIN-14 space)', () => {
    fc.assert(fc.property(withCheck(12), (c) => isValidGtin(`0${c}`) && isValidGtin(`00${c}`)));
  });
  it('swapping two adjacent digits that differ by other than 5 is detected', () => {
    fc.assert(
      fc.property(withCheck(13), fc.integer({ min: 0, max: 11 }), (c, i) => {
        const a = Number(c[i]);
        const b = Number(c[i + 1]);
        fc.pre(a !== b && Math.abs(a - b) !== 5);
        return !isValidGtin(c.slice(0, i) + c[i + 1] + c[i] + c.slice(i + 2));
      }),
    );
  });
});

describe('normalisation to GTIN-13 (properties)', () => {
  it('UPC-A → 0 + UPC-A, and the 13-digit form describes the same item', () => {
    fc.assert(
      fc.property(withCheck(12), (c) => {
        const d = describeGtin(c);
        return d.valid && d.gtin13 === `0${c}` && describeGtin(d.gtin13!).gtin13 === d.gtin13;
      }),
    );
  });
  it('UPC-E expands to a valid UPC-A that compresses to a UPC-E of the same item', () => {
    fc.assert(
      fc.property(upce, (e) => {
        const a = expandUpcE(e)!;
        const back = compressUpcA(a);
        return isValidGtin(a) && back !== null && expandUpcE(back) === a && toGtin13(e, 'upc_e') === `0${a}`;
      }),
    );
  });
  it('GTIN-14 with indicator 0 normalises like the GTIN-13 inside it', () => {
    fc.assert(fc.property(withCheck(13), (c) => toGtin13(`0${c}`) === toGtin13(c)));
  });
  it('describeGtin is idempotent on its gtin13', () => {
    fc.assert(
      fc.property(anyGtin, (c) => {
        const d = describeGtin(c);
        return !d.valid || describeGtin(d.gtin13!).gtin13 === d.gtin13;
      }),
    );
  });
  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string(), (s) => typeof describeGtin(s).valid === 'boolean'));
  });
});

describe('ISBN (properties)', () => {
  it('ISBN-10 → ISBN-13 → ISBN-10 round trip', () => {
    fc.assert(
      fc.property(isbn10, (i) => {
        const i13 = isbn10To13(i)!;
        return isValidIsbn13(i13) && i13.startsWith('978') && isbn13To10(i13) === i;
      }),
    );
  });
  it('any single-digit change of an ISBN-10 is detected (mod 11)', () => {
    fc.assert(
      fc.property(isbn10, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (i, pos, delta) => {
        const changed = i.slice(0, pos) + String((Number(i[pos]) + delta) % 10) + i.slice(pos + 1);
        return !isValidIsbn10(changed);
      }),
    );
  });
  it('979 ISBNs have no ISBN-10', () => {
    fc.assert(fc.property(digits(9), (b) => isbn13To10(`979${b}${gtinCheckDigit(`979${b}`)}`) === null));
  });
  it('padIsbn10 restores leading zeros lost by spreadsheets', () => {
    fc.assert(fc.property(isbn10, (i) => padIsbn10(i.replace(/^0+/, '')) === i || /^0+$/.test(i.slice(0, 9))));
  });
});

describe('examples', () => {
  it('known codes', () => {
    expect(isValidGtin('4006381333931')).toBe(true);
    expect(isValidGtin('036000291452')).toBe(true);
    expect(isValidGtin('96385074')).toBe(true);
    expect(expandUpcE('04252614')).toBe('042100005264');
    expect(compressUpcA('042100005264')).toBe('04252614');
    expect(isbn10To13('0306406152')).toBe('9780306406157');
    expect(isbn13To10('9780306406157')).toBe('0306406152');
    expect(isbn10CheckChar('080442957')).toBe('X');
    expect(padIsbn10('812971060')).toBeNull(); // the goodbooks row whose X was lost
  });
  it('describes a book with its ISBN group', () => {
    const d = describeGtin('978-4-87234-888-0');
    expect(d).toMatchObject({ valid: true, gtin13: '9784872348880', kind: 'book', isbn10: '4872348885', region: 'Japan', format: 'ean_13' });
    expect(describeGtin('0-306-40615-2')).toMatchObject({ valid: true, format: 'isbn_10', gtin13: '9780306406157', region: 'English language' });
    expect(describeGtin('9791032700990')).toMatchObject({ kind: 'book', region: 'France' });
  });
  it('special ranges', () => {
    expect(describeGtin('9771234567003').kind).toBe('periodical');
    expect(describeGtin('9790260000438').kind).toBe('sheet-music');
    const store = describeGtin(`2012345678909`.slice(0, 12) + gtinCheckDigit('201234567890'));
    expect(store).toMatchObject({ valid: true, kind: 'store-internal' });
    expect(store.message).toMatch(/store-internal/);
    expect(describeGtin(`04${'1234567890'}` + gtinCheckDigit('041234567890')).kind).toBe('store-internal');
    expect(describeGtin(`99${'1234567890'}` + gtinCheckDigit('991234567890')).kind).toBe('coupon');
    expect(describeGtin('5901234123457')).toMatchObject({ kind: 'product', country: 'PL', issuer: 'GS1 Poland' });
    expect(describeGtin('036000291452')).toMatchObject({ kind: 'product', country: 'US', format: 'upc_a', gtin13: '0036000291452' });
    expect(describeGtin('4902102072618')).toMatchObject({ country: 'JP' });
  });
  it('GTIN-14 case codes keep the GTIN-14 and name the item inside', () => {
    const d = describeGtin('10012345678902');
    expect(d).toMatchObject({ valid: true, format: 'gtin_14', gtin14: '10012345678902', gtin13: '0012345678905' });
    expect(describeGtin('00000096385074')).toMatchObject({ format: 'ean_8', gtin13: '0000096385074' });
  });
  it('clear messages for bad input', () => {
    expect(describeGtin('4006381333932').message).toMatch(/check digit\) should be 1, not 2/);
    expect(describeGtin('04252615', 'upc_e').message).toMatch(/UPC-E.*should be 4/);
    expect(describeGtin('030640615X').message).toMatch(/should be 2, not X/);
    expect(describeGtin('12345').valid).toBe(false);
    expect(describeGtin('').valid).toBe(false);
    expect(describeGtin('97800000000').message).toMatch(/11 digits/);
  });
  it('decoder acceptance checks length per symbology', () => {
    expect(isAcceptableRead('4006381333931', 'ean_13')).toBe(true);
    expect(isAcceptableRead('4006381333932', 'ean_13')).toBe(false);
    expect(isAcceptableRead('036000291452', 'ean_13')).toBe(false);
    expect(isAcceptableRead('04252614', 'upc_e')).toBe(true);
    expect(isAcceptableRead('04252615', 'upc_e')).toBe(false);
  });
  it('tables', () => {
    expect(ISBN_GROUP_COUNT()).toBe(263);
    expect(isbnGroup('9780306406157')?.agency).toBe('English language');
    expect(isbnGroup('9798000000000')?.agency).toBe('United States');
    expect(gs1Prefix('8001234567890').country).toBe('IT');
    expect(gs1Prefix('1001234567890').country).toBe('US');
  });
});
