/**
 * Listing safety on the device: which rules a listing's photos and text trip. Pure, no DOM.
 *
 * Item rules (moderation-rules.json) read the photo engine's 1000 ImageNet probabilities: a rule's score on a photo
 * is the probability mass of its labels (or of every class in its groups, e.g. all animal classes), so near-synonym
 * classes add up (rifle + assault rifle); the photo fires at score ≥ threshold. A listing fires when any of its
 * photos does (max over photos: one photo of a revolver among five is enough), or when a rule's word is in the
 * title or description. The explicit-photo rule reads the NSFW model's classes (Porn + Hentai by default; "Sexy"
 * is left out because swimwear and lingerie are ordinary listings). Dismissed rule ids are dropped.
 */
import defaultTable from './moderation-rules.json';
import { IMAGENET_LABELS } from './imagenet-labels.ts';
import { IMAGENET_MAP } from './imagenet-map.ts';
import type { NotProductReason } from './types.ts';

export interface ItemRule {
  id: string;
  /** What the photo looks like, as the warning says it ("a firearm"). */
  concern: string;
  /** Why it matters ("Most marketplaces do not allow firearms …"). */
  why: string;
  /** ImageNet class names (the first name of a class, e.g. "assault rifle"). */
  labels?: string[];
  /** Whole ImageNet groups from imagenet-map.ts (its not-a-product reasons, e.g. "animal"). */
  groups?: NotProductReason[];
  /** Whole words or phrases of the title / description. */
  words?: string[];
  /** Overrides the table's threshold. */
  threshold?: number;
}

export interface ExplicitRule {
  concern: string;
  why: string;
  /** NSFW model classes whose probabilities add up to the explicit score. */
  classes: string[];
  threshold: number;
}

export interface RulesTable {
  version: string;
  threshold: number;
  explicit: ExplicitRule;
  rules: ItemRule[];
}

export const EXPLICIT_RULE_ID = 'explicit-photo';

export interface ModerationWarning {
  /** A rule id, or EXPLICIT_RULE_ID. */
  id: string;
  kind: 'item' | 'explicit';
  concern: string;
  why: string;
  /** Indexes of the photos that fired (empty when only the text did). */
  photos: number[];
  /** The highest photo score (0 when only the text fired). */
  score: number;
  /** The matched word, when the text fired. */
  word?: string;
}

export interface CompiledRule extends ItemRule {
  classes: number[];
  threshold: number;
  patterns: { word: string; re: RegExp }[];
}

export interface CompiledRules {
  version: string;
  rules: CompiledRule[];
  explicit: ExplicitRule;
}

export const DEFAULT_RULES = defaultTable as RulesTable;

const shortName = (label: string) => label.split(',')[0].trim().toLowerCase();
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Resolves label names to class indexes; an unknown label or a bad threshold is an error, never silently ignored. */
export function compileRules(table: RulesTable = DEFAULT_RULES): CompiledRules {
  const index = new Map(IMAGENET_LABELS.map((l, i) => [shortName(l), i]));
  const okThreshold = (t: number) => Number.isFinite(t) && t > 0 && t <= 1;
  if (!okThreshold(table.threshold) || !okThreshold(table.explicit.threshold)) throw new RangeError('moderation thresholds must be in (0, 1]');
  const ids = new Set<string>();
  const rules = table.rules.map((r): CompiledRule => {
    if (!r.id || ids.has(r.id) || r.id === EXPLICIT_RULE_ID) throw new Error(`moderation rule id "${r.id}" is empty or repeated`);
    ids.add(r.id);
    const classes = new Set<number>();
    for (const name of r.labels ?? []) {
      const i = index.get(name.toLowerCase());
      if (i === undefined) throw new Error(`moderation rule ${r.id}: "${name}" is not an ImageNet class name`);
      classes.add(i);
    }
    for (const g of r.groups ?? []) {
      let n = 0;
      IMAGENET_MAP.forEach((t, i) => {
        if ('notProduct' in t && t.notProduct === g) {
          classes.add(i);
          n++;
        }
      });
      if (n === 0) throw new Error(`moderation rule ${r.id}: group "${g}" has no ImageNet classes`);
    }
    const threshold = r.threshold ?? table.threshold;
    if (!okThreshold(threshold)) throw new RangeError(`moderation rule ${r.id}: threshold must be in (0, 1]`);
    const patterns = (r.words ?? []).map((word) => ({ word, re: new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRe(word)}($|[^\\p{L}\\p{N}])`, 'iu') }));
    if (classes.size === 0 && patterns.length === 0) throw new Error(`moderation rule ${r.id} has no labels, groups or words`);
    return { ...r, classes: [...classes].sort((a, b) => a - b), threshold, patterns };
  });
  return { version: table.version, rules, explicit: table.explicit };
}

let compiledDefault: CompiledRules | null = null;
export function defaultRules(): CompiledRules {
  return (compiledDefault ??= compileRules(DEFAULT_RULES));
}

/** Each rule's score on one photo: the probability mass of its classes. */
export function ruleScores(probs: ArrayLike<number>, rules: CompiledRules = defaultRules()): Map<string, number> {
  if (probs.length !== IMAGENET_LABELS.length) throw new RangeError(`expected ${IMAGENET_LABELS.length} probabilities, got ${probs.length}`);
  const out = new Map<string, number>();
  for (const r of rules.rules) {
    let s = 0;
    for (const i of r.classes) s += probs[i];
    out.set(r.id, s);
  }
  return out;
}

/** The rules one photo fires, highest score first. */
export function photoHits(probs: ArrayLike<number>, rules: CompiledRules = defaultRules()): { id: string; score: number }[] {
  const scores = ruleScores(probs, rules);
  const hits: { id: string; score: number }[] = [];
  for (const r of rules.rules) {
    const s = scores.get(r.id)!;
    if (r.classes.length > 0 && s >= r.threshold) hits.push({ id: r.id, score: s });
  }
  return hits.sort((a, b) => b.score - a.score);
}

/** The explicit score of one photo from the NSFW model's output (`classes` in output order). */
export function explicitScore(probs: ArrayLike<number>, classes: readonly string[], rules: CompiledRules = defaultRules()): number {
  if (probs.length !== classes.length) throw new RangeError(`expected ${classes.length} NSFW probabilities, got ${probs.length}`);
  let s = 0;
  for (const name of rules.explicit.classes) {
    const i = classes.indexOf(name);
    if (i < 0) throw new Error(`the explicit rule names "${name}", which the NSFW model does not output (${classes.join(', ')})`);
    s += probs[i];
  }
  return s;
}

export function isExplicit(score: number | null | undefined, rules: CompiledRules = defaultRules()): boolean {
  return score != null && score >= rules.explicit.threshold;
}

export interface ListingEvidence {
  /** Per photo: ImageNet probabilities (absent while not yet classified) and explicit score (null: not checked). */
  photos: { probs?: ArrayLike<number> | null; explicit?: number | null }[];
  title?: string;
  description?: string;
  /** Rule ids the seller dismissed for this listing ("This isn't that"). */
  dismissed?: readonly string[];
}

/** Every warning for a listing, fused over its photos and text, dismissed ones removed; explicit first, then by score. */
export function listingWarnings(ev: ListingEvidence, rules: CompiledRules = defaultRules()): ModerationWarning[] {
  const dismissed = new Set(ev.dismissed ?? []);
  const out: ModerationWarning[] = [];
  const explicitPhotos = ev.photos.flatMap((p, i) => (isExplicit(p.explicit, rules) ? [i] : []));
  if (explicitPhotos.length && !dismissed.has(EXPLICIT_RULE_ID)) {
    const score = Math.max(...explicitPhotos.map((i) => ev.photos[i].explicit!));
    out.push({ id: EXPLICIT_RULE_ID, kind: 'explicit', concern: rules.explicit.concern, why: rules.explicit.why, photos: explicitPhotos, score });
  }
  const text = `${ev.title ?? ''}\n${ev.description ?? ''}`;
  const items: ModerationWarning[] = [];
  for (const r of rules.rules) {
    if (dismissed.has(r.id)) continue;
    const photos: number[] = [];
    let score = 0;
    ev.photos.forEach((p, i) => {
      if (!p.probs || r.classes.length === 0) return;
      let s = 0;
      for (const c of r.classes) s += p.probs[c];
      if (s >= r.threshold) {
        photos.push(i);
        score = Math.max(score, s);
      }
    });
    const word = r.patterns.find((p) => p.re.test(text))?.word;
    if (photos.length || word) items.push({ id: r.id, kind: 'item', concern: r.concern, why: r.why, photos, score, ...(word ? { word } : {}) });
  }
  return [...out, ...items.sort((a, b) => b.score - a.score)];
}
