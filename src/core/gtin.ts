/**
 * GTIN validation, normalisation to GTIN-13 and "what does this number say" (describeGtin).
 * GS1 treats EAN-13, UPC-A, UPC-E and EAN-8 as one key space: everything is stored and looked up by GTIN-13
 * (UPC-A → leading 0, UPC-E → expanded UPC-A → leading 0, EAN-8 → five leading zeros, GTIN-14 with
 * indicator 0 → first digit dropped).
 */
import { gtinCheckDigit, isValidGtin, expandUpcE, compressUpcA } from './gtin-check.ts';
import { cleanIsbn, isbn10CheckChar, isValidIsbn10, isbn10To13, isbn13To10 } from './isbn.ts';
import { gs1Prefix, gs1PrefixEan8, type PrefixKind } from './gs1-prefixes.ts';
import { isbnGroup } from './isbn-groups.ts';

export { gtinCheckDigit, isValidGtin, expandUpcE, compressUpcA };

/** Symbologies / number forms, named as in the barcode manifest. */
export type GtinFormat = 'ean_13' | 'upc_a' | 'upc_e' | 'ean_8' | 'gtin_14' | 'isbn_10';

export interface GtinDescription {
  valid: boolean;
  /** The cleaned input (digits, or ISBN-10 with X). */
  code: string;
  format?: GtinFormat;
  /** Key for storage and lookup; set when valid. */
  gtin13?: string;
  /** Set for GTIN-14 input (kept, since a case code is not the item's GTIN). */
  gtin14?: string;
  kind?: PrefixKind;
  /** ISO 3166 code of the GS1 member organisation (products). */
  country?: string;
  /** Language area or country of the ISBN registration group (books), or the GS1 country's English name. */
  region?: string;
  /** Issuer of the range, e.g. "GS1 UK", "Bookland (ISBN)". */
  issuer?: string;
  isbn10?: string;
  isbn13?: string;
  /** Only for UPC-A codes that have a zero-suppressed UPC-E form, and for UPC-E input. */
  upce?: string;
  /** Why the code is invalid, or a warning (store-internal, coupon, case code) for a valid one. */
  message?: string;
}

/** Digits only, spaces and hyphens removed; keeps a trailing X (ISBN-10). */
export function cleanCode(s: string): string {
  return cleanIsbn(String(s).trim());
}

function badCheck(code: string, name: string): string {
  const expected = gtinCheckDigit(code.slice(0, -1));
  return `${code} is not a valid ${name}: the last digit (check digit) should be ${expected}, not ${code[code.length - 1]}. A digit was probably misread or mistyped.`;
}

/** 8 digits are ambiguous: EAN-8, or UPC-E (number system 0/1). With no hint, EAN-8 wins when it is valid as one. */
function eightDigits(code: string, hint?: GtinFormat): { format: GtinFormat; gtin13: string; upce?: string } | null {
  const upca = expandUpcE(code);
  const upceOk = upca !== null && isValidGtin(upca);
  const ean8Ok = isValidGtin(code);
  if (hint === 'upc_e') return upceOk ? { format: 'upc_e', gtin13: `0${upca}`, upce: code } : null;
  if (ean8Ok) return { format: 'ean_8', gtin13: code.padStart(13, '0') };
  if (upceOk) return { format: 'upc_e', gtin13: `0${upca}`, upce: code };
  return null;
}

/**
 * Normalises any GTIN form to GTIN-13, or returns null when it is not a valid GTIN.
 * `hint` (the decoder's symbology) resolves the EAN-8 / UPC-E ambiguity of 8-digit codes.
 */
export function toGtin13(input: string, hint?: GtinFormat): string | null {
  const d = describeGtin(input, hint);
  return d.valid ? d.gtin13! : null;
}

const regionNames = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' });
  } catch {
    return null;
  }
})();

function addPrefixFacts(out: GtinDescription): GtinDescription {
  const g = out.gtin13!;
  const info = out.format === 'ean_8' ? gs1PrefixEan8(out.code) : gs1Prefix(g);
  out.kind = info.kind;
  out.issuer = info.issuer;
  if (info.country) {
    out.country = info.country;
    out.region = regionNames?.of(info.country) ?? info.country;
  }
  if (info.warning) out.message = info.warning;
  if (info.kind === 'book') {
    out.isbn13 = g;
    const i10 = isbn13To10(g);
    if (i10) out.isbn10 = i10;
    const group = isbnGroup(g);
    if (group) out.region = group.agency;
    else out.message = `ISBN ${g} is not in a known ISBN registration group (table of Nov 2022).`;
  } else if (info.kind === 'sheet-music') {
    out.region = undefined;
  }
  return out;
}

/**
 * Validates and explains a code: GTIN-8/12/13/14, UPC-E, or ISBN-10 (hyphens/spaces allowed).
 * `hint` is the symbology reported by a decoder, if any.
 */
export function describeGtin(input: string, hint?: GtinFormat): GtinDescription {
  const code = cleanCode(input);
  const invalid = (message: string, format?: GtinFormat): GtinDescription => ({ valid: false, code, format, message });
  if (code === '') return invalid('No code given.');
  if (/^\d{9}X$/.test(code) || (code.length === 10 && /^\d+$/.test(code))) {
    if (!isValidIsbn10(code))
      return invalid(
        `${code} is not a valid ISBN-10: the last character (check digit) should be ${isbn10CheckChar(code.slice(0, 9))}, not ${code[9]}. A digit was probably misread or mistyped.`,
        'isbn_10',
      );
    return addPrefixFacts({ valid: true, code, format: 'isbn_10', gtin13: isbn10To13(code)! });
  }
  if (!/^\d+$/.test(code)) return invalid(`"${input}" is not a barcode number: it must contain only digits (or end in X for an ISBN-10).`);
  switch (code.length) {
    case 8: {
      const r = eightDigits(code, hint);
      if (!r) {
        if (hint === 'upc_e') {
          const upca = expandUpcE(code);
          if (!upca) return invalid(`${code} is not a UPC-E code: UPC-E starts with 0 or 1.`, 'upc_e');
          return invalid(
            `${code} is not a valid UPC-E code: the last digit (check digit) should be ${gtinCheckDigit(upca.slice(0, 11))}, not ${code[7]}. A digit was probably misread or mistyped.`,
            'upc_e',
          );
        }
        return invalid(badCheck(code, 'EAN-8 code'), 'ean_8');
      }
      return addPrefixFacts({ valid: true, code, format: r.format, gtin13: r.gtin13, upce: r.upce });
    }
    case 12: {
      if (!isValidGtin(code)) return invalid(badCheck(code, 'UPC-A code'), 'upc_a');
      const upce = compressUpcA(code) ?? undefined;
      return addPrefixFacts({ valid: true, code, format: 'upc_a', gtin13: `0${code}`, upce });
    }
    case 13:
      if (!isValidGtin(code)) return invalid(badCheck(code, code.startsWith('97') ? 'EAN-13 / ISBN-13' : 'EAN-13 code'), 'ean_13');
      return addPrefixFacts({ valid: true, code, format: code.startsWith('0') && hint === 'upc_a' ? 'upc_a' : 'ean_13', gtin13: code });
    case 14: {
      if (!isValidGtin(code)) return invalid(badCheck(code, 'GTIN-14'), 'gtin_14');
      if (code[0] === '0') {
        // zero-padded shorter GTIN: 6 zeros → EAN-8 (UPC-As starting 0000 are not issued), 2 zeros → UPC-A
        const inner = code.startsWith('000000') ? code.slice(6) : code.startsWith('00') ? code.slice(2) : code.slice(1);
        return { ...describeGtin(inner, inner.length === 8 ? undefined : hint), code, gtin14: code };
      }
      const body = code.slice(1, 13);
      const gtin13 = body + gtinCheckDigit(body);
      const d = addPrefixFacts({ valid: true, code, format: 'gtin_14', gtin13, gtin14: code });
      d.message = `${code} is a GTIN-14 for a case or pack (indicator ${code[0]}); the single item inside is ${gtin13}.`;
      return d;
    }
    default:
      return invalid(
        `${code} has ${code.length} digits; product barcodes have 8 (EAN-8/UPC-E), 12 (UPC-A), 13 (EAN-13/ISBN) or 14 (GTIN-14), and ISBN-10 has 10.`,
      );
  }
}

/** True when a decoder's text with its symbology is a valid GTIN (what the scanner accepts). */
export function isAcceptableRead(text: string, format: GtinFormat): boolean {
  if (format === 'ean_8') return text.length === 8 && isValidGtin(text);
  if (format === 'upc_e') return eightDigits(text, 'upc_e') !== null;
  if (format === 'upc_a') return text.length === 12 && isValidGtin(text);
  if (format === 'ean_13') return text.length === 13 && isValidGtin(text);
  return false;
}
