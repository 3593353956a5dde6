/**
 * Photo → listing suggestion from MobileNet's 1000 ImageNet probabilities. Pure, no DOM.
 *
 * Probability mass of each class is credited to its mapped category node and to all of that node's ancestors
 * (imagenet-map.ts), so a node's score includes its descendants. Category scores are conditional on "this is a
 * product": mass / total product mass, so they lie in [0, 1] and the top levels sum to 1.
 */
import { IMAGENET_MAP } from './imagenet-map.ts';
import { IMAGENET_LABELS } from './imagenet-labels.ts';
import { SEP, TOP_LEVELS } from './taxonomy.ts';
import type { CategoryScore, LabelScore, NotProductReason, PhotoSuggestion } from './types.ts';

export const NUM_CLASSES = 1000;

export interface SuggestOptions {
  /** Call the photo "not a product" when the non-product classes hold at least this much of the probability. */
  notProductThreshold?: number;
  /** How many alternatives to return (default 3). */
  alternatives?: number;
  /** How many top classes to return as labels (default 5). */
  labels?: number;
}

/** Default threshold, chosen on the cached predictions of the 1,444 labelled product photos (see the bench). */
export const DEFAULT_NOT_PRODUCT_THRESHOLD = 0.6;

/** Numerically stable softmax. */
export function softmax(logits: ArrayLike<number>): Float32Array {
  const n = logits.length;
  const out = new Float32Array(n);
  if (n === 0) return out;
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (logits[i] > max) max = logits[i];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp(logits[i] - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < n; i++) out[i] /= sum;
  return out;
}

/** Softmax over 1000 ImageNet classes; a 1001-wide TF-Slim output (index 0 = background) has index 0 dropped. */
export function probsFromLogits(logits: ArrayLike<number>): Float32Array {
  if (logits.length === NUM_CLASSES + 1) return softmax(Array.prototype.slice.call(logits, 1) as number[]);
  if (logits.length !== NUM_CLASSES) throw new RangeError(`expected 1000 or 1001 logits, got ${logits.length}`);
  return softmax(logits);
}

/**
 * Combine the class probabilities of several photos of the same item: normalised geometric mean (mean of
 * log-probabilities, floored at 1e-6). Measured on pairs of same-label photos it beat the arithmetic mean slightly
 * (see tests/bench/eval-photos.ts notes); it rewards classes that every photo agrees on.
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

export function suggestFromProbabilities(probs: ArrayLike<number>, opts: SuggestOptions = {}): PhotoSuggestion {
  if (probs.length !== NUM_CLASSES) throw new RangeError(`expected ${NUM_CLASSES} probabilities, got ${probs.length}`);
  const threshold = opts.notProductThreshold ?? DEFAULT_NOT_PRODUCT_THRESHOLD;
  const nodes = new Map<string, Node>();
  const reasons = new Map<NotProductReason, number>();
  let productMass = 0;
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
    for (let d = 1; d <= path.length; d++) {
      const id = path.slice(0, d).join(SEP);
      const node = nodes.get(id) ?? { mass: 0, best: -1 };
      node.mass += p;
      if (node.best < 0 || p > Number(probs[node.best])) node.best = i;
      nodes.set(id, node);
    }
  }
  const norm = productMass > 0 ? productMass : 1;
  const score = (id: string) => Math.min(1, (nodes.get(id)?.mass ?? 0) / norm);

  // Category: greedy descent from the best top level to the heaviest child, while a child holds the mass.
  const children = (prefix: string) =>
    [...nodes.keys()].filter((id) => id.startsWith(prefix + SEP) && !id.slice(prefix.length + SEP.length).includes(SEP));
  let chosen: string = TOP_LEVELS.reduce((a, b) => (score(b) > score(a) ? b : a), TOP_LEVELS[0] as string);
  if (productMass <= 0) chosen = 'Other';
  for (;;) {
    const kids = children(chosen);
    if (kids.length === 0) break;
    const bestKid = kids.reduce((a, b) => (score(b) > score(a) ? b : a));
    // Stop when mass mapped to the node itself (not to any child) outweighs the best child.
    const own = score(chosen) - kids.reduce((s, k) => s + score(k), 0);
    if (score(bestKid) <= 0 || own > score(bestKid)) break;
    chosen = bestKid;
  }

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

  const order = Array.from({ length: NUM_CLASSES }, (_, i) => i).sort((a, b) => Number(probs[b]) - Number(probs[a]));
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

/** From a branch node, follow the heaviest child down while one exists (same rule as the main category). */
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
