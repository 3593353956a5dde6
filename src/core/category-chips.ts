/** The category chips a seller sees: distinct alternatives only, a confidence word each, and when to say "not sure". Pure. */
import type { CategoryScore } from './types.ts';

export type Confidence = 'likely' | 'possible';

export interface Chip {
  path: string[];
  score: number;
  confidence: Confidence;
}

/** Below this calibrated confidence the form says "Not sure — please check" (the chips and the photo suggestion alike). */
export const UNSURE_BELOW = 0.5;
const LIKELY_FROM = 0.6;
/** A guess scoring under this share of the best one is too far off to offer. */
const FAR_OFF = 0.08;

const isPrefix = (a: readonly string[], b: readonly string[]) => a.length < b.length && a.every((x, i) => x === b[i]);
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * At most `k` chips: never the chosen path's ancestor, never another chip's ancestor (the deeper path stays),
 * never a guess far below the best one. The chosen path, when suggested, comes first.
 */
export function categoryChips(options: readonly CategoryScore[], chosen: readonly string[], k = 4): Chip[] {
  const best = options.reduce((m, o) => Math.max(m, o.score), 0);
  const kept = options.filter((o) => o.score >= best * FAR_OFF || same(o.path, chosen));
  const distinct = kept.filter((o) => !isPrefix(o.path, chosen) && !kept.some((other) => other !== o && isPrefix(o.path, other.path)));
  const ordered = [...distinct.filter((o) => same(o.path, chosen)), ...distinct.filter((o) => !same(o.path, chosen))];
  return ordered.slice(0, k).map((o) => ({ path: [...o.path], score: o.score, confidence: o.score >= LIKELY_FROM ? 'likely' : 'possible' }));
}

/** True when the best suggestion is too weak to stand unchecked (and the seller has not picked one). */
export function categoryUnsure(options: readonly CategoryScore[]): boolean {
  return options.length > 0 && options[0].score < UNSURE_BELOW;
}
