/**
 * Listing title from the evidence: `[Brand] [Women's/Men's/Kids'] [Colour] [Item]` — "Women's Green Dress",
 * "Puma Men's White Sneakers". Only what was seen or typed: no sizes, no materials. Pure.
 */
import type { Department } from './photo-head-classes.ts';
import { colourWord, type ColourName } from './colour-names.ts';

export interface TitleParts {
  /** Item noun ("Dress", "Digital Camera"); empty → empty title. */
  item: string;
  brand?: string | null;
  department?: Department | null;
  colour?: ColourName | null;
}

const DEPT_WORD: Record<Department, string> = { Women: "Women's", Men: "Men's", Kids: "Kids'", Unisex: '' };

export function composeTitle(p: TitleParts): string {
  const item = p.item.trim();
  if (!item) return '';
  const brand = (p.brand ?? '').trim().replace(/\s+/g, ' ');
  const hasBrand = brand && !item.toLowerCase().startsWith(brand.toLowerCase());
  const words = [hasBrand ? brand : '', p.department ? DEPT_WORD[p.department] : '', p.colour ? colourWord(p.colour) : '', item];
  return words.filter(Boolean).join(' ');
}
