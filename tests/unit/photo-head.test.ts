import { describe, expect, it } from 'vitest';
import { HEAD_CLASSES, DEPARTMENTS } from '../../src/core/photo-head-classes.ts';
import { COLOURS, colourInText, colourOf } from '../../src/core/colour-names.ts';
import {
  FASHION_OVERRIDE,
  fuseHeadOutputs,
  headPath,
  imagenetTopLevels,
  sellerChoices,
  suggestWithHead,
  type HeadLabels,
  type HeadOutputs,
} from '../../src/core/photo-head.ts';
import { isCategoryPath } from '../../src/core/taxonomy.ts';
import { fuseCategories } from '../../src/core/category-fusion.ts';
import { expectedCalibrationError } from '../../src/core/photo-head-calibration.ts';

const labels: HeadLabels = { category: HEAD_CLASSES.map((c) => c.id), department: [...DEPARTMENTS], colour: [...COLOURS] };
const onehot = (n: number, i: number, p = 0.9) => Float32Array.from({ length: n }, (_, k) => (k === i ? p : (1 - p) / (n - 1)));
const head = (cls: string, dept: string, colour: string, p = 0.9): HeadOutputs => ({
  category: onehot(labels.category.length, labels.category.indexOf(cls), p),
  department: onehot(4, labels.department.indexOf(dept), p),
  colour: onehot(COLOURS.length, labels.colour.indexOf(colour), p),
});
const imagenet = (cls: number) => onehot(1000, cls, 0.95);

describe('photo head classes', () => {
  it('every class lands on a node of our tree, in every department', () => {
    for (const c of HEAD_CLASSES)
      for (const d of DEPARTMENTS) for (const w of [true, false]) expect(isCategoryPath(headPath(c, d, w)), `${c.id}/${d}`).toBe(true);
  });
  it('garments are gender-first; dresses stay under Women', () => {
    const dress = HEAD_CLASSES.find((c) => c.id === 'dress')!;
    expect(headPath(dress, 'Men', false)).toEqual(['Fashion', 'Women', 'Dresses']);
    const shirt = HEAD_CLASSES.find((c) => c.id === 'shirt')!;
    expect(headPath(shirt, 'Men', false)).toEqual(['Fashion', 'Men', 'Shirts']);
    expect(headPath(shirt, 'Kids', true)).toEqual(['Fashion', 'Kids', "Girls' Clothing"]);
  });
});

describe('colour names', () => {
  it('groups Myntra colours and reads them from product names', () => {
    expect(colourOf('Navy Blue')).toBe('navy');
    expect(colourOf('Off White')).toBe('white');
    expect(colourOf('NA')).toBeNull();
    expect(colourInText('Puma Men Black Leaping Cat T-shirt')).toBe('black');
    expect(colourInText('Nike Women Navy Blue Top')).toBe('navy');
    expect(colourInText('Puma Men Running Shoes')).toBeNull();
  });
});

describe('suggestWithHead (fusion)', () => {
  it('a dress the ImageNet classes call a jersey becomes Women › Dresses with a real title', () => {
    const s = suggestWithHead(imagenet(610), head('dress', 'Women', 'green'), labels);
    expect(s.category.path).toEqual(['Fashion', 'Women', 'Dresses']);
    expect(s.title).toBe("Women's Green Dress");
    expect(s.source).toBe('head');
    expect(s.department?.name).toBe('Women');
    expect(s.unsure).toBe(false);
  });
  it('brand goes first', () => {
    const s = suggestWithHead(imagenet(414), head('sneakers', 'Men', 'white'), labels, { brand: 'Puma' });
    expect(s.title).toBe("Puma Men's White Sneakers");
  });
  it("the seller's department and colour steer it: a garment moves to that department, the title names both; a cleared field names none", () => {
    const t = head('tshirt', 'Women', 'navy');
    expect(suggestWithHead(imagenet(610), t, labels).title).toBe("Women's Navy T-Shirt");
    const men = suggestWithHead(imagenet(610), t, labels, { department: 'Men', colour: 'blue' });
    expect(men.category.path).toEqual(['Fashion', 'Men', 'T-Shirts']);
    expect(men.title).toBe("Men's Blue T-Shirt");
    expect(men.department).toEqual({ name: 'Men', score: 1 });
    const cleared = suggestWithHead(imagenet(610), t, labels, { department: '', colour: '' });
    expect(cleared.category.path).toEqual(['Fashion', 'Women', 'T-Shirts']); // the head's department files it
    expect(cleared.title).toBe('T-Shirt');
    // a weak head colour is left out of the title, the seller's is not
    expect(suggestWithHead(imagenet(610), head('tshirt', 'Men', 'navy', 0.3), labels, { colour: 'navy', department: 'Men' }).title).toBe("Men's Navy T-Shirt");
    // the ImageNet path (no head) takes the seller's colour; a department only for Fashion
    const cam = suggestWithHead(imagenet(759), null, null, { department: 'Men', colour: 'black' });
    expect(cam.title).toMatch(/^Black [A-Z]/);
    expect(cam.title).not.toMatch(/Men's/);
  });
  it('a category the seller picked names the item in the title: the head kind filed there, else the ImageNet noun; its department too', () => {
    const t = head('tshirt', 'Women', 'navy');
    t.category[labels.category.indexOf('shirt')] = 0.3; // the head's runner-up
    const probs = imagenet(610);
    probs[750] = 0.03; // some quilt in the picture
    expect(suggestWithHead(probs, t, labels, { category: ['Fashion', 'Women', 'Tops & Blouses'] }).title).toBe("Women's Navy Shirt");
    const men = suggestWithHead(probs, t, labels, { category: ['Fashion', 'Men', 'T-Shirts'] });
    expect(men.title).toBe("Men's Navy T-Shirt");
    expect(men.department?.name).toBe('Men');
    expect(suggestWithHead(probs, t, labels, { category: ['Home', 'Bedding', 'Quilts & Comforters'] }).title).toBe('Navy Quilt');
    // another department's leaf: the head kind filed there for that department
    expect(suggestWithHead(probs, t, labels, { category: ['Fashion', 'Men', 'Shirts'] }).title).toBe("Men's Navy Shirt");
    // the ImageNet-only path names who a picked Fashion path is for too
    expect(suggestWithHead(imagenet(610), null, null, { category: ['Fashion', 'Men', 'T-Shirts'] }).title).toBe("Men's T-Shirt");
    // no evidence for the picked category: the photo's own noun stays
    expect(suggestWithHead(probs, t, labels, { category: ['Electronics', 'Cameras & Photo'] }).title).toBe('Navy T-Shirt');
    // a picked book category takes no colour from the photo (the seller's own colour still goes in)
    expect(suggestWithHead(probs, t, labels, { category: ['Books & Media', 'Books'] }).title).not.toMatch(/navy/i);
    expect(suggestWithHead(probs, t, labels, { category: ['Books & Media', 'Books'], colour: 'red' }).title).toMatch(/^Red /);
    // the seller's department wins over the picked path's
    expect(suggestWithHead(probs, t, labels, { category: ['Fashion', 'Men', 'T-Shirts'], department: 'Kids' }).title).toBe("Kids' Navy T-Shirt");
  });
  it('sellerChoices: an untouched field is absent, a cleared one empty, an unknown value ignored', () => {
    expect(sellerChoices(null, null)).toEqual({});
    expect(sellerChoices('', '')).toEqual({ department: '', colour: '' });
    expect(sellerChoices('Kids', 'multicolour')).toEqual({ department: 'Kids', colour: 'multicolour' });
    expect(sellerChoices('Aliens', 'plaid')).toEqual({});
  });
  it('what the head was not trained for stays with the ImageNet mapping (gate)', () => {
    const s = suggestWithHead(imagenet(759), head('handbag', 'Women', 'black'), labels);
    expect(s.category.path[0]).toBe('Electronics');
    expect(s.source).toBe('imagenet');
    expect(s.department).toBeNull();
    expect(s.colour).toBeNull();
  });
  it('not a product stays not a product', () => {
    const s = suggestWithHead(imagenet(1), head('dress', 'Women', 'red'), labels);
    expect(s.product).toBe(false);
    expect(s.title).toBe('');
  });
  it('a low-confidence head says it is unsure and leaves weak fields out of the title', () => {
    const s = suggestWithHead(imagenet(610), head('dress', 'Women', 'green', 0.3), labels);
    expect(s.unsure).toBe(true);
    expect(s.title).toBe('Dress');
  });
  it('fused top-level scores sum to 1', () => {
    const t = imagenetTopLevels(imagenet(414));
    expect([...t.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });
});

describe('fuseHeadOutputs', () => {
  it('one photo is returned as is; two agreeing photos sharpen, each output sums to 1', () => {
    const a = head('dress', 'Women', 'green', 0.6);
    expect(Array.from(fuseHeadOutputs([a]).category)).toEqual(Array.from(a.category));
    const f = fuseHeadOutputs([a, head('dress', 'Women', 'green', 0.8)]);
    for (const v of [f.category, f.department, f.colour]) expect(v.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 5);
    expect(f.category[labels.category.indexOf('dress')]).toBeGreaterThan(0.6);
  });
  it('rejects no photos', () => expect(() => fuseHeadOutputs([])).toThrow());
});

describe('expectedCalibrationError', () => {
  it('is 0 when confidence matches accuracy and large when overconfident', () => {
    expect(expectedCalibrationError([0.75, 0.75, 0.75, 0.75], [true, true, true, false])).toBeCloseTo(0, 9);
    expect(expectedCalibrationError([0.99, 0.99], [false, false])).toBeCloseTo(0.99, 6);
  });
});

describe('women-only kinds', () => {
  it('a dress the department output calls Men is titled and filed without "Men\'s"', () => {
    const h = head('dress', 'Men', 'black');
    h.department = Float32Array.from([0.2, 0.7, 0.05, 0.05]);
    const s = suggestWithHead(imagenet(578), h, labels);
    expect(s.category.path).toEqual(['Fashion', 'Women', 'Dresses']);
    expect(s.department?.name).toBe('Women');
    expect(s.title).toBe("Women's Black Dress");
  });
});

describe('the head changes the top level only to Fashion, and only when both sides see it', () => {
  it('on random ImageNet and head outputs the top level is the ImageNet mapping’s unless the Fashion override holds', async () => {
    const { suggestFromProbabilities } = await import('../../src/core/photo-suggest.ts');
    let seed = 1;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const randProbs = (n: number, sharp: number) => {
      const v = Float32Array.from({ length: n }, () => rnd() ** sharp);
      const s = v.reduce((a, b) => a + b, 0);
      return v.map((x) => x / s);
    };
    const fashionMass = (h: HeadOutputs) =>
      labels.category.reduce((a, id, k) => a + ((HEAD_CLASSES.find((c) => c.id === id)!.path?.[0] ?? 'Fashion') === 'Fashion' ? h.category[k] : 0), 0);
    let moved = 0;
    for (let i = 0; i < 400; i++) {
      const probs = randProbs(1000, 8);
      const h: HeadOutputs = { category: randProbs(labels.category.length, i % 2 ? 4 : 30), department: randProbs(4, 2), colour: randProbs(COLOURS.length, 2) };
      const a = suggestFromProbabilities(probs),
        b = suggestWithHead(probs, h, labels),
        off = suggestWithHead(probs, h, labels, { fashionOverride: null });
      expect(b.product).toBe(a.product);
      if (!a.product) continue;
      expect(off.category.path[0]).toBe(a.category.path[0]);
      if (b.category.path[0] === a.category.path[0]) continue;
      moved++;
      expect(b.category.path[0]).toBe('Fashion');
      expect(fashionMass(h)).toBeGreaterThanOrEqual(FASHION_OVERRIDE.minHeadMass);
      expect(imagenetTopLevels(probs).get('Fashion')).toBeGreaterThanOrEqual(FASHION_OVERRIDE.minImagenetShare);
    }
    expect(moved).toBeGreaterThan(0);
  });
  it('a shirt on a quilt: a sure head moves it to Fashion, an unsure one leaves Home', () => {
    const probs = new Float32Array(1000);
    probs[750] = 0.8; // quilt
    probs[610] = 0.2; // jersey
    const sure = suggestWithHead(probs, head('shirt', 'Men', 'blue', 0.95), labels);
    expect(sure.category.path).toEqual(['Fashion', 'Men', 'Shirts']);
    expect(sure.source).toBe('head');
    expect(sure.alternatives[2].path.slice(0, 2), 'the ImageNet path stays one tap away').toEqual(['Home', 'Bedding']);
    expect(sure.alternatives[2].score).toBeLessThan(sure.category.score);
    const unsure = suggestWithHead(probs, head('shirt', 'Men', 'blue', 0.6), labels);
    expect(unsure.category.path[0]).toBe('Home');
    expect(unsure.source).toBe('imagenet');
    // a sure ImageNet quilt, fused in the form with a text guess that also says quilt, still leaves the head's shirt first
    probs[750] = 0.9;
    probs[610] = 0.1;
    const moved = suggestWithHead(probs, head('shirt', 'Men', 'blue', 0.95), labels);
    expect(moved.category.path[0]).toBe('Fashion');
    const text = [{ path: ['Home', 'Bedding', 'Quilts & Comforters'], score: 0.8 }];
    expect(fuseCategories([moved.category, ...moved.alternatives], text, 0.3)[0].path).toEqual(['Fashion', 'Men', 'Shirts']);
    probs[750] = 1;
    probs[610] = 0; // nothing Fashion-like in the ImageNet classes: a quilt stays a quilt however sure the head is
    expect(suggestWithHead(probs, head('shirt', 'Men', 'blue', 0.99), labels).category.path[0]).toBe('Home');
  });
});

describe('the head stays inside what it was trained for', () => {
  it('a phone stays a phone even when the head leans to a computer accessory', () => {
    const s = suggestWithHead(imagenet(487), head('computeracc', 'Unisex', 'black'), labels);
    expect(s.source).toBe('imagenet');
    expect(s.category.path).toEqual(['Electronics', 'Cell Phones & Accessories', 'Cell Phones & Smartphones']);
  });
  it('a Home photo is refined only inside the ImageNet branch (kitchen stays kitchen)', () => {
    const probs = new Float32Array(1000);
    probs[504] = 1; // coffee mug
    expect(suggestWithHead(probs, head('showpiece', 'Unisex', 'black'), labels).source).toBe('imagenet');
    const s = suggestWithHead(probs, head('mug', 'Unisex', 'black'), labels);
    expect(s.source).toBe('head');
    expect(s.category.path).toEqual(['Home', 'Kitchen & Dining', 'Drinkware']);
  });
});
