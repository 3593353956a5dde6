import { describe, expect, it } from 'vitest';
import { CATEGORY_PATHS, TOP_LEVELS, ancestorsOf, categoryId, isCategoryId, isCategoryPath, mapMercariCategory, pathOf } from '../../src/core/taxonomy.ts';
import { IMAGENET_MAP } from '../../src/core/imagenet-map.ts';
import { IMAGENET_LABELS } from '../../src/core/imagenet-labels.ts';
import type { NotProductReason } from '../../src/core/types.ts';

const REASONS: NotProductReason[] = ['animal', 'food', 'scene', 'person', 'plant', 'vehicle'];

describe('category tree', () => {
  it('keeps the product owner’s top levels, in order', () => {
    expect([...TOP_LEVELS]).toEqual([
      'Fashion',
      'Electronics',
      'Home',
      'Toys & Games',
      'Books & Media',
      'Sports & Outdoors',
      'Beauty',
      'Musical Instruments',
      'Collectibles & Art',
      'Other',
    ]);
    expect(CATEGORY_PATHS.filter((p) => p.length === 1).map((p) => p[0])).toEqual([...TOP_LEVELS]);
  });

  it('has unique ids, a parent for every node, at most 3 levels and a few hundred nodes', () => {
    const ids = CATEGORY_PATHS.map(categoryId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(CATEGORY_PATHS.length).toBeGreaterThan(100);
    expect(CATEGORY_PATHS.length).toBeLessThanOrEqual(400);
    for (const p of CATEGORY_PATHS) {
      expect(p.length).toBeGreaterThanOrEqual(1);
      expect(p.length).toBeLessThanOrEqual(3);
      for (const part of p) {
        expect(part.trim()).toBe(part);
        expect(part).not.toContain(' > ');
        expect(part).not.toContain('/');
      }
      if (p.length > 1) expect(isCategoryPath(p.slice(0, -1))).toBe(true);
    }
  });

  it('contains the nodes other code and the brief rely on', () => {
    for (const id of [
      'Fashion > Shoes > Sneakers',
      'Fashion > Women > Dresses',
      'Electronics > Cameras & Photo',
      'Home > Kitchen & Dining',
      'Toys & Games > Stuffed Animals',
    ])
      expect(isCategoryId(id), id).toBe(true);
  });

  it('round-trips ids and paths and rejects unknown paths', () => {
    expect(categoryId(['Fashion', 'Shoes', 'Sneakers'])).toBe('Fashion > Shoes > Sneakers');
    expect(pathOf('Fashion > Shoes > Sneakers')).toEqual(['Fashion', 'Shoes', 'Sneakers']);
    for (const p of CATEGORY_PATHS) expect(pathOf(categoryId(p))).toEqual([...p]);
    expect(isCategoryPath(['Fashion', 'Shoes', 'Spaceships'])).toBe(false);
    expect(isCategoryPath([])).toBe(false);
    expect(isCategoryPath(['fashion'])).toBe(false);
    expect(ancestorsOf(['A', 'B', 'C'])).toEqual([['A'], ['A', 'B'], ['A', 'B', 'C']]);
  });
});

describe('ImageNet → category map', () => {
  it('has exactly 1000 entries and 1000 label names', () => {
    expect(IMAGENET_MAP).toHaveLength(1000);
    expect(IMAGENET_LABELS).toHaveLength(1000);
    expect(IMAGENET_LABELS[0]).toMatch(/^tench/);
    expect(IMAGENET_LABELS[620]).toMatch(/^laptop/);
    expect(IMAGENET_LABELS[770]).toBe('running shoe');
    expect(IMAGENET_LABELS[999]).toMatch(/^toilet tissue/);
  });

  it('maps every class to an existing node with a clean title, or to a valid reason', () => {
    for (let i = 0; i < 1000; i++) {
      const t = IMAGENET_MAP[i];
      if ('notProduct' in t) {
        expect(REASONS, `class ${i}`).toContain(t.notProduct);
      } else {
        expect(isCategoryId(t.category), `class ${i} → ${t.category}`).toBe(true);
        expect(t.title, `class ${i}`).toMatch(/^[A-Za-z0-9][A-Za-z0-9 '&.-]*$/);
        expect(t.title.length).toBeLessThanOrEqual(30);
      }
    }
  });

  it('maps well-known classes sensibly', () => {
    const cat = (i: number) => {
      const t = IMAGENET_MAP[i];
      return 'category' in t ? t.category : `not:${t.notProduct}`;
    };
    expect(cat(610)).toMatch(/^Fashion > .* > T-Shirts$/); // jersey, T-shirt
    expect(cat(770)).toMatch(/^Fashion > Shoes/); // running shoe
    expect(cat(748)).toMatch(/^Fashion > Bags/); // purse
    expect(cat(620)).toBe('Electronics > Computers & Tablets > Laptops');
    expect(cat(759)).toMatch(/^Electronics > Cameras & Photo/); // reflex camera
    expect(cat(850)).toBe('Toys & Games > Stuffed Animals'); // teddy
    expect(cat(750)).toMatch(/^Home > Bedding/); // quilt
    expect(cat(402)).toMatch(/^Musical Instruments/); // acoustic guitar
    expect(cat(0)).toBe('not:animal'); // tench
    expect(cat(281)).toBe('not:animal'); // tabby cat
    expect(cat(934)).toBe('not:food'); // hotdog
    expect(cat(817)).toBe('not:vehicle'); // sports car
    expect(cat(472)).toBe('not:vehicle'); // canoe
    expect(cat(978)).toBe('not:scene'); // seashore
    expect(cat(983)).toBe('not:person'); // scuba diver
    expect(cat(985)).toBe('not:plant'); // daisy
    expect(cat(671)).toMatch(/^Sports & Outdoors > Cycling/); // mountain bike is a product
    expect((IMAGENET_MAP[850] as { title: string }).title).toBe('Teddy Bear');
  });

  it('uses every top level except the catch-alls for at least one class, and all six reasons', () => {
    const tops = new Set(IMAGENET_MAP.flatMap((t) => ('category' in t ? [pathOf(t.category)[0]] : [])));
    for (const top of TOP_LEVELS) expect(tops.has(top), top).toBe(true);
    const reasons = new Set(IMAGENET_MAP.flatMap((t) => ('notProduct' in t ? [t.notProduct] : [])));
    expect([...reasons].sort()).toEqual([...REASONS].sort());
  });
});

describe('mapMercariCategory', () => {
  const cases: [string, string][] = [
    ['Women/Tops & Blouses/T-Shirts', 'Fashion > Women > T-Shirts'],
    ['Women/Tops & blouses/T-shirts', 'Fashion > Women > T-Shirts'],
    ['Women/Athletic Apparel/Pants, Tights, Leggings', 'Fashion > Women > Activewear'],
    ['Women/Dresses/Knee-Length', 'Fashion > Women > Dresses'],
    ['Women/Shoes/Boots', 'Fashion > Shoes > Boots'],
    ['Women/Shoes/Fashion sneakers', 'Fashion > Shoes > Sneakers'],
    ["Women/Women's Handbags/Shoulder Bag", 'Fashion > Bags > Shoulder Bags'],
    ["Women/Women's accessories/Wallets", 'Fashion > Bags > Wallets'],
    ['Women/Jewelry/Necklaces', 'Fashion > Jewelry > Necklaces'],
    ['Women/Underwear/Bras', 'Fashion > Women > Bras & Underwear'],
    ['Men/Tops/T-shirts', 'Fashion > Men > T-Shirts'],
    ['Men/Shoes/Athletic', 'Fashion > Shoes > Athletic Shoes'],
    ["Men/Men's Accessories/Watches", 'Fashion > Watches'],
    ['Beauty/Makeup/Lips', 'Beauty > Makeup > Lips'],
    ['Beauty/Fragrance/Women', 'Beauty > Fragrance'],
    ['Electronics/Cell Phones & Accessories/Cases, Covers & Skins', 'Electronics > Cell Phones & Accessories > Cases & Covers'],
    ['Electronics/Video Games & Consoles/Games', 'Electronics > Video Games & Consoles > Games'],
    ['Electronics/Video Games & Consoles/Accessories', 'Electronics > Video Games & Consoles > Controllers & Accessories'],
    ['Electronics/Computers & Tablets/Components & Parts', 'Electronics > Computers & Tablets > Components & Storage'],
    ['Electronics/Cameras & Photography/Digital Cameras', 'Electronics > Cameras & Photo > Digital Cameras'],
    ['Electronics/Media/DVD', 'Books & Media > Movies & TV > DVDs & Blu-ray'],
    ['Kids/Toys/Stuffed Animals & Plush', 'Toys & Games > Stuffed Animals'],
    ['Kids/Girls 0-24 Mos/One-Pieces', 'Fashion > Kids > Baby Clothing'],
    ['Kids/Boys 2T-5T/Shoes', "Fashion > Kids > Kids' Shoes"],
    ['Home/Home Décor/Home Décor Accents', 'Home > Home Decor > Decor Accents'],
    ['Home/Kitchen & Dining/Coffee & Tea Accessories', 'Home > Kitchen & Dining > Coffee & Tea'],
    ['Other/Books/Literature & Fiction', 'Books & Media > Books > Fiction'],
    ['Other/Office supplies/Shipping Supplies', 'Books & Media > Office & School Supplies > Shipping Supplies'],
    ['Vintage & Collectibles/Trading Cards/Sports', 'Collectibles & Art > Trading Cards'],
    ['Sports & Outdoors/Fan Shop/NFL', 'Sports & Outdoors > Fan Shop'],
    ['Toys & Collectibles/Stuffed Animals & Plush/Stuffed Animals', 'Toys & Games > Stuffed Animals'],
  ];
  it.each(cases)('%s → %s', (name, id) => {
    expect(mapMercariCategory(name)).toEqual(pathOf(id));
  });

  it('falls back to the top level for unknown sub-categories, and gives null for unknown or empty input', () => {
    expect(mapMercariCategory('Electronics/Quantum Gear/Flux Capacitors')).toEqual(['Electronics', 'Other Electronics']);
    expect(mapMercariCategory('Beauty/Unknown/Thing')).toEqual(['Beauty']);
    expect(mapMercariCategory('Women/Unknown/Thing')).toEqual(['Fashion', 'Women']);
    expect(mapMercariCategory('Sports & Outdoors')).toEqual(['Sports & Outdoors', 'Other Sports']);
    expect(mapMercariCategory('')).toBeNull();
    expect(mapMercariCategory('Spaceships/Rockets/Big')).toBeNull();
  });

  it('always returns an existing node', () => {
    const samples = cases.map((c) => c[0]).concat(['Handmade/Paper Goods/Sticker', 'Other/Other/Other', 'Kids/Gear/Backpacks & Carriers']);
    for (const s of samples) {
      const p = mapMercariCategory(s);
      expect(p && isCategoryPath(p), s).toBe(true);
    }
  });
});
