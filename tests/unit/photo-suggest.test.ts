import { describe, expect, it } from 'vitest';
import { DEFAULT_NOT_PRODUCT_THRESHOLD, fuseProbabilities, probsFromLogits, softmax, suggestFromProbabilities } from '../../src/core/photo-suggest.ts';
import { IMAGENET_MAP } from '../../src/core/imagenet-map.ts';
import { categoryId, isCategoryPath } from '../../src/core/taxonomy.ts';
import { argmax } from '../../src/core/preprocess.ts';

// class indices used below
const TSHIRT = 610,
  SWEATSHIRT = 841,
  JEAN = 608,
  CARDIGAN = 474,
  QUILT = 750,
  SLEEPING_BAG = 797;
const TABBY = 281,
  HOTDOG = 934,
  SPORTS_CAR = 817,
  LAPTOP = 620,
  RUNNING_SHOE = 770,
  TEDDY = 850;

function probs(entries: Record<number, number>): Float32Array {
  const p = new Float32Array(1000);
  let s = 0;
  for (const [i, v] of Object.entries(entries)) {
    p[+i] = v;
    s += v;
  }
  const rest = (1 - s) / 1000; // spread what is left evenly, as a real softmax would
  for (let i = 0; i < 1000; i++) p[i] += rest;
  return p;
}

function seeded(seed: number) {
  return () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe('softmax', () => {
  it('sums to 1, keeps order and survives huge logits', () => {
    const p = softmax([1000, 1001, 999]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(p[1]).toBeGreaterThan(p[0]);
    expect(p[0]).toBeGreaterThan(p[2]);
    expect(Number.isFinite(p[0])).toBe(true);
    expect(softmax([0, 0])[0]).toBeCloseTo(0.5, 6);
  });

  it('drops the background logit of a 1001-wide output', () => {
    const logits = new Float32Array(1001);
    logits[0] = 50; // background would dominate if kept
    logits[TSHIRT + 1] = 20;
    const p = probsFromLogits(logits);
    expect(p).toHaveLength(1000);
    expect(p[TSHIRT]).toBeGreaterThan(0.99);
    expect(() => probsFromLogits(new Float32Array(10))).toThrow(RangeError);
  });
});

describe('fuseProbabilities', () => {
  it('returns a copy for one photo and a distribution for several', () => {
    const a = probs({ [TSHIRT]: 0.8 });
    const one = fuseProbabilities([a]);
    expect(Array.from(one)).toEqual(Array.from(a));
    expect(one).not.toBe(a);
    const f = fuseProbabilities([a, probs({ [SWEATSHIRT]: 0.6 })]);
    expect(f.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 4);
  });

  it('favours the class every photo agrees on over one photo’s confident outlier', () => {
    const a = probs({ [LAPTOP]: 0.9, [TSHIRT]: 0.05 });
    const b = probs({ [TSHIRT]: 0.5, [SWEATSHIRT]: 0.4 });
    const c = probs({ [TSHIRT]: 0.5, [CARDIGAN]: 0.4 });
    const f = fuseProbabilities([a, b, c]);
    expect(argmax(f)).toBe(TSHIRT);
    expect(suggestFromProbabilities(f).category.path[0]).toBe('Fashion');
  });

  it('is symmetric in the order of photos', () => {
    const a = probs({ [TSHIRT]: 0.7 });
    const b = probs({ [QUILT]: 0.6 });
    const ab = fuseProbabilities([a, b]);
    const ba = fuseProbabilities([b, a]);
    for (let i = 0; i < 1000; i++) expect(ab[i]).toBeCloseTo(ba[i], 6);
  });

  it('rejects no photos and mismatched lengths', () => {
    expect(() => fuseProbabilities([])).toThrow(RangeError);
    expect(() => fuseProbabilities([new Float32Array(1000), new Float32Array(999)])).toThrow(RangeError);
  });
});

describe('suggestFromProbabilities', () => {
  it('suggests a T-shirt for a confident T-shirt photo', () => {
    const s = suggestFromProbabilities(probs({ [TSHIRT]: 0.97 }));
    expect(s.product).toBe(true);
    expect(s.reason).toBeUndefined();
    expect(s.title).toBe('T-Shirt');
    expect(categoryId(s.category.path)).toBe((IMAGENET_MAP[TSHIRT] as { category: string }).category);
    expect(s.category.score).toBeGreaterThan(0.95);
    expect(s.labels[0]).toMatchObject({ index: TSHIRT, label: 'jersey' });
    expect(s.labels[0].score).toBeCloseTo(0.97 + 0.03 / 1000, 3);
  });

  it('sums mass over a whole sub-tree: many garment classes beat one bigger bedding class', () => {
    const s = suggestFromProbabilities(probs({ [QUILT]: 0.3, [TSHIRT]: 0.2, [SWEATSHIRT]: 0.2, [JEAN]: 0.15 }));
    expect(s.category.path[0]).toBe('Fashion');
    expect(s.title).toBe('T-Shirt'); // strongest product class inside the chosen sub-tree
    expect(s.alternatives[0].path.slice(0, 2)).toEqual(['Home', 'Bedding']);
    expect(s.alternatives[0].score).toBeGreaterThan(0.3);
    expect(s.alternatives[0].score).toBeLessThan(0.4);
  });

  it('calls an animal photo not a product, with the reason', () => {
    const s = suggestFromProbabilities(probs({ [TABBY]: 0.9 }));
    expect(s.product).toBe(false);
    expect(s.reason).toBe('animal');
    expect(suggestFromProbabilities(probs({ [HOTDOG]: 0.95 })).reason).toBe('food');
    expect(suggestFromProbabilities(probs({ [SPORTS_CAR]: 0.95 })).reason).toBe('vehicle');
  });

  it('keeps a product that shares the photo with a pet, and honours the threshold option', () => {
    const p = probs({ [TABBY]: 0.55, [TEDDY]: 0.44 });
    expect(DEFAULT_NOT_PRODUCT_THRESHOLD).toBeGreaterThan(0.55);
    expect(suggestFromProbabilities(p).product).toBe(true);
    expect(suggestFromProbabilities(p).title).toBe('Teddy Bear');
    const strict = suggestFromProbabilities(p, { notProductThreshold: 0.5 });
    expect(strict.product).toBe(false);
    expect(strict.reason).toBe('animal');
  });

  it('returns sorted alternatives from other branches, scores in [0,1], and 5 sorted labels', () => {
    const s = suggestFromProbabilities(probs({ [RUNNING_SHOE]: 0.4, [LAPTOP]: 0.2, [TEDDY]: 0.15, [SLEEPING_BAG]: 0.1, [QUILT]: 0.05 }));
    expect(s.category.path).toEqual(['Fashion', 'Shoes', 'Athletic Shoes']);
    expect(s.alternatives.map((a) => a.path[0])).toEqual(['Electronics', 'Toys & Games', 'Sports & Outdoors']);
    for (let i = 1; i < s.alternatives.length; i++) expect(s.alternatives[i - 1].score).toBeGreaterThanOrEqual(s.alternatives[i].score);
    expect(s.labels.map((l) => l.index)).toEqual([RUNNING_SHOE, LAPTOP, TEDDY, SLEEPING_BAG, QUILT]);
    expect(suggestFromProbabilities(probs({ [LAPTOP]: 0.5 }), { alternatives: 1, labels: 2 }).labels).toHaveLength(2);
  });

  it('keeps every score in [0,1] and every path valid on random distributions', () => {
    const rnd = seeded(7);
    for (let t = 0; t < 200; t++) {
      const logits = Array.from({ length: 1000 }, () => (rnd() - 0.5) * 2 * (1 + 12 * rnd() * rnd()));
      const s = suggestFromProbabilities(softmax(logits));
      expect(isCategoryPath(s.category.path)).toBe(true);
      expect(s.category.score).toBeGreaterThanOrEqual(0);
      expect(s.category.score).toBeLessThanOrEqual(1);
      expect(s.alternatives.length).toBeLessThanOrEqual(3);
      for (const a of s.alternatives) {
        expect(isCategoryPath(a.path)).toBe(true);
        expect(a.path.slice(0, 2)).not.toEqual(s.category.path.slice(0, 2));
        expect(a.score).toBeGreaterThan(0);
        expect(a.score).toBeLessThanOrEqual(1);
      }
      for (let i = 1; i < s.labels.length; i++) expect(s.labels[i - 1].score).toBeGreaterThanOrEqual(s.labels[i].score);
      expect(s.product || s.reason !== undefined).toBe(true);
    }
  });

  it('applies optional top-level weights to the category only, not to the product decision', () => {
    const p = probs({ [QUILT]: 0.4, [TSHIRT]: 0.3 });
    expect(suggestFromProbabilities(p).category.path[0]).toBe('Home');
    const w = suggestFromProbabilities(p, { topLevelWeights: { Fashion: 2 } });
    expect(w.category.path[0]).toBe('Fashion');
    expect(w.title).toBe('T-Shirt');
    expect(w.category.score).toBeLessThanOrEqual(1);
    const pet = probs({ [TABBY]: 0.7, [TSHIRT]: 0.25 });
    expect(suggestFromProbabilities(pet, { topLevelWeights: { Fashion: 100 } }).product).toBe(false);
  });

  it('counts labels as slice() does and keeps the order of equal classes; an infinite input gives no NaN alternative', () => {
    const p = probs({ [QUILT]: 0.4, [TSHIRT]: 0.3, [TABBY]: 0.2 });
    expect(suggestFromProbabilities(p, { labels: -1 }).labels).toHaveLength(999);
    expect(suggestFromProbabilities(p, { labels: 2.5 }).labels.map((l) => l.index)).toEqual([QUILT, TSHIRT]);
    expect(suggestFromProbabilities(p, { labels: NaN }).labels).toEqual([]);
    const flat = new Float32Array(1000).fill(0.001); // all equal: the lowest indices first, as a stable sort gives
    expect(suggestFromProbabilities(flat, { labels: 3 }).labels.map((l) => l.index)).toEqual([0, 1, 2]);
    const inf = probs({ [QUILT]: 0.4, [TSHIRT]: 0.3 });
    inf[TSHIRT] = Infinity;
    for (const a of suggestFromProbabilities(inf).alternatives) expect(Number.isNaN(a.score)).toBe(false);
  });

  it('rejects inputs that are not 1000 probabilities', () => {
    expect(() => suggestFromProbabilities(new Float32Array(1001))).toThrow(RangeError);
  });
});
