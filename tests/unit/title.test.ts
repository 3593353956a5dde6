import { describe, expect, it } from 'vitest';
import { composeTitle } from '../../src/core/title.ts';
import { suggestWithHead } from '../../src/core/photo-head.ts';

describe('composeTitle', () => {
  it('no brand: department, colour, item', () => {
    expect(composeTitle({ item: 'Dress', department: 'Women', colour: 'green' })).toBe("Women's Green Dress");
  });
  it('brand first', () => {
    expect(composeTitle({ item: 'Sneakers', brand: ' Puma ', department: 'Men', colour: 'white' })).toBe("Puma Men's White Sneakers");
  });
  it('kids', () => {
    expect(composeTitle({ item: 'T-Shirt', department: 'Kids', colour: 'blue' })).toBe("Kids' Blue T-Shirt");
  });
  it('unknown colour and unisex are left out, never guessed', () => {
    expect(composeTitle({ item: 'Backpack', department: 'Unisex', colour: null })).toBe('Backpack');
    expect(composeTitle({ item: 'Backpack', department: 'Men' })).toBe("Men's Backpack");
  });
  it('multicolour reads as an adjective', () => {
    expect(composeTitle({ item: 'Scarf', colour: 'multicolour' })).toBe('Multicoloured Scarf');
  });
  it('does not repeat a brand the item already names', () => {
    expect(composeTitle({ item: 'iPod', brand: 'ipod' })).toBe('iPod');
  });
  it('no item → empty title', () => {
    expect(composeTitle({ item: '  ', brand: 'Puma' })).toBe('');
  });
  it('not a product → empty title even with a brand', () => {
    const probs = new Float32Array(1000);
    probs[1] = 1; // goldfish: an animal
    const s = suggestWithHead(probs, null, null, { brand: 'Puma' });
    expect(s.product).toBe(false);
    expect(s.title).toBe('');
    expect(s.unsure).toBe(true);
  });
  it('the ImageNet path keeps its title, with a brand in front', () => {
    const probs = new Float32Array(1000);
    probs[759] = 1; // reflex camera
    const s = suggestWithHead(probs, null, null, { brand: 'Canon' });
    expect(s.title).toMatch(/^Canon .*Camera$/);
  });
});
