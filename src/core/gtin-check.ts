/** GS1 mod-10 check digits shared by GTIN-8/12/13/14, UPC-E and ISBN-13 (no imports: the base of gtin.ts and isbn.ts). */

/** Check digit for the digits that precede it (any length): weights 3,1,3,… from the right. */
export function gtinCheckDigit(body: string): string {
  if (!/^\d+$/.test(body)) throw new RangeError(`gtinCheckDigit needs digits, got "${body}"`);
  let sum = 0;
  for (let i = body.length - 1, w = 3; i >= 0; i--, w = 4 - w) sum += w * (body.charCodeAt(i) - 48);
  return String((10 - (sum % 10)) % 10);
}

/** True for an 8-, 12-, 13- or 14-digit string whose last digit is its GS1 check digit. */
export function isValidGtin(code: string): boolean {
  if (!/^\d{8}$|^\d{12,14}$/.test(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === code[code.length - 1];
}

/**
 * UPC-E (8 digits: number system 0/1, 6 data digits, check) → UPC-A (12 digits), or null if it is not
 * a UPC-E shape. The check digit is carried over; validate the result with isValidGtin.
 */
export function expandUpcE(upce: string): string | null {
  if (!/^[01]\d{7}$/.test(upce)) return null;
  const ns = upce[0];
  const d = upce.slice(1, 7);
  const check = upce[7];
  const last = d[5];
  let body: string;
  if (last === '0' || last === '1' || last === '2') body = `${d.slice(0, 2)}${last}0000${d.slice(2, 5)}`;
  else if (last === '3') body = `${d.slice(0, 3)}00000${d.slice(3, 5)}`;
  else if (last === '4') body = `${d.slice(0, 4)}00000${d[4]}`;
  else body = `${d.slice(0, 5)}0000${last}`;
  return ns + body + check;
}

/** UPC-A → UPC-E where the zero-suppression rules allow it (inverse of expandUpcE), else null. */
export function compressUpcA(upca: string): string | null {
  if (!/^[01]\d{11}$/.test(upca)) return null;
  const ns = upca[0];
  const m = upca.slice(1, 6); // manufacturer
  const p = upca.slice(6, 11); // product
  const check = upca[11];
  let d: string | null = null;
  if (/^\d\d[012]00$/.test(m) && /^00\d{3}$/.test(p)) d = `${m.slice(0, 2)}${p.slice(2)}${m[2]}`;
  else if (/^\d{3}00$/.test(m) && /^000\d\d$/.test(p)) d = `${m.slice(0, 3)}${p.slice(3)}3`;
  else if (/^\d{4}0$/.test(m) && /^0000\d$/.test(p)) d = `${m.slice(0, 4)}${p[4]}4`;
  else if (/^\d{5}$/.test(m) && /^0000[5-9]$/.test(p) && m[4] !== '0') d = `${m}${p[4]}`;
  if (!d) return null;
  const e = ns + d + check;
  return expandUpcE(e) === upca ? e : null;
}
