/** ISBN-10 / ISBN-13 maths (no hyphenation). ISBN-13 is a GTIN-13 under the 978/979 Bookland prefixes. */
import { gtinCheckDigit, isValidGtin } from './gtin-check.ts';

/** ISBN-10 check character (mod 11, "X" for 10) of the first 9 digits. */
export function isbn10CheckChar(first9: string): string {
  if (!/^\d{9}$/.test(first9)) throw new RangeError(`isbn10CheckChar needs 9 digits, got "${first9}"`);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (10 - i) * (first9.charCodeAt(i) - 48);
  const c = (11 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

/** Strips spaces and hyphens and upper-cases a trailing x. */
export function cleanIsbn(s: string): string {
  return s.replace(/[\s-]/g, '').toUpperCase();
}

export function isValidIsbn10(s: string): boolean {
  const c = cleanIsbn(s);
  return /^\d{9}[\dX]$/.test(c) && isbn10CheckChar(c.slice(0, 9)) === c[9];
}

export function isValidIsbn13(s: string): boolean {
  const c = cleanIsbn(s);
  return /^97[89]\d{10}$/.test(c) && isValidGtin(c);
}

/** ISBN-10 → ISBN-13 (978 prefix, check digit recomputed). Returns null for an invalid ISBN-10. */
export function isbn10To13(isbn10: string): string | null {
  const c = cleanIsbn(isbn10);
  if (!isValidIsbn10(c)) return null;
  const body = `978${c.slice(0, 9)}`;
  return body + gtinCheckDigit(body);
}

/** ISBN-13 → ISBN-10; only 978 ISBNs have one (979 never do). Returns null otherwise. */
export function isbn13To10(isbn13: string): string | null {
  const c = cleanIsbn(isbn13);
  if (!isValidIsbn13(c) || !c.startsWith('978')) return null;
  const first9 = c.slice(3, 12);
  return first9 + isbn10CheckChar(first9);
}

/**
 * Left-pads an ISBN-10 whose leading zeros were lost (spreadsheets), e.g. "812971060" → "0812971060"
 * only when the padded form is valid.
 */
export function padIsbn10(s: string): string | null {
  const c = cleanIsbn(s);
  if (!/^\d{1,9}[\dX]$/.test(c)) return null;
  const padded = c.padStart(10, '0');
  return isValidIsbn10(padded) ? padded : null;
}
