import { describe, expect, it } from 'vitest';
import {
  categoryFeatures,
  conditionId,
  fnv1a,
  intervalGroup,
  normalizeText,
  priceFeatures,
  withCategoryPath,
  scatterDense,
  shippingFlag,
  tokenize,
  type ListingInput,
  type SparseVec,
} from '../../src/core/text-features.ts';

const DIM = 1 << 16;
const row = {
  name: 'Nike Air Max 90 running shoes',
  brand_name: 'Nike',
  category_name: 'Men/Shoes/Athletic',
  item_condition_id: 2,
  shipping: 1,
  item_description: 'Worn twice, like new. Size 10.',
};
const has = (v: SparseVec, key: string) => v.indices.includes(fnv1a(key) & (DIM - 1));

describe('hashing', () => {
  it('FNV-1a 32-bit matches the reference vectors', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('features are deterministic and sorted, with finite values', () => {
    const a = priceFeatures(row, DIM);
    const b = priceFeatures({ ...row }, DIM);
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    for (let i = 1; i < a.indices.length; i++) expect(a.indices[i]).toBeGreaterThan(a.indices[i - 1]);
    for (const v of a.values) expect(Number.isFinite(v)).toBe(true);
    for (const i of a.indices) expect(i >= 0 && i < DIM).toBe(true);
  });

  it('rejects a hash dimension that is not a power of two', () => {
    expect(() => categoryFeatures('x', 1000)).toThrow(/power of two/);
  });
});

describe('price features', () => {
  const v = priceFeatures(row, DIM);
  it('has title, description, brand, category, condition and shipping features', () => {
    for (const k of ['bias', 't:nike', 't:air_max', 'd:worn', 'b:nike', 'cat:men/shoes/athletic', 'c0:men', 'cond:2', 'ship:1', 'cs:2|1'])
      expect(has(v, k), k).toBe(true);
  });
  it('has brand×title and category×title crosses', () => {
    expect(has(v, 'bt:nike|running')).toBe(true);
    expect(has(v, 'ct:men/shoes/athletic|shoes')).toBe(true);
  });
  it('category spelling is case-insensitive (skill test writes sub-levels in lower case)', () => {
    const a = priceFeatures({ category_name: 'Women/Tops & Blouses/Blouse' }, DIM);
    const b = priceFeatures({ category_name: 'Women/Tops & blouses/Blouse' }, DIM);
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
  });
  it("our tree's path gives features of its own and stands in for a missing Mercari category", () => {
    const ours = priceFeatures({ name: 'Nike shoes', category_path: ['Fashion', 'Shoes', 'Sneakers'] }, DIM);
    expect(has(ours, 'o0:fashion')).toBe(true);
    expect(has(ours, 'o2:fashion/shoes/sneakers')).toBe(true);
    expect(has(ours, 'ct:our:fashion/shoes/sneakers|nike')).toBe(true);
  });
  it('withCategoryPath maps a Mercari category_name onto our tree, and an explicit path wins', () => {
    const r = withCategoryPath<ListingInput>({ category_name: 'Women/Tops & Blouses/T-Shirts' });
    expect(r.category_path?.[0]).toBe('Fashion');
    expect(withCategoryPath({ category_name: 'Women/Tops & Blouses/T-Shirts', category_path: ['Home'] }).category_path).toEqual(['Home']);
    expect(withCategoryPath<ListingInput>({}).category_path).toBeUndefined();
    expect(intervalGroup({ category_path: ['Fashion', 'Women', 'Dresses'] })).toBe('Fashion > Women');
  });
  it("'No description yet' counts as no description", () => {
    const a = priceFeatures({ ...row, item_description: 'No description yet' }, DIM);
    const b = priceFeatures({ ...row, item_description: '' }, DIM);
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
  });
  it('missing fields give the "unknown" features instead of failing', () => {
    const e = priceFeatures({}, DIM);
    expect(has(e, 'cond:?')).toBe(true);
    expect(has(e, 'ship:?')).toBe(true);
    expect(has(e, 'b:∅')).toBe(true);
  });
});

describe('bad input', () => {
  it('empty title gives only the bias for the category model', () => {
    const v = categoryFeatures('', DIM);
    expect(v.indices.length).toBe(1);
    expect(has(v, 'bias')).toBe(true);
    expect(categoryFeatures(null, DIM).indices.length).toBe(1);
  });
  it('emoji-only titles are handled (no tokens, no crash)', () => {
    expect(tokenize('🔥🔥🔥 ✨')).toEqual([]);
    expect(priceFeatures({ name: '🔥🔥🔥' }, DIM).indices.length).toBeGreaterThan(0);
  });
  it('non-Latin letters are kept', () => {
    expect(tokenize('Sac à main Чехол')).toEqual(['sac', 'à', 'main', 'чехол']);
  });
  it('5,000-character titles and huge descriptions are capped and fast', () => {
    const long = 'word '.repeat(1000) + 'x'.repeat(2000);
    const t = performance.now();
    const v = priceFeatures({ name: long, item_description: long.repeat(20) }, DIM);
    expect(performance.now() - t).toBeLessThan(200);
    expect(v.indices.length).toBeLessThan(2000);
    expect(normalizeText(long).length).toBeLessThanOrEqual(200);
  });
  it('condition and shipping parse numbers, strings and names', () => {
    expect(conditionId(3)).toBe(3);
    expect(conditionId('2')).toBe(2);
    expect(conditionId('Like new')).toBe(2);
    expect(conditionId(9)).toBeNull();
    expect(conditionId(undefined)).toBeNull();
    expect(shippingFlag('1')).toBe(1);
    expect(shippingFlag(0)).toBe(0);
    expect(shippingFlag('maybe')).toBeNull();
  });
});

describe('dense scatter', () => {
  it('scatters into the requested row', () => {
    const v = categoryFeatures('red dress', 64);
    const out = scatterDense(v, 64, new Float32Array(128), 1);
    expect(out.slice(0, 64).every((x) => x === 0)).toBe(true);
    let s = 0;
    for (const x of out.slice(64)) s += x * x;
    expect(s).toBeGreaterThan(0);
  });
});
