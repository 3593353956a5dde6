import { categoryId } from './taxonomy.ts';

/** How many training listings back a price suggestion: the count for the deepest known category prefix. */
export function similarCount(counts: Record<string, number> | undefined, path: readonly string[] | null | undefined): number {
  if (!counts) return 0;
  const p = path ?? [];
  for (let n = p.length; n > 0; n--) {
    const c = counts[categoryId(p.slice(0, n))];
    if (c) return c;
  }
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
