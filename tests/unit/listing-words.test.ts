/** The pure logic behind a finished listing: chips, the description draft, price honesty, the odd photo, sizes. */
import { describe, expect, it } from 'vitest';
import { categoryChips, categoryUnsure } from '../../src/core/category-chips.ts';
import { draftDescription, listingText } from '../../src/core/listing-text.ts';
import { afterFee, FEW_LISTINGS, priceGuidance, priceRemark } from '../../src/core/price-guidance.ts';
import { oddPhotoOut } from '../../src/core/photo-consistency.ts';
import { isClothing, sizeSuggestions } from '../../src/core/listing-fields.ts';
import type { PhotoSuggestion } from '../../src/core/types.ts';

describe('category chips', () => {
  const opts = [
    { path: ['Home', 'Kitchen & Dining'], score: 0.99 },
    { path: ['Home', 'Kitchen & Dining', 'Drinkware'], score: 0.71 },
    { path: ['Electronics'], score: 0.3 },
    { path: ['Fashion', 'Shoes'], score: 0.05 },
    { path: ['Toys & Games'], score: 0.2 },
    { path: ['Books & Media', 'Books'], score: 0.15 },
  ];
  it('never shows an ancestor of another chip or of the chosen path, nor a far-off guess; at most 4', () => {
    const chips = categoryChips(opts, ['Home', 'Kitchen & Dining', 'Drinkware']);
    const paths = chips.map((c) => c.path.join(' > '));
    expect(paths[0]).toBe('Home > Kitchen & Dining > Drinkware');
    expect(paths).not.toContain('Home > Kitchen & Dining');
    expect(paths).not.toContain('Fashion > Shoes'); // 0.05 is under 8% of the best (0.99)
    expect(chips.length).toBeLessThanOrEqual(4);
    expect(chips.map((c) => c.confidence)).toEqual(['likely', 'possible', 'possible', 'possible']);
  });
  it('says unsure when the best suggestion is weak', () => {
    expect(categoryUnsure([{ path: ['Electronics'], score: 0.42 }])).toBe(true);
    expect(categoryUnsure([{ path: ['Electronics'], score: 0.8 }])).toBe(false);
    expect(categoryUnsure([])).toBe(false);
  });
});

describe('description draft', () => {
  it('uses only what was seen or entered, never sizes or flaws', () => {
    const d = draftDescription({
      title: 'Dress',
      category: ['Fashion', 'Women', 'Dresses'],
      colour: 'green',
      department: 'Women',
      brand: 'Zara',
      condition: 2,
    });
    expect(d).toBe('Dress in green. Brand: Zara. For women. Condition: Like new — used once or twice; no visible wear. See the photos for details.');
    expect(d).not.toMatch(/size|cotton|polyester|stain/i);
  });
  it('does not repeat what the title already says, and carries barcode facts', () => {
    const d = draftDescription({
      title: 'The Hunger Games by Suzanne Collins',
      category: ['Books & Media', 'Books'],
      brand: 'Suzanne Collins',
      barcodeFacts: ['ISBN 9780439023481'],
    });
    expect(d).toBe('The Hunger Games by Suzanne Collins. ISBN 9780439023481. See the photos for details.');
  });
  it('names the department as who the item is for, not as the category again', () => {
    expect(draftDescription({ title: 'Sneakers', category: ['Fashion', 'Kids', 'Shoes'], department: 'Kids' })).toBe(
      'Sneakers. For kids. See the photos for details.',
    );
  });
  it('is empty when nothing is known', () => expect(draftDescription({ title: '', category: [] })).toBe(''));
  it('the copied listing has one field per line and the description last', () => {
    const t = listingText({
      title: 'Lamp',
      category: ['Home', 'Lighting'],
      price: '25',
      condition: 3,
      brand: 'IKEA',
      shipping: 'buyer',
      description: 'Works.',
    });
    expect(t).toBe('Lamp\nPrice: $25\nCondition: Good\nBrand: IKEA\nCategory: Home › Lighting\nShipping: Paid by the buyer\n\nWorks.\n');
  });
});

describe('price honesty', () => {
  it('few comparable listings: a rough guide, said plainly', () => {
    const g = priceGuidance({ low: 6, mid: 16, high: 33, similar: 3 }, 'Laptops');
    expect(g.strength).toBe('thin');
    expect(g.message).toMatch(/^Few comparable listings for Laptops \(3\)/);
    expect(priceGuidance({ low: 6, mid: 16, high: 33, similar: FEW_LISTINGS }, 'Laptops').strength).toBe('firm');
  });
  it('a typed price far outside the range gets a gentle note, inside it none', () => {
    const p = { low: 10, mid: 20, high: 40, similar: 500 };
    expect(priceRemark(650, p)).toMatch(/well above/);
    expect(priceRemark(3, p)).toMatch(/well below/);
    expect(priceRemark(25, p)).toBe('');
    expect(priceRemark(null, p)).toBe('');
  });
  it('what the seller receives after a fee', () => expect(afterFee(100, 12.9)).toBe(87.1));
});

describe('odd photo out', () => {
  const s = (top: string, leaf: string, score: number): PhotoSuggestion => ({
    product: true,
    title: leaf,
    category: { path: [top, leaf], score },
    alternatives: [],
    labels: [],
  });
  it('names the confident photo whose top level differs from what the others agree on', () => {
    expect(oddPhotoOut([s('Fashion', 'T-Shirts', 0.8), s('Fashion', 'T-Shirts', 0.7), s('Fashion', 'Sneakers', 0.9)])).toBeNull(); // same top level
    expect(oddPhotoOut([s('Fashion', 'T-Shirts', 0.8), s('Electronics', 'Laptops', 0.9), s('Fashion', 'Shirts', 0.6)])).toEqual({
      index: 1,
      looksLike: 'Laptops',
    });
    expect(oddPhotoOut([s('Fashion', 'T-Shirts', 0.8), s('Electronics', 'Laptops', 0.9)])).toEqual({ index: 1, looksLike: 'Laptops' }); // the newer of two
  });
  it('stays quiet when unsure, alone, or when photos disagree among themselves', () => {
    expect(oddPhotoOut([s('Fashion', 'T-Shirts', 0.8), s('Electronics', 'Laptops', 0.3)])).toBeNull();
    expect(oddPhotoOut([s('Electronics', 'Laptops', 0.9)])).toBeNull();
    expect(oddPhotoOut([s('Fashion', 'T-Shirts', 0.8), s('Electronics', 'Laptops', 0.9), s('Toys & Games', 'Dolls', 0.9)])).toBeNull();
  });
});

describe('sizes per category', () => {
  it('letter sizes for tops, US sizes for shoes, none for a laptop', () => {
    expect(sizeSuggestions(['Fashion', 'Women', 'Tops & Blouses'])).toContain('M');
    expect(sizeSuggestions(['Fashion', 'Shoes', 'Sneakers'])).toContain('US 9');
    expect(sizeSuggestions(['Electronics', 'Computers & Tablets', 'Laptops'])).toEqual([]);
    expect(isClothing(['Fashion', 'Jewelry'])).toBe(false);
  });
});
