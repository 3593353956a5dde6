/**
 * Fuses our photo head (category kind, department, colour: models/photo) with the ImageNet mapping. Pure.
 *
 * Gate: g = the ImageNet mapping's share of the top levels the head was trained for (Fashion, Home, Beauty).
 * Fused top level: P(top) = g·head(top) + imagenet(top)·[top not covered]; the sum is 1. The head names the leaf when
 * its part of the chosen top level outweighs the ImageNet part; otherwise the ImageNet path (and its title) stands,
 * so a camera stays "Digital Camera" while a handbag the ImageNet classes call a scale becomes a Handbag.
 * "Not a product" stays the ImageNet mapping's decision.
 */
import { IMAGENET_MAP } from './imagenet-map.ts';
import { suggestFromProbabilities, softmax, type SuggestOptions } from './photo-suggest.ts';
import { HEAD_CLASS_BY_ID, DEPARTMENTS, type Department, type HeadClass } from './photo-head-classes.ts';
import { COLOURS, type ColourName } from './colour-names.ts';
import { composeTitle } from './title.ts';
import { SEP, TOP_LEVELS } from './taxonomy.ts';
import type { CategoryScore, PhotoSuggestion } from './types.ts';

/** The head's three probability vectors for one photo (or fused over several). */
export interface HeadOutputs {
  category: Float32Array;
  department: Float32Array;
  colour: Float32Array;
}
/** Class names of each output, in order (from models/photo/photo-head.json). */
export interface HeadLabels {
  category: readonly string[];
  department: readonly string[];
  colour: readonly string[];
}

/** What the worker returns with a photo's ImageNet probabilities: the head's outputs and their class names. */
export interface PhotoHeadResult extends HeadOutputs {
  labels: HeadLabels;
}

export const COVERED_TOPS: readonly string[] = ['Fashion', 'Home', 'Beauty'];
/** Below this calibrated confidence the suggestion says it is unsure. */
export const UNSURE_BELOW = 0.5;
/** The title names the department / colour only at or above these calibrated probabilities. */
export const DEPARTMENT_MIN = 0.6;
export const COLOUR_MIN = 0.5;

export interface FieldScore<T extends string> { name: T; score: number }
export interface FusedSuggestion extends PhotoSuggestion {
  /** For clothing, shoes, bags and accessories the head named; null otherwise or when unknown. */
  department: FieldScore<Department> | null;
  colour: FieldScore<ColourName> | null;
  /** Calibrated probability that the category is right. */
  confidence: number;
  unsure: boolean;
  /** Which evidence named the category. */
  source: 'head' | 'imagenet';
  /** The item noun the title uses. */
  item: string;
  /** The head's class id when the head named the category (e.g. "dress"), else null. */
  kind: string | null;
}

/** Several photos of one item: normalised geometric mean per output (as fuseProbabilities does for ImageNet). */
export function fuseHeadOutputs(perPhoto: HeadOutputs[]): HeadOutputs {
  if (!perPhoto.length) throw new RangeError('fuseHeadOutputs needs at least one photo');
  const geo = (vs: Float32Array[]) => {
    if (vs.length === 1) return Float32Array.from(vs[0]);
    const n = vs[0].length;
    const logs = new Float64Array(n);
    for (const v of vs) for (let i = 0; i < n; i++) logs[i] += Math.log(Math.max(v[i], 1e-6)) / vs.length;
    return softmax(logs);
  };
  return {
    category: geo(perPhoto.map((p) => p.category)),
    department: geo(perPhoto.map((p) => p.department)),
    colour: geo(perPhoto.map((p) => p.colour)),
  };
}

/** ImageNet mapping's share of each top level among product classes (sums to 1 when any product mass). */
export function imagenetTopLevels(probs: ArrayLike<number>): Map<string, number> {
  const m = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < IMAGENET_MAP.length; i++) {
    const t = IMAGENET_MAP[i];
    if (!('category' in t)) continue;
    const p = Math.max(0, Number(probs[i]) || 0);
    const top = t.category.split(SEP)[0];
    m.set(top, (m.get(top) ?? 0) + p);
    total += p;
  }
  if (total > 0) for (const [k, v] of m) m.set(k, v / total);
  return m;
}

const argmax = (v: ArrayLike<number>) => {
  let b = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[b]) b = i;
  return b;
};

/** Where a head class sits in our tree for a department (garments are gender-first). */
export function headPath(c: HeadClass, dept: Department, womenOverMen: boolean): string[] {
  if (c.path) return [...c.path];
  const g = c.garment!;
  if (dept === 'Kids') return ['Fashion', 'Kids', womenOverMen ? "Girls' Clothing" : "Boys' Clothing"];
  const women = dept === 'Women' || (dept === 'Unisex' && womenOverMen);
  const leaf = women ? (g.women ?? g.men) : (g.men ?? g.women);
  const side = (women && g.women) || !g.men ? 'Women' : 'Men';
  return ['Fashion', side, leaf!];
}

export interface FuseOptions extends SuggestOptions {
  /** Brand the seller typed or a barcode gave; goes first in the title. */
  brand?: string | null;
}

export function suggestWithHead(probs: ArrayLike<number>, head: HeadOutputs | null, labels: HeadLabels | null, opts: FuseOptions = {}): FusedSuggestion {
  const base = suggestFromProbabilities(probs, opts);
  const plain = (): FusedSuggestion => ({
    ...base,
    title: base.product ? composeTitle({ item: base.title, brand: opts.brand }) : '',
    department: null,
    colour: null,
    confidence: base.category.score,
    unsure: !base.product || base.category.score < UNSURE_BELOW,
    source: 'imagenet',
    item: base.title,
    kind: null,
  });
  if (!head || !labels || !base.product) return plain();

  const tops = imagenetTopLevels(probs);
  const g = COVERED_TOPS.reduce((s, t) => s + (tops.get(t) ?? 0), 0);
  const dept = argmax(head.department);
  const deptName = labels.department[dept] as Department;
  const wi = labels.department.indexOf('Women'), mi = labels.department.indexOf('Men');
  const womenOverMen = head.department[wi] >= head.department[mi];
  // per class: its path and fused score g·p
  const cands = labels.category.map((id, k) => {
    const c = HEAD_CLASS_BY_ID.get(id);
    return c ? { c, path: headPath(c, deptName, womenOverMen), score: g * head.category[k] } : null;
  }).filter((x): x is NonNullable<typeof x> => !!x);
  const headTop = new Map<string, number>();
  for (const x of cands) headTop.set(x.path[0], (headTop.get(x.path[0]) ?? 0) + x.score);
  const fusedTop = (t: string) => (headTop.get(t) ?? 0) + (COVERED_TOPS.includes(t) ? 0 : tops.get(t) ?? 0);
  const top = TOP_LEVELS.reduce((a, b) => (fusedTop(b) > fusedTop(a) ? b : a), TOP_LEVELS[0] as string);
  const headPart = headTop.get(top) ?? 0;
  const imagenetPart = COVERED_TOPS.includes(top) ? 0 : tops.get(top) ?? 0;
  if (headPart <= imagenetPart) {
    const p = plain();
    if (p.category.path[0] === top) return p;
    // the head moved the top level away from the ImageNet choice, to one the ImageNet classes name best
    const alt = base.alternatives.find((a) => a.path[0] === top) ?? { path: [top], score: imagenetPart };
    return { ...p, category: alt, alternatives: [base.category, ...base.alternatives.filter((a) => a !== alt)].slice(0, opts.alternatives ?? 3), confidence: alt.score, unsure: alt.score < UNSURE_BELOW };
  }

  let best = cands.filter((x) => x.path[0] === top).reduce((a, b) => (b.score > a.score ? b : a));
  const colourIdx = argmax(head.colour);
  let department = best.path[0] === 'Fashion' ? { name: deptName, score: head.department[dept] } : null;
  if (department && best.c.garment && best.c.garment.men === null && deptName === 'Men') {
    // a kind only our Women tree has (dress, skirt, bra): the best department among the others, renormalised
    const rest = labels.department.map((d, i) => ({ d: d as Department, p: head.department[i] })).filter((x) => x.d !== 'Men');
    const b = rest.reduce((x, y) => (y.p > x.p ? y : x));
    department = { name: b.d, score: b.p / rest.reduce((s, x) => s + x.p, 0) };
    best = { ...best, path: headPath(best.c, b.d, true) };
  }
  const colour = { name: labels.colour[colourIdx] as ColourName, score: head.colour[colourIdx] };
  if (!COLOURS.includes(colour.name)) throw new Error(`unknown colour ${colour.name}`);
  const alternatives: CategoryScore[] = [];
  const seen = new Set([best.path.join(SEP)]);
  const pool: CategoryScore[] = [
    ...cands.map((x) => ({ path: x.path, score: x.score })),
    ...base.alternatives.concat([base.category]).filter((a) => !COVERED_TOPS.includes(a.path[0])).map((a) => ({ path: a.path, score: a.score })),
  ].sort((a, b) => b.score - a.score);
  for (const a of pool) {
    const key = a.path.join(SEP);
    if (seen.has(key)) continue;
    seen.add(key);
    alternatives.push(a);
    if (alternatives.length >= (opts.alternatives ?? 3)) break;
  }
  const confidence = best.score;
  const showDept = department && department.score >= DEPARTMENT_MIN && department.name !== 'Unisex' ? department.name : null;
  return {
    ...base,
    title: composeTitle({ item: best.c.noun, brand: opts.brand, department: showDept, colour: colour.score >= COLOUR_MIN ? colour.name : null }),
    category: { path: best.path, score: confidence },
    alternatives,
    department,
    colour,
    confidence,
    unsure: confidence < UNSURE_BELOW,
    source: 'head',
    item: best.c.noun,
    kind: best.c.id,
  };
}

/** The department list the head's sidecar must declare (checked when loading). */
export const EXPECTED_DEPARTMENTS = DEPARTMENTS;
