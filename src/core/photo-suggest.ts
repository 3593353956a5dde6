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

/**
 * The category tree the ImageNet mapping reaches, built once: every prefix of every mapped class's path is a node
 * (numbered in the order the classes first reach it, which breaks ties the same way on every call), each class
 * credits its node and that node's ancestors.
 */
const TREE = (() => {
  const ids: string[] = [];
  const depth: number[] = [];
  const children: number[][] = [];
  const index = new Map<string, number>();
  const classNodes: (Int32Array | null)[] = [];
  for (let i = 0; i < NUM_CLASSES; i++) {
    const t = IMAGENET_MAP[i];
    if ('notProduct' in t) {
      classNodes.push(null);
      continue;
    }
    const path = t.category.split(SEP);
    const anc = new Int32Array(path.length);
    for (let d = 1; d <= path.length; d++) {
      const id = path.slice(0, d).join(SEP);
      let n = index.get(id);
      if (n === undefined) {
        n = ids.length;
        index.set(id, n);
        ids.push(id);
        depth.push(d);
        children.push([]);
        if (d > 1) children[anc[d - 2]].push(n);
      }
      anc[d - 1] = n;
    }
    classNodes.push(anc);
  }
  return { ids, depth, children, index, classNodes, tops: TOP_LEVELS.map((t) => index.get(t) ?? -1) };
})();

/** How many of `length` items `slice(0, n)` keeps (fractions truncated, negative counts from the end, NaN = 0). */
function sliceLength(n: number, length: number): number {
  const k = Math.trunc(n) || 0;
  return Math.max(0, Math.min(length, k < 0 ? length + k : k));
}

/** The `k` largest entries' indices, largest first; ties keep index order (as a stable sort would). */
export function topIndices(probs: ArrayLike<number>, k: number): number[] {
  const top: number[] = [];
  if (k <= 0) return top;
  const v = (i: number) => Number(probs[i]) || 0;
  for (let i = 0; i < probs.length; i++) {
    if (top.length === k && v(i) <= v(top[k - 1])) continue;
    let j = top.length < k ? top.length : k - 1;
    while (j > 0 && v(top[j - 1]) < v(i)) {
      if (j < k) top[j] = top[j - 1];
      j--;
    }
    top[j] = i;
  }
  return top;
}

export function suggestFromProbabilities(probs: ArrayLike<number>, opts: SuggestOptions = {}): PhotoSuggestion {
  if (probs.length !== NUM_CLASSES) throw new RangeError(`expected ${NUM_CLASSES} probabilities, got ${probs.length}`);
  const threshold = opts.notProductThreshold ?? DEFAULT_NOT_PRODUCT_THRESHOLD;
  const nodeCount = TREE.ids.length;
  const mass = new Float64Array(nodeCount);
  const best = new Int32Array(nodeCount).fill(-1); // strongest product class in each subtree (-1 = none)
  const reasons = new Map<NotProductReason, number>();
  let productMass = 0;
  let weightedMass = 0;
  let notMass = 0;
  let total = 0;
  for (let i = 0; i < NUM_CLASSES; i++) {
    const p = Math.max(0, Number(probs[i]) || 0);
    total += p;
    const anc = TREE.classNodes[i];
    if (!anc) {
      const reason = (IMAGENET_MAP[i] as { notProduct: NotProductReason }).notProduct;
      notMass += p;
      reasons.set(reason, (reasons.get(reason) ?? 0) + p);
      continue;
    }
    productMass += p;
    const pw = p * Math.max(0, opts.topLevelWeights?.[TREE.ids[anc[0]] as TopLevel] ?? 1);
    weightedMass += pw;
    for (let d = 0; d < anc.length; d++) {
      const n = anc[d];
      mass[n] += pw;
      if (best[n] < 0 || p > Number(probs[best[n]])) best[n] = i;
    }
  }
  const norm = weightedMass > 0 ? weightedMass : 1;
  const score = (n: number) => (n < 0 ? 0 : Math.min(1, mass[n] / norm));

  // Category: the heaviest top level, then down to the heaviest child while one holds the mass.
  let bestTop = TREE.tops[0];
  for (const t of TREE.tops) if (score(t) > score(bestTop)) bestTop = t;
  const chosen = weightedMass > 0 ? (bestTop >= 0 ? TREE.ids[deepestFrom(bestTop, score)] : TOP_LEVELS[0]) : 'Other';
  const chosenNode = TREE.index.get(chosen) ?? -1;

  // Alternatives: the best path in each other second-level branch (e.g. Fashion > Shoes vs Home > Bedding).
  const branch = chosen.split(SEP).slice(0, 2).join(SEP);
  const alternatives: CategoryScore[] = [];
  for (let n = 0; n < nodeCount; n++) {
    if (TREE.depth[n] !== 2 || TREE.ids[n] === branch || !(score(n) > 0)) continue; // NaN (an infinite input) too
    const leaf = deepestFrom(n, score);
    alternatives.push({ path: TREE.ids[leaf].split(SEP), score: score(leaf) });
  }
  alternatives.sort((a, b) => b.score - a.score);
  alternatives.splice(opts.alternatives ?? 3);

  const titleClass = chosenNode >= 0 ? best[chosenNode] : -1;
  const title = titleClass >= 0 ? (IMAGENET_MAP[titleClass] as { title: string }).title : '';

  const labels: LabelScore[] = topIndices(probs, sliceLength(opts.labels ?? 5, NUM_CLASSES)).map((index) => ({
    index,
    label: classLabel(index),
    score: total > 0 ? Number(probs[index]) / total : 0,
  }));

  const notShare = total > 0 ? notMass / total : 0;
  const product = !(notShare >= threshold) && productMass > 0;
  const out: PhotoSuggestion = {
    product,
    title,
    category: { path: chosen.split(SEP), score: chosenNode >= 0 ? score(chosenNode) : 0 },
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
function deepestFrom(node: number, score: (n: number) => number): number {
  let cur = node;
  for (;;) {
    let bestKid = -1;
    let kidSum = 0;
    for (const k of TREE.children[cur]) {
      kidSum += score(k);
      if (bestKid < 0 || score(k) > score(bestKid)) bestKid = k;
    }
    if (bestKid < 0 || score(bestKid) <= 0 || score(cur) - kidSum > score(bestKid)) return cur;
    cur = bestKid;
  }
}
