/** The title → catalog matcher on the real starter catalog (built from ../shared/data like `npm run models` does). */
import { gunzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildStarter } from '../../models/catalog/build.ts';
import { decodeStarter } from '../../src/core/catalog-starter.ts';
import { CatalogMatcher, OFFER_SCORE, editDistance, offerLabel, tokens } from '../../src/core/catalog-match.ts';

let m: CatalogMatcher;
let entries = 0;
beforeAll(async () => {
  const built = await buildStarter();
  const { entries: rows } = decodeStarter(JSON.parse(new TextDecoder().decode(gunzipSync(built.bytes))));
  entries = rows.length;
  m = new CatalogMatcher();
  m.add(rows);
}, 60_000);

const best = (q: string) => m.match(q)[0];

describe('catalog matcher', () => {
  it('indexes the whole starter catalog', () => {
    expect(entries).toBeGreaterThan(15_000);
    expect(m.size).toBe(entries);
  });
  it('exact ISBN-13, ISBN-10 and UPC in the query: that entry, score 1', () => {
    expect(best('9780439023481')).toMatchObject({ by: 'code', score: 1, entry: { gtin13: '9780439023481' } });
    expect(best('ISBN 0-439-02348-3')?.entry.gtin13).toBe('9780439023481');
    expect(best('049000042566')?.entry).toMatchObject({ brand: 'Coke', title: 'Zero' });
    expect(m.match('9780439023482')).toEqual([]); // wrong check digit: no guess
  });
  it('a typed title finds the book, with and without its author, and through typos', () => {
    for (const q of ['The Hunger Games', 'hunger games suzanne collins', 'The Huger Games', 'hunger gam']) {
      const b = best(q);
      expect(b?.entry.gtin13, q).toBe('9780439023481');
      expect(b!.score, q).toBeGreaterThanOrEqual(OFFER_SCORE);
    }
    expect(offerLabel(best('The Hunger Games')!.entry)).toBe('The Hunger Games (The Hunger Games, #1) — Suzanne Collins');
    expect(best('catching fire')?.entry.title).toMatch(/^Catching Fire/);
  });
  it('brand + name finds the product', () => {
    const b = best('Coke Zero');
    expect(b?.entry).toMatchObject({ gtin13: '0049000042566', brand: 'Coke' });
    expect(b!.score).toBeGreaterThanOrEqual(OFFER_SCORE);
    expect(best("trader joe's turkey jerky")?.entry.title).toMatch(/Turkey Jerky/);
  });
  it('a vague or unrelated title is not offered', () => {
    for (const q of ['red leather handbag', 'zero', 'nike running shoes size 10', 'a']) {
      const b = best(q);
      expect(b === undefined || b.score < OFFER_SCORE, `${q}: ${b && offerLabel(b.entry)} ${b?.score}`).toBe(true);
    }
  });
  it('helpers', () => {
    expect(tokens("The Hunger Games (Suzanne's)")).toEqual(['hunger', 'game', 'suzanne']);
    expect(editDistance('huger', 'hunger', 1)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});
