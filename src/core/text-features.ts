/**
 * Hashed sparse features for the price and category models. Pure and DOM-free: the trainer
 * (models/train) and the runtime (src/ml/listing-models.ts) both call these functions, so a change
 * here changes what the models see — bump FEATURE_VERSION and retrain.
 */

import { categoryId, mapMercariCategory } from './taxonomy.ts';

export const FEATURE_VERSION = 2;

/** A listing as the Mercari data and the price CLI give it; every field may be missing. */
export interface ListingInput {
  name?: string | null;
  brand_name?: string | null;
  category_name?: string | null;
  item_condition_id?: number | string | null;
  shipping?: number | string | null;
  item_description?: string | null;
  /** Our tree's path (src/core/taxonomy.ts), e.g. ['Fashion','Shoes','Sneakers']: what the app's form holds. */
  category_path?: readonly string[] | null;
}

export interface SparseVec {
  indices: Int32Array;
  values: Float32Array;
}

/** Caps so a 5,000-character title or a novel-length description costs bounded time. */
export const MAX_TITLE_CHARS = 200;
export const MAX_DESC_CHARS = 2000;
export const MAX_DESC_TOKENS = 120;
const MAX_CROSS_WORDS = 12;

/** FNV-1a 32-bit over UTF-16 code units (deterministic in every JS engine). */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** NFKC, lower case, anything that is not a letter or digit becomes a space. */
export function normalizeText(s: string | null | undefined, maxChars = MAX_TITLE_CHARS): string {
  if (!s) return '';
  const t = s
    .slice(0, maxChars * 2)
    .normalize('NFKC')
    .toLowerCase()
    .slice(0, maxChars);
  return t.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function tokenize(s: string | null | undefined, maxChars = MAX_TITLE_CHARS): string[] {
  const n = normalizeText(s, maxChars);
  return n ? n.split(' ') : [];
}

const NO_DESCRIPTION = 'no description yet';

/** Mercari's placeholder for an empty description ("No description yet"). */
export const isNoDescription = (d: string): boolean => d.trim().toLowerCase() === NO_DESCRIPTION;

/** Condition 1..5 (Mercari: New, Like new, Good, Fair, Poor); names are accepted too; else null. */
export function conditionId(v: ListingInput['item_condition_id']): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  if (Number.isInteger(n) && n >= 1 && n <= 5) return n;
  const names: Record<string, number> = { new: 1, 'like new': 2, good: 3, fair: 4, poor: 5 };
  return names[String(v).trim().toLowerCase()] ?? null;
}

export function shippingFlag(v: ListingInput['shipping']): 0 | 1 | null {
  if (v === null || v === undefined || v === '') return null;
  const s = String(v).trim().toLowerCase();
  if (s === '1' || s === 'true' || s === 'seller') return 1;
  if (s === '0' || s === 'false' || s === 'buyer') return 0;
  return null;
}

/** Category path as lower-case levels ('Women/Tops & blouses/Blouse' → ['women','tops & blouses','blouse']). */
export function categoryLevels(c: string | null | undefined): string[] {
  if (!c) return [];
  return c
    .split('/')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * Fills `category_path` from a Mercari `category_name` when only the latter is given (the CLI, the data),
 * so the price model sees our tree's path in every case. An explicit path wins.
 */
export function withCategoryPath<T extends ListingInput>(row: T): T {
  if ((row.category_path && row.category_path.length) || !row.category_name) return row;
  const path = mapMercariCategory(row.category_name);
  return path ? { ...row, category_path: path } : row;
}

/** Group for the price interval's calibration: the first two levels of our path ('' when unknown). */
export function intervalGroup(row: ListingInput): string {
  return categoryId((withCategoryPath(row).category_path ?? []).slice(0, 2));
}

/** Accumulates hashed keys; each group is scaled to unit L2 norm (binary bag / sqrt(n)). */
class Builder {
  private readonly map = new Map<number, number>();
  constructor(private readonly dim: number) {
    if (dim <= 0 || (dim & (dim - 1)) !== 0) throw new Error(`hash dim must be a power of two, got ${dim}`);
  }
  group(keys: string[], weight = 1): void {
    if (keys.length === 0) return;
    const uniq = [...new Set(keys)];
    const w = weight / Math.sqrt(uniq.length);
    for (const k of uniq) {
      const i = fnv1a(k) & (this.dim - 1);
      this.map.set(i, (this.map.get(i) ?? 0) + w);
    }
  }
  build(): SparseVec {
    const idx = [...this.map.keys()].sort((a, b) => a - b);
    const values = new Float32Array(idx.length);
    idx.forEach((i, j) => (values[j] = this.map.get(i)!));
    return { indices: Int32Array.from(idx), values };
  }
}

function wordNgrams(tokens: string[], prefix: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    out.push(`${prefix}${tokens[i]}`);
    if (i + 1 < tokens.length) out.push(`${prefix}${tokens[i]}_${tokens[i + 1]}`);
  }
  return out;
}

/** Character 3- and 4-grams of each word padded with spaces (robust to typos and plurals). */
function charNgrams(tokens: string[], prefix: string): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const w = ` ${t} `;
    for (const n of [3, 4]) for (let i = 0; i + n <= w.length; i++) out.push(prefix + w.slice(i, i + n));
  }
  return out;
}

/**
 * Features of free text for the category classifier (title, ImageNet labels, catalog title), plus the brand when
 * the seller gave one (a whole-brand key and its words: "Michael Kors" says Fashion, "Funko" says Toys).
 */
export function categoryFeatures(text: string | null | undefined, dim: number, brand?: string | null): SparseVec {
  const b = new Builder(dim);
  const tokens = tokenize(text);
  b.group(['bias']);
  b.group(wordNgrams(tokens, 'w:'));
  b.group(charNgrams(tokens, 'c:'), 0.7);
  const br = normalizeText(brand);
  if (br) b.group([`b:${br}`, ...br.split(' ').map((w) => `bw:${w}`)], 0.8);
  return b.build();
}

/** Features of a whole listing for the price regressor. */
export function priceFeatures(row: ListingInput, dim: number): SparseVec {
  const b = new Builder(dim);
  const title = tokenize(row.name);
  const descRaw = (row.item_description ?? '').trim();
  const desc = isNoDescription(descRaw) ? [] : tokenize(descRaw, MAX_DESC_CHARS).slice(0, MAX_DESC_TOKENS);
  const brand = normalizeText(row.brand_name) || '∅';
  const cats = categoryLevels(row.category_name);
  const ours = (row.category_path ?? []).map((x) => x.trim().toLowerCase()).filter(Boolean);
  const cat = cats.length ? cats.join('/') : ours.length ? `our:${ours.join('/')}` : '∅';
  const cond = conditionId(row.item_condition_id) ?? '?';
  const ship = shippingFlag(row.shipping) ?? '?';

  b.group(['bias']);
  b.group(wordNgrams(title, 't:'));
  b.group(charNgrams(title, 'tc:'), 0.5);
  b.group(wordNgrams(desc, 'd:'), 0.7);
  b.group([`b:${brand}`]);
  b.group([`cat:${cat}`, ...cats.map((_, i) => `c${i}:${cats.slice(0, i + 1).join('/')}`), ...ours.map((_, i) => `o${i}:${ours.slice(0, i + 1).join('/')}`)]);
  b.group([`cond:${cond}`, `ship:${ship}`, `cs:${cond}|${ship}`, `cc:${cat}|${cond}`, `csh:${cat}|${ship}`]);
  b.group([`bc:${brand}|${cond}`, `bcat:${brand}|${cat}`]);
  const crossWords = title.slice(0, MAX_CROSS_WORDS);
  b.group(crossWords.map((w) => `bt:${brand}|${w}`));
  b.group(crossWords.map((w) => `ct:${cat}|${w}`));
  return b.build();
}

/** Scatters a sparse vector into row `row` of a dense [rows, dim] buffer (the ONNX input). */
export function scatterDense(v: SparseVec, dim: number, out: Float32Array, row = 0): Float32Array {
  const base = row * dim;
  for (let j = 0; j < v.indices.length; j++) out[base + v.indices[j]] += v.values[j];
  return out;
}
