/**
 * Listing fields from a catalog row: the title composed from brand + name + size (products) or title + author
 * (books), and the brand kept apart for the Brand field. Pure.
 */

export interface TitleParts {
  /** Product name or book title, as the catalog has it. */
  title: string;
  /** Author(s) of a book. */
  creator?: string;
  brand?: string;
  /** Net content, e.g. "12 fl oz"; a bare number (no unit) is dropped as meaningless. */
  size?: string;
}

const MAX = 80;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const lower = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The first author of "A, B, C" (goodbooks lists illustrators and translators after the author). */
export function firstAuthor(authors: string | undefined): string {
  return squash((authors ?? '').split(/[,;/]| & /)[0] ?? '');
}

/** "The Hunger Games (The Hunger Games, #1)" → "The Hunger Games" (the series note goes when space is short). */
export function stripSeries(title: string): string {
  return squash(title.replace(/\s*\([^()]*#\s*\d+(\.\d+)?\)\s*$/, '')) || squash(title);
}

/** True when `name` already carries the brand (e.g. name "Coke Zero" under brand "Coca Cola" does not). */
function hasWord(haystack: string, needle: string): boolean {
  const h = ` ${lower(haystack)} `;
  const n = lower(needle);
  return n !== '' && h.includes(` ${n} `);
}

/** Products: "Brand Name Size"; books: "Title by Author". Never a bare fragment when a brand is known. */
export function composeTitle(p: TitleParts, kind: 'book' | 'product'): string {
  const name = squash(p.title);
  if (kind === 'book') {
    const author = firstAuthor(p.creator);
    const full = author && !hasWord(name, author) ? `${name} by ${author}` : name;
    if (full.length <= MAX) return full;
    const short = stripSeries(name);
    const again = author && !hasWord(short, author) ? `${short} by ${author}` : short;
    return (again.length <= MAX ? again : short).slice(0, MAX).trim();
  }
  const brand = squash(p.brand ?? '');
  const size = squash(p.size ?? '');
  const parts = [brand && !hasWord(name, brand) ? brand : '', name, /\p{L}/u.test(size) && !hasWord(name, size) ? size : ''].filter(Boolean);
  let out = parts.join(' ');
  if (out.length > MAX) out = parts.slice(0, 2).join(' ');
  return out.slice(0, MAX).trim();
}
