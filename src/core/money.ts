/** Prices as a seller types them: "25", "25.50", "$1,200", "12,50" → a number of currency units, or null. */
const MONEY = /^\s*\$?\s*(\d{1,3}(?:[, ]\d{3})+|\d+)(?:[.,](\d{1,2}))?\s*$/;

export const MAX_PRICE = 1_000_000;

export function parseMoney(text: string): number | null {
  const m = MONEY.exec(text);
  if (!m) return null;
  const whole = Number(m[1].replace(/[, ]/g, ''));
  const cents = m[2] ? Number(m[2].padEnd(2, '0')) : 0;
  const v = whole + cents / 100;
  return Number.isFinite(v) && v <= MAX_PRICE ? v : null;
}

/** The stored form of a price: "25" or "25.50" (no currency sign, no thousands separator). */
export function formatMoney(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

export const PRICE_HINT = 'Enter a price as a number, like 25 or 25.50.';
