/**
 * Photo → listing suggestion from MobileNet's 1000 ImageNet probabilities. Pure, no DOM.
 *
 * Probability mass of each class is credited to its mapped category node and to all of that node's ancestors
 * (imagenet-map.ts), so a node's score includes its descendants. Category scores are conditional on "this is a
 * product": mass / total product mass, so they lie in [0, 1] and the top levels sum to 1.
 */
import { softmax } from './preprocess.ts';
import { IMAGENET_MAP } from './imagenet-map.ts';
import { IMAGENET_LABELS } from './imagenet-labels.ts';
import { SEP, TOP_LEVELS, type TopLevel } from './taxonomy.ts';
import type { CategoryScore, LabelScore, NotProductReason, PhotoSuggestion } from './types.ts';

export const NUM_CLASSES = 1000;

export interface SuggestOptions {
  /** Call the photo "not a product" when the non-product classes hold at least this much of the probability. */
  notProductThreshold?: number;
  /** How many alternatives to return (default 3). */
  alternatives?: number;
  /** How many top classes to return as labels (default 5). */
  labels?: number;
  /**
   * Optional multiplicative weight per top level for the category choice (label-shift correction: a
   * marketplace's category frequencies differ from ImageNet's uniform class prior). Does not change the
   * product / not-a-product decision. Off by default; see the report of the taxonomy work for its measured effect.
   */
  topLevelWeights?: Partial<Record<TopLevel, number>>;
}

/**
 * Default threshold. On the 1,444 labelled product photos (cached tfjs probabilities) the share called "not a
 * product" was 0.8% at 0.5, 0.4% at 0.6, 0.3% at 0.8; 8 of the 9 non-product sample photos (animals, food, beach)
 * are still caught at 0.6; a person in uniform is not (few ImageNet classes are people).
 */
export const DEFAULT_NOT_PRODUCT_THRESHOLD = 0.6;

/** The one softmax (src/core/preprocess.ts), re-exported for this module's callers. */
export { softmax };

/** Softmax over 1000 ImageNet classes; a 1001-wide TF-Slim output (index 0 = background) has index 0 dropped. */
export function probsFromLogits(logits: ArrayLike<number>): Float32Array {
  if (logits.length === NUM_CLASSES + 1) return softmax(logits, 1);
  if (logits.length !== NUM_CLASSES) throw new RangeError(`expected 1000 or 1001 logits, got ${logits.length}`);
  return softmax(logits);
}

/**
 * Combine the class probabilities of several photos of the same item: normalised geometric mean (mean of
 * log-probabilities, floored at 1e-6). It rewards classes that every photo agrees on. Measured (MobileNet V2 tfjs,
 * cached probabilities) on groups of different photos sharing a label in the clothing/Myntra sets, top-level top-1:
 * pairs (n=2,915) single 91.9%, arithmetic mean 96.2%, geometric mean 96.8%; triples (n=1,900) 91.3 / 97.3 / 97.8%.
 * (Proxy only: the photo sets have no multi-view shots of one item.)
 */
export function fuseProbabilities(perPhoto: Float32Array[]): Float32Array {
  if (perPhoto.length === 0) throw new RangeError('fuseProbabilities needs at least one photo');
  const n = perPhoto[0].length;
  for (const p of perPhoto) if (p.length !== n) throw new RangeError('all photos must have the same number of classes');
  if (perPhoto.length === 1) return Float32Array.from(perPhoto[0]);
  const logs = new Float64Array(n);
  for (const p of perPhoto) for (let i = 0; i < n; i++) logs[i] += Math.log(Math.max(p[i], 1e-6));
  return softmax(Array.from(logs, (v) => v / perPhoto.length));
}

interface Node {
  mass: number;
  best: number; // strongest product class in this subtree (-1 = none)
}

/** Short human label of a class: the first of its comma-separated names. */
export function classLabel(index: number): string {
  return (IMAGENET_LABELS[index] ?? `class ${index}`).split(',')[0];
}

/**
 * The title noun the ImageNet evidence gives a category the seller picked: its strongest product class filed there or
 * below, when that class has at least `floor` of the probability (else null: no evidence to name the item by).
 */
export function imagenetNoun(probs: ArrayLike<number>, path: readonly string[], floor = 0.01): string | null {
  const prefix = path.join(SEP);
  let best = -1;
  for (let i = 0; i < NUM_CLASSES; i++) {
    const t = IMAGENET_MAP[i];
    if ('notProduct' in t || (t.category !== prefix && !t.category.startsWith(prefix + SEP))) continue;
    if (best < 0 || Number(probs[i]) > Number(probs[best])) best = i;
  }
  return best >= 0 && Number(probs[best]) >= floor ? (IMAGENET_MAP[best] as { title: string }).title : null;
}

export function suggestFromProbabilities(probs: ArrayLike<number>, opts: SuggestOptions = {}): PhotoSuggestion {
  if (probs.length !== NUM_CLASSES) throw new RangeError(`expected ${NUM_CLASSES} probabilities, got ${probs.length}`);
  const threshold = opts.notProductThreshold ?? DEFAULT_NOT_PRODUCT_THRESHOLD;
  const nodes = new Map<string, Node>();
  const reasons = new Map<NotProductReason, number>();
  let productMass = 0;
  let weightedMass = 0;
  let notMass = 0;
  let total = 0;
  for (let i = 0; i < NUM_CLASSES; i++) {
    const p = Math.max(0, Number(probs[i]) || 0);
    total += p;
    const t = IMAGENET_MAP[i];
    if ('notProduct' in t) {
      notMass += p;
      reasons.set(t.notProduct, (reasons.get(t.notProduct) ?? 0) + p);
      continue;
    }
    productMass += p;
    const path = t.category.split(SEP);
    const pw = p * Math.max(0, opts.topLevelWeights?.[path[0] as TopLevel] ?? 1);
    weightedMass += pw;
    for (let d = 1; d <= path.length; d++) {
      const id = path.slice(0, d).join(SEP);
      const node = nodes.get(id) ?? { mass: 0, best: -1 };
      node.mass += pw;
      if (node.best < 0 || p > Number(probs[node.best])) node.best = i;
      nodes.set(id, node);
    }
  }
  const norm = weightedMass > 0 ? weightedMass : 1;
  const score = (id: string) => Math.min(1, (nodes.get(id)?.mass ?? 0) / norm);

  // Category: the heaviest top level, then down to the heaviest child while one holds the mass.
  const bestTop = TOP_LEVELS.reduce((x, y) => (score(y) > score(x) ? y : x), TOP_LEVELS[0] as string);
  const chosen = weightedMass > 0 ? deepestFrom(bestTop, nodes, score).join(SEP) : 'Other';

  // Alternatives: the best path in each other second-level branch (e.g. Fashion > Shoes vs Home > Bedding).
  const branch = chosen.split(SEP).slice(0, 2).join(SEP);
  const alternatives: CategoryScore[] = [...nodes.keys()]
    .filter((id) => id.split(SEP).length === 2 && id !== branch && score(id) > 0)
    .map((id) => deepestFrom(id, nodes, score))
    .map((path) => ({ path, score: score(path.join(SEP)) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, opts.alternatives ?? 3);

  const titleClass = nodes.get(chosen)?.best ?? -1;
  const title = titleClass >= 0 ? (IMAGENET_MAP[titleClass] as { title: string }).title : '';

  const order = Array.from({ length: NUM_CLASSES }, (_, i) => i).sort((a, b) => (Number(probs[b]) || 0) - (Number(probs[a]) || 0));
  const labels: LabelScore[] = order.slice(0, opts.labels ?? 5).map((index) => ({
    index,
    label: classLabel(index),
    score: total > 0 ? Number(probs[index]) / total : 0,
  }));

  const notShare = total > 0 ? notMass / total : 0;
  const product = !(notShare >= threshold) && productMass > 0;
  const out: PhotoSuggestion = {
    product,
    title,
    category: { path: chosen.split(SEP), score: score(chosen) },
    alternatives,
    labels,
  };
  if (!product) out.reason = [...reasons.entries()].reduce((a, b) => (b[1] > a[1] ? b : a), ['scene', -1] as [NotProductReason, number])[0];
  return out;
}

/**
 * From a node, follow the heaviest child down; stop at a leaf, or where mass mapped to the node itself (classes
 * mapped to it directly, not to a child, e.g. "velvet" → Fashion) outweighs its best child.
 */
function deepestFrom(id: string, nodes: Map<string, Node>, score: (id: string) => number): string[] {
  let cur = id;
  for (;;) {
    const prefix = cur + SEP;
    let best: string | null = null;
    let kidSum = 0;
    for (const k of nodes.keys()) {
      if (!k.startsWith(prefix) || k.slice(prefix.length).includes(SEP)) continue;
      kidSum += score(k);
      if (!best || score(k) > score(best)) best = k;
    }
    if (!best || score(best) <= 0 || score(cur) - kidSum > score(best)) return cur.split(SEP);
    cur = best;
  }
}
