/**
 * Category chips for a listing whose barcode says what it is: a book's chips are book categories only, unless the
 * photo disagrees strongly (its own top category, outside Books & Media, at ≥ 0.8). Pure.
 */
import type { CategoryScore } from './types.ts';

const BOOKS = 'Books & Media';
export const STRONG_PHOTO = 0.8;

/** True for ISBN-13 codes (978, and 979 except 979-0 printed music). */
export const isBookGtin = (gtin13: string) => /^97(8|9[1-9])\d{10}$/.test(gtin13);

export function scopeCategoriesToBarcode(options: CategoryScore[], gtin13: string, photoTop?: CategoryScore | null): CategoryScore[] {
  if (!isBookGtin(gtin13)) return options;
  if (photoTop && photoTop.path[0] !== BOOKS && photoTop.score >= STRONG_PHOTO) return options;
  const books = options.filter((c) => c.path[0] === BOOKS);
  if (!books.some((c) => c.path[1] === 'Books')) books.unshift({ path: [BOOKS, 'Books'], score: Math.max(0.5, books[0]?.score ?? 0) });
  return books;
}
