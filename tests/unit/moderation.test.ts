/** The listing-safety rules table and the decision over a listing's photos and text. */
import { describe, expect, it } from 'vitest';
import { IMAGENET_LABELS } from '../../src/core/imagenet-labels.ts';
import {
  compileRules,
  defaultRules,
  DEFAULT_RULES,
  EXPLICIT_RULE_ID,
  explicitScore,
  isExplicit,
  listingWarnings,
  photoHits,
  ruleScores,
  type RulesTable,
} from '../../src/core/moderation.ts';

const idx = (name: string) => IMAGENET_LABELS.findIndex((l) => l.split(',')[0].trim() === name);
/** 1000 probabilities with the given mass on named classes and the rest spread evenly. */
function probs(mass: Record<string, number>): Float32Array {
  const p = new Float32Array(1000);
  const rest = 1 - Object.values(mass).reduce((a, b) => a + b, 0);
  p.fill(rest / (1000 - Object.keys(mass).length));
  for (const [k, v] of Object.entries(mass)) {
    const i = idx(k);
    if (i < 0) throw new Error(k);
    p[i] = v;
  }
  return p;
}
const NSFW = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'];

describe('moderation rules table', () => {
  const rules = defaultRules();

  it('every label is an ImageNet class, every rule has wording, ids are unique', () => {
    expect(rules.rules.length).toBeGreaterThanOrEqual(10);
    for (const r of DEFAULT_RULES.rules) {
      for (const l of r.labels ?? []) expect(idx(l), `${r.id}: ${l}`).toBeGreaterThanOrEqual(0);
      expect(r.concern.length).toBeGreaterThan(3);
      expect(r.why).toMatch(/marketplaces|restricted/);
    }
    expect(new Set(rules.rules.map((r) => r.id)).size).toBe(rules.rules.length);
  });

  it("covers the issue's kinds of items, and leaves the kitchen cleaver alone", () => {
    const byLabel = (l: string) => rules.rules.filter((r) => r.classes.includes(idx(l))).map((r) => r.id);
    expect(byLabel('revolver')).toEqual(['firearm']);
    expect(byLabel('assault rifle')).toEqual(['firearm']);
    expect(byLabel('rifle')).toEqual(['firearm']);
    expect(byLabel('holster')).toEqual(['gun-accessory']);
    expect(byLabel('projectile')).toEqual(['ammunition']);
    expect(byLabel('pill bottle')).toEqual(['medicine']);
    expect(byLabel('syringe')).toEqual(['drug-paraphernalia']);
    for (const l of ['beer bottle', 'wine bottle', 'whiskey jug']) expect(byLabel(l)).toEqual(['alcohol']);
    expect(byLabel('bulletproof vest')).toEqual(['body-armour']);
    expect(byLabel('golden retriever')).toEqual(['live-animal']);
    expect(byLabel('crib')).toEqual(['baby-recall']);
    expect(byLabel('cleaver')).toEqual([]);
    expect(rules.rules.find((r) => r.id === 'live-animal')!.classes.length).toBe(398); // ImageNet 0..397
    expect(rules.rules.find((r) => r.id === 'tobacco')!.patterns.map((p) => p.word)).toContain('vape');
  });

  it('rejects a table an operator got wrong instead of ignoring it', () => {
    const base: RulesTable = { ...DEFAULT_RULES, rules: [] };
    const rule = { id: 'x', concern: 'x', why: 'x' };
    expect(() => compileRules({ ...base, rules: [{ ...rule, labels: ['handgun'] }] })).toThrow(/not an ImageNet class/);
    expect(() =>
      compileRules({
        ...base,
        rules: [
          { ...rule, labels: ['rifle'] },
          { ...rule, labels: ['revolver'] },
        ],
      }),
    ).toThrow(/repeated/);
    expect(() => compileRules({ ...base, rules: [rule] })).toThrow(/no labels, groups or words/);
    expect(() => compileRules({ ...base, rules: [{ ...rule, labels: ['rifle'], threshold: 0 }] })).toThrow(/threshold/);
    expect(() => compileRules({ ...base, threshold: 1.5 })).toThrow(/threshold/);
    expect(() => compileRules({ ...base, rules: [{ ...rule, id: EXPLICIT_RULE_ID, labels: ['rifle'] }] })).toThrow(/repeated/);
  });
});

describe('the decision on one photo', () => {
  it("adds up the mass of a rule's labels (rifle + assault rifle) and fires at the threshold", () => {
    const p = probs({ rifle: 0.25, 'assault rifle': 0.2 });
    expect(ruleScores(p).get('firearm')).toBeCloseTo(0.45, 2);
    expect(photoHits(p).map((h) => h.id)).toEqual(['firearm']);
    expect(photoHits(probs({ rifle: 0.3 }))).toEqual([]); // below the table's 0.4 alone
  });

  it('a plain product photo fires nothing; a dog fires live-animal; a stuffed toy or an animal print does not', () => {
    expect(photoHits(probs({ 'running shoe': 0.9 }))).toEqual([]);
    expect(photoHits(probs({ 'golden retriever': 0.6, 'Labrador retriever': 0.35 })).map((h) => h.id)).toEqual(['live-animal']);
    expect(photoHits(probs({ teddy: 0.7, 'golden retriever': 0.1 }))).toEqual([]);
    expect(photoHits(probs({ lorikeet: 0.7, envelope: 0.2 }))).toEqual([]); // live-animal needs 0.9 of the mass
    expect(photoHits(probs({ 'bulletproof vest': 0.95 }))).toEqual([]); // body armour needs 0.99: sweaters look like vests
  });

  it('rejects a probability vector of the wrong length', () => {
    expect(() => ruleScores(new Float32Array(1001))).toThrow(RangeError);
  });

  it('explicit score is Porn + Hentai; "Sexy" (swimwear, lingerie) does not count', () => {
    expect(explicitScore([0, 0.3, 0.1, 0.4, 0.2], NSFW)).toBeCloseTo(0.7, 6);
    expect(explicitScore([0, 0, 0.1, 0, 0.9], NSFW)).toBe(0);
    expect(isExplicit(0.999)).toBe(true);
    expect(isExplicit(0.6)).toBe(false); // the threshold is high: the small NSFW model over-reads garments
    expect(isExplicit(0.1)).toBe(false);
    expect(isExplicit(null)).toBe(false);
    expect(() => explicitScore([1, 0], ['a', 'b'])).toThrow(/does not output/);
  });
});

describe('the warnings of a listing', () => {
  it('fuses by max over photos: one revolver among shoes is enough, and says which photo', () => {
    const w = listingWarnings({ photos: [{ probs: probs({ 'running shoe': 0.9 }) }, { probs: probs({ revolver: 0.8 }) }, {}] });
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ id: 'firearm', kind: 'item', concern: 'a firearm', photos: [1] });
    expect(w[0].why).toMatch(/do not allow firearms/);
    expect(w[0].score).toBeCloseTo(0.8, 2);
  });

  it('explicit photos come first, with every flagged photo', () => {
    const w = listingWarnings({ photos: [{ explicit: 0.998, probs: probs({ 'wine bottle': 0.6 }) }, { explicit: 0.2 }, { explicit: 0.999 }] });
    expect(w.map((x) => x.id)).toEqual([EXPLICIT_RULE_ID, 'alcohol']);
    expect(w[0]).toMatchObject({ kind: 'explicit', photos: [0, 2], score: 0.999 });
    expect(w[0].why).toMatch(/photo rules/);
  });

  it('"This isn\'t that" dismissals are dropped, others stay', () => {
    const photos = [{ explicit: 0.998, probs: probs({ 'pill bottle': 0.5, syringe: 0.4 }) }];
    expect(listingWarnings({ photos }).map((x) => x.id)).toEqual([EXPLICIT_RULE_ID, 'medicine', 'drug-paraphernalia']);
    expect(listingWarnings({ photos, dismissed: ['medicine', EXPLICIT_RULE_ID] }).map((x) => x.id)).toEqual(['drug-paraphernalia']);
  });

  it('text words match whole words only, case-insensitive', () => {
    expect(listingWarnings({ photos: [], title: 'JUUL starter kit' })).toMatchObject([{ id: 'tobacco', word: 'juul', photos: [], score: 0 }]);
    expect(listingWarnings({ photos: [], title: 'Vape pen', description: '' })[0].id).toBe('tobacco');
    expect(listingWarnings({ photos: [], title: 'Vaporwave poster', description: 'ammonite fossil, glockenspiel' })).toEqual([]);
    expect(listingWarnings({ photos: [], description: 'Bourbon barrel stave' })[0].id).toBe('alcohol');
  });

  it("an operator's own table: a marketplace that bans kitchen knives too", () => {
    const strict = compileRules({
      ...DEFAULT_RULES,
      rules: [...DEFAULT_RULES.rules, { id: 'knife', concern: 'a knife', why: 'This marketplace does not allow knives.', labels: ['cleaver'] }],
    });
    expect(listingWarnings({ photos: [{ probs: probs({ cleaver: 0.9 }) }] }, strict).map((x) => x.id)).toEqual(['knife']);
    expect(listingWarnings({ photos: [{ probs: probs({ cleaver: 0.9 }) }] })).toEqual([]);
  });
});
