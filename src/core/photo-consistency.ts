/** Spots the photo that shows a different item than the rest of the listing (a sneaker among T-shirt photos). Pure. */
import type { PhotoSuggestion } from './types.ts';

export interface OddPhoto {
  index: number;
  /** The odd photo's own category leaf, e.g. "Sneakers". */
  looksLike: string;
}

/** How sure a photo must be of its own, different top-level category to be called a different item. */
const SURE = 0.5;

/**
 * Given each photo's own suggestion (in the order added), the one photo whose confident top-level category differs
 * from what all the other photos agree on; null when photos agree, disagree among themselves, or are too few.
 */
export function oddPhotoOut(perPhoto: readonly (PhotoSuggestion | null)[]): OddPhoto | null {
  const tops = perPhoto.map((s) => (s?.product ? s.category.path[0] : null));
  if (perPhoto.length < 2) return null;
  for (let i = 0; i < perPhoto.length; i++) {
    const s = perPhoto[i];
    if (!s?.product || s.category.score < SURE) continue;
    const others = tops.filter((_, j) => j !== i && tops[j] !== null);
    // With one other photo, the newer one is the odd one (the listing began with the first).
    if (others.length === 1 && i !== perPhoto.length - 1) continue;
    if (others.length && others.every((t) => t === others[0]) && others[0] !== tops[i]) {
      return { index: i, looksLike: s.category.path[s.category.path.length - 1] };
    }
  }
  return null;
}
