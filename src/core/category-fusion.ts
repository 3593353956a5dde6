/** Fuses the photo's category suggestions with the text model's: one ranked list for the form. Pure. */
import type { CategoryScore } from './types.ts';
import { categoryId } from './taxonomy.ts';

const compatible = (a: readonly string[], b: readonly string[]) => {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** The support a list gives to a path: the best score among entries on the same branch (ancestor, equal or descendant). */
function support(list: readonly CategoryScore[], path: readonly string[]): number {
  let best = 0;
  for (const c of list) if (compatible(c.path, path)) best = Math.max(best, c.score);
  return best;
}

/**
 * Candidates from both lists, scored textWeight·text + (1 − textWeight)·photo; deeper paths win ties.
 * textWeight: high when the seller typed the title, low when the text is only the photo's own labels.
 */
export function fuseCategories(photo: readonly CategoryScore[] | null, text: readonly CategoryScore[] | null, textWeight: number, k = 4): CategoryScore[] {
  const p = photo ?? [];
  const t = text ?? [];
  if (!t.length) return p.slice(0, k).map((c) => ({ path: [...c.path], score: c.score }));
  if (!p.length) return t.slice(0, k).map((c) => ({ path: [...c.path], score: c.score }));
  const seen = new Map<string, CategoryScore>();
  for (const c of [...t, ...p]) {
    const key = categoryId(c.path);
    if (seen.has(key)) continue;
    seen.set(key, { path: [...c.path], score: textWeight * support(t, c.path) + (1 - textWeight) * support(p, c.path) });
  }
  return [...seen.values()].sort((a, b) => b.score - a.score || b.path.length - a.path.length).slice(0, k);
}
