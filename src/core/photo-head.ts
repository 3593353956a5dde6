/**
 * Fuses our photo head (category kind, department, colour: models/photo) with the ImageNet mapping. Pure.
 *
 * Gate: the top level is the ImageNet mapping's, with one exception, the Fashion override: when the head puts
 * ≥ FASHION_OVERRIDE.minHeadMass of its probability on Fashion kinds and the ImageNet mapping itself gives Fashion at
 * least minImagenetShare, the top level becomes Fashion (a shirt on a quilt, a swimsuit the ImageNet classes call a
 * swimming cap). The head names the leaf only inside what it was trained for — anywhere in Fashion; in Home and Beauty
 * only within the ImageNet mapping's own second-level branch; never in Electronics, Toys, Sports, Books, Instruments —
 * and only when it puts ≥ HEAD_MIN_TOP_MASS of its own probability there. Otherwise the ImageNet path (and its title)
 * stands, so a camera stays "Digital Camera" and a dishwasher an appliance, while a dress the ImageNet classes call a
 * jersey becomes Women › Dresses. The confidence is the head's calibrated probability of its class.
 * "Not a product" stays the ImageNet mapping's decision.
 *
 * What the seller chose in the form steers it (FuseOptions.department / colour / category): their department files a
 * garment and names it, their colour goes into the title, a category they picked gives the title that kind's noun.
 */
import { IMAGENET_MAP } from './imagenet-map.ts';
import { imagenetNoun, suggestFromProbabilities, softmax, type SuggestOptions } from './photo-suggest.ts';
import { HEAD_CLASS_BY_ID, DEPARTMENTS, isDepartment, type Department, type HeadClass } from './photo-head-classes.ts';
import { COLOURS, type ColourName } from './colour-names.ts';
import { suggestsColour } from './listing-fields.ts';
import { composeTitle } from './title.ts';
import { SEP } from './taxonomy.ts';
import { UNSURE_BELOW } from './category-chips.ts';
import { argmax } from './preprocess.ts';
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
/** The title names the department / colour only at or above these calibrated probabilities. */
export const DEPARTMENT_MIN = 0.6;
export const COLOUR_MIN = 0.5;
/** The head names the leaf only when it puts at least this much of its mass on the chosen top level (the ImageNet
 * mapping's, or Fashion when the override moved it). */
export const HEAD_MIN_TOP_MASS = 0.5;

export interface FieldScore<T extends string> {
  name: T;
  score: number;
}
export interface FusedSuggestion extends PhotoSuggestion {
  /** For clothing, shoes, bags and accessories the head named; null otherwise or when unknown. The seller's choice
   *  (or the department of a Fashion path they picked) when there is one, with score 1. */
  department: FieldScore<Department> | null;
  colour: FieldScore<ColourName> | null;
  /** Calibrated probability that the category is right. */
  confidence: number;
  unsure: boolean;
  /** Which evidence named the category. */
  source: 'head' | 'imagenet';
  /** The item noun of the suggested category (the title names another when the seller picked another category). */
  item: string;
  /** The head's class id when the head named the category (e.g. "dress"), else null. */
  kind: string | null;
}

/** The form's department / colour as fusion options: null (untouched) → absent, '' → cleared, a known name → it. */
export function sellerChoices(department: string | null, colour: string | null): Pick<FuseOptions, 'department' | 'colour'> {
  const out: Pick<FuseOptions, 'department' | 'colour'> = {};
  if (department === '' || isDepartment(department ?? '')) out.department = department as Department | '';
  if (colour === '' || (COLOURS as readonly string[]).includes(colour ?? '')) out.colour = colour as ColourName | '';
  return out;
}

/** Who a Fashion path is for, when it says (Fashion › Men › Shirts → Men), else null. */
export function pathDepartment(path: readonly string[] | null): Department | null {
  return path && path[0] === 'Fashion' && isDepartment(path[1]) && path[1] !== 'Unisex' ? path[1] : null;
}

/** What the head may refine: all of Fashion; elsewhere one second-level branch (Home › Kitchen & Dining, …). */
const scopeOf = (path: readonly string[]) => (path[0] === 'Fashion' ? 'Fashion' : path.slice(0, 2).join(SEP));

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

/**
 * When the head may move the top level to Fashion: it puts at least `minHeadMass` of its probability on Fashion kinds
 * and the ImageNet mapping itself gives Fashion at least `minImagenetShare` of its product mass (a shirt on a quilt,
 * a swimsuit the ImageNet classes call a swimming cap). Chosen on the validation fold (models/train/photo-fusion-screen.ts).
 */
export interface TopOverride {
  minHeadMass: number;
  minImagenetShare: number;
}
export const FASHION_OVERRIDE: TopOverride = { minHeadMass: 0.9, minImagenetShare: 0.05 };

export interface FuseOptions extends SuggestOptions {
  /** Brand the seller typed or a barcode gave; goes first in the title. */
  brand?: string | null;
  /** The Fashion override's thresholds (null: the ImageNet mapping's top level always stands). */
  fashionOverride?: TopOverride | null;
  /**
   * What the seller chose in the form, which the suggestion follows: a department files a garment under it (Men ›
   * T-Shirts, not Women › T-Shirts) and the title names it; a colour goes into the title. '' = the seller cleared the
   * field (the title names none). Absent: the head's, at its thresholds.
   */
  department?: Department | '';
  colour?: ColourName | '';
  /** The category the seller picked: the title names that kind of item where the photo evidence has a noun for it. */
  category?: readonly string[] | null;
}

export function suggestWithHead(probs: ArrayLike<number>, head: HeadOutputs | null, labels: HeadLabels | null, opts: FuseOptions = {}): FusedSuggestion {
  const base = suggestFromProbabilities(probs, opts);
  const picked = opts.category?.length ? opts.category : null;
  /** The category the seller picked, when it is not the one suggested. */
  const pickedOther = (suggested: readonly string[]) => (picked && picked.join(SEP) !== suggested.join(SEP) ? picked : null);
  /** The title's department word: the seller's; else who a picked Fashion path is for; else `fromHead`. */
  const titleDepartment = (suggested: readonly string[], fromHead: Department | null): Department | null => {
    const path = picked ?? suggested;
    if (path[0] !== 'Fashion') return null;
    if (opts.department !== undefined) return opts.department || null;
    return pathDepartment(picked) ?? fromHead; // a picked path names who it is for, the suggested one tapped too
  };
  const plainOther = pickedOther(base.category.path);
  const plain = (): FusedSuggestion => ({
    ...base,
    title: base.product
      ? composeTitle({
          item: (plainOther && imagenetNoun(probs, plainOther)) || base.title,
          brand: opts.brand,
          department: titleDepartment(base.category.path, null),
          colour: opts.colour || null,
        })
      : '',
    department: null,
    colour: null,
    confidence: base.category.score,
    unsure: !base.product || base.category.score < UNSURE_BELOW,
    source: 'imagenet',
    item: base.title,
    kind: null,
  });
  if (!head || !labels || !base.product) return plain();

  // The top level stays the ImageNet mapping's unless the Fashion override holds. The head names the leaf only inside
  // what it was trained for: anywhere in Fashion, and in Home / Beauty only within the ImageNet mapping's own
  // second-level branch (a dishwasher stays an appliance, a phone stays a phone); and only when it puts at least
  // HEAD_MIN_TOP_MASS of its own probability there.
  const dept = argmax(head.department);
  const chosenDept = opts.department || null; // the seller's
  const deptName = chosenDept ?? (labels.department[dept] as Department);
  const wi = labels.department.indexOf('Women'),
    mi = labels.department.indexOf('Men');
  const womenOverMen = chosenDept === 'Women' || (chosenDept !== 'Men' && head.department[wi] >= head.department[mi]);
  const cands = labels.category
    .map((id, k) => {
      const c = HEAD_CLASS_BY_ID.get(id);
      return c ? { c, path: headPath(c, deptName, womenOverMen), score: head.category[k] } : null;
    })
    .filter((x): x is NonNullable<typeof x> => !!x);
  const override = opts.fashionOverride === undefined ? FASHION_OVERRIDE : opts.fashionOverride;
  const moved =
    !!override &&
    base.category.path[0] !== 'Fashion' &&
    cands.reduce((a, x) => a + (x.path[0] === 'Fashion' ? x.score : 0), 0) >= override.minHeadMass &&
    (imagenetTopLevels(probs).get('Fashion') ?? 0) >= override.minImagenetShare;
  const top = moved ? 'Fashion' : base.category.path[0];
  const scope = moved ? 'Fashion' : scopeOf(base.category.path);
  const inTop = COVERED_TOPS.includes(top) ? cands.filter((x) => scopeOf(x.path) === scope) : [];
  const headMass = inTop.reduce((a, x) => a + x.score, 0);
  if (!inTop.length || headMass < HEAD_MIN_TOP_MASS) return plain();

  let best = inTop.reduce((a, b) => (b.score > a.score ? b : a));
  const colourIdx = argmax(head.colour);
  let department = best.path[0] === 'Fashion' ? { name: deptName, score: chosenDept ? 1 : head.department[dept] } : null;
  if (department && !chosenDept && best.c.garment && best.c.garment.men === null && deptName === 'Men') {
    // a kind only our Women tree has (dress, skirt, bra): the best department among the others, renormalised
    const rest = labels.department.map((d, i) => ({ d: d as Department, p: head.department[i] })).filter((x) => x.d !== 'Men');
    const b = rest.reduce((x, y) => (y.p > x.p ? y : x));
    department = { name: b.d, score: b.p / rest.reduce((s, x) => s + x.p, 0) };
    best = { ...best, path: headPath(best.c, b.d, true) };
  }
  const colour = { name: labels.colour[colourIdx] as ColourName, score: head.colour[colourIdx] };
  if (!COLOURS.includes(colour.name)) throw new Error(`unknown colour ${colour.name}`);
  // alternatives: the head's next kinds inside this top level, then the ImageNet mapping's other branches (as before)
  const seen = new Set([best.path.join(SEP)]);
  const fromHead = [...inTop]
    .sort((a, b) => b.score - a.score)
    .filter((x) => !seen.has(x.path.join(SEP)) && (seen.add(x.path.join(SEP)), true))
    .slice(0, 2)
    .map((x) => ({ path: x.path, score: x.score }));
  // moved to Fashion: the ImageNet mapping's own path stays one tap away, after the head's two runners-up, at half the
  // head's pick at most, so that no later merge (the form fuses these with the text model's guesses and sorts by
  // score) can rank it above the path the title describes
  const imagenetOwn = moved ? [{ path: base.category.path, score: Math.min(base.category.score, best.score) / 2 }] : [];
  const alternatives: CategoryScore[] = [...fromHead, ...imagenetOwn, ...base.alternatives.filter((a) => a.path[0] !== top)];
  const confidence = best.score;
  const showDept = department && department.score >= DEPARTMENT_MIN && department.name !== 'Unisex' ? department.name : null;
  // the seller picked another category: the head's likeliest kind filed there (for the department that path is for),
  // else the ImageNet evidence's noun, else the photo's own
  const other = pickedOther(best.path);
  const pathDept = other && !chosenDept ? pathDepartment(other) : null;
  if (pathDept) department = { name: pathDept, score: 1 };
  let noun = best.c.noun;
  if (other) {
    const fileAs = pathDept ?? deptName;
    const under = fileAs === 'Women' || (fileAs !== 'Men' && womenOverMen);
    const there = cands.filter((x) => headPath(x.c, fileAs, under).join(SEP) === other.join(SEP));
    const kind = there.length ? there.reduce((a, x) => (x.score > a.score ? x : a)) : null;
    noun = kind?.c.noun ?? imagenetNoun(probs, other) ?? best.c.noun;
  }
  const titleDept = titleDepartment(best.path, showDept);
  // the head's colour is left out where the listing's category takes none from a photo (a book: suggestsColour)
  const titleColour =
    opts.colour === undefined ? (colour.score >= COLOUR_MIN && suggestsColour(picked ?? best.path) ? colour.name : null) : opts.colour || null;
  return {
    ...base,
    title: composeTitle({ item: noun, brand: opts.brand, department: titleDept, colour: titleColour }),
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
