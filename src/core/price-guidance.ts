/** How sure a price suggestion is, said plainly; and a gentle note when the seller's price is far from it. Pure. */
export interface PriceEvidence {
  low: number;
  mid: number;
  high: number;
  /** Training listings in the same category (our tree's path). */
  similar: number;
}

/** Fewer comparable listings than this and the app says the range is a rough guide. */
export const FEW_LISTINGS = 20;

export interface Guidance {
  /** 'firm': enough comparable listings; 'thin': few, show the range as a rough guide only. */
  strength: 'firm' | 'thin';
  message: string;
}

export function priceGuidance(p: PriceEvidence, categoryName: string): Guidance {
  const what = categoryName || 'this category';
  if (p.similar < FEW_LISTINGS)
    return {
      strength: 'thin',
      message: `Few comparable listings for ${what} (${p.similar}) — treat $${Math.round(p.low)}–$${Math.round(p.high)} as a rough guide and check recent sold prices.`,
    };
  return { strength: 'firm', message: `Similar ${what} listings sold for about $${Math.round(p.low)}–$${Math.round(p.high)} (8 in 10 fall in this range).` };
}

/** A note (never a block) when a typed price is far outside the suggested range. */
export function priceRemark(typed: number | null, p: PriceEvidence | null): string {
  if (typed === null || !p || typed <= 0) return '';
  if (typed > p.high * 2)
    return `$${formatUsd(typed)} is well above similar listings ($${Math.round(p.low)}–$${Math.round(p.high)}). That's fine if the item is special — say why in the description.`;
  if (typed < p.low / 2)
    return `$${formatUsd(typed)} is well below similar listings ($${Math.round(p.low)}–$${Math.round(p.high)}). You may be able to ask more.`;
  return '';
}

/** What the seller receives after a marketplace fee (percent), rounded to cents. */
export function afterFee(price: number, feePercent: number): number {
  return Math.round(price * (1 - feePercent / 100) * 100) / 100;
}

function formatUsd(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}
