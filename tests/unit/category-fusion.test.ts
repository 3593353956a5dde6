import { describe, expect, it } from 'vitest';
import { fuseCategories } from '../../src/core/category-fusion.ts';
import { similarCount } from '../../src/core/price-basis.ts';

const photo = [
  { path: ['Fashion', 'Shoes', 'Sneakers'], score: 0.7 },
  { path: ['Sports & Outdoors', 'Exercise & Fitness'], score: 0.2 },
];
const text = [
  { path: ['Fashion', 'Shoes', 'Boots'], score: 0.6 },
  { path: ['Fashion', 'Shoes', 'Sneakers'], score: 0.4 },
];

describe('category fusion', () => {
  it('uses whichever side exists when the other is missing', () => {
    expect(fuseCategories(photo, null, 0.7)).toEqual(photo);
    expect(fuseCategories(null, text, 0.7)).toEqual(text);
  });
  it('a typed title re-ranks: the text model leads, the photo still counts', () => {
    const fused = fuseCategories(photo, text, 0.7);
    // sneakers: 0.7·0.4 + 0.3·0.7 = 0.49 beats boots: 0.7·0.6 + 0.3·0 = 0.42
    expect(fused[0].path).toEqual(['Fashion', 'Shoes', 'Sneakers']);
    expect(fused[0].score).toBeCloseTo(0.49, 6);
    expect(fused.map((c) => c.path.join('>'))).toContain('Fashion>Shoes>Boots');
    const heavy = fuseCategories(photo, [{ path: ['Home', 'Kitchen & Dining'], score: 0.95 }], 0.9);
    expect(heavy[0].path).toEqual(['Home', 'Kitchen & Dining']);
    const light = fuseCategories(photo, [{ path: ['Home', 'Kitchen & Dining'], score: 0.95 }], 0.1);
    expect(light[0].path).toEqual(['Fashion', 'Shoes', 'Sneakers']);
  });
  it('scores stay in [0,1] and are sorted', () => {
    const f = fuseCategories(photo, text, 0.5);
    for (let i = 1; i < f.length; i++) expect(f[i - 1].score).toBeGreaterThanOrEqual(f[i].score);
    for (const c of f) {
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(1);
    }
  });
  it('similar-listing counts fall back to the deepest known prefix', () => {
    const counts = { Fashion: 100, 'Fashion > Shoes': 40 };
    expect(similarCount(counts, ['Fashion', 'Shoes', 'Sneakers'])).toBe(40);
    expect(similarCount(counts, ['Home'])).toBe(140);
    expect(similarCount(undefined, ['Home'])).toBe(0);
  });
});
