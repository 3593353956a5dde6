/**
 * What counts as right for the photo head's fields on ../shared/data/photos (eval:photos and the CI gates share it).
 * Leaf: the suggested path names the photo's kind of item (a dress under Dresses, a heel under Heels). Our tree's kids
 * branch has no kinds (Girls' / Boys' Clothing), so a kids path counts when the head's kind would be right for an adult.
 * Department: Myntra garments (masterCategory Apparel) with gender Men/Women/Boys/Girls (Boys/Girls = Kids) and home
 * photos flagged kids. Colour: the first colour word of Myntra's productDisplayName, grouped as the app names colours.
 */
import { colourInText, colourWord, type ColourName } from '../../src/core/colour-names.ts';
import { expectedCalibrationError } from '../../src/core/photo-head-calibration.ts';
import { HEAD_CLASS_BY_ID } from '../../src/core/photo-head-classes.ts';
import { DEPARTMENT_MIN, headPath } from '../../src/core/photo-head.ts';
import type { Department } from '../../src/core/photo-head-classes.ts';

export interface EvalEntry {
  file: string;
  label: string;
  source: string;
  group: string;
  kids?: boolean;
  gender?: string;
  masterCategory?: string;
  productDisplayName?: string;
}

const SHOES = '*Shoes';
/** Label (clothing-dataset) or articleType (Myntra) → leaves that name it. */
export const EXPECTED_LEAVES: Record<string, string[]> = {
  Blazer: ['Suits & Blazers'],
  Body: ['Baby Clothing'],
  Dress: ['Dresses'],
  Dresses: ['Dresses'],
  Hat: ['Hats & Caps'],
  Caps: ['Hats & Caps'],
  Hoodie: ['Hoodies & Sweatshirts'],
  Sweatshirts: ['Hoodies & Sweatshirts'],
  Longsleeve: ['T-Shirts', 'Tops & Blouses'],
  Outwear: ['Coats & Jackets'],
  Jackets: ['Coats & Jackets'],
  Pants: ['Pants', 'Pants & Leggings', 'Jeans', 'Activewear'],
  Trousers: ['Pants', 'Pants & Leggings'],
  Capris: ['Pants', 'Pants & Leggings', 'Shorts'],
  'Track Pants': ['Activewear', 'Pants', 'Pants & Leggings'],
  Polo: ['Polos'],
  Shirt: ['Shirts', 'Tops & Blouses'],
  Shirts: ['Shirts', 'Tops & Blouses'],
  Blouse: ['Tops & Blouses', 'Shirts'],
  Shoes: [SHOES],
  Shorts: ['Shorts'],
  Skirt: ['Skirts'],
  'T-Shirt': ['T-Shirts'],
  Tshirts: ['T-Shirts'],
  Top: ['Tops & Blouses', 'Tank Tops', 'T-Shirts'],
  Tops: ['Tops & Blouses', 'Tank Tops', 'T-Shirts'],
  Undershirt: ['Tank Tops', 'Underwear', 'T-Shirts'],
  'Sports Shoes': ['Athletic Shoes', 'Sneakers'],
  'Casual Shoes': ['Sneakers', 'Loafers & Slip-Ons'],
  'Formal Shoes': ['Dress Shoes'],
  Heels: ['Heels'],
  Flats: ['Flats'],
  Sandals: ['Sandals'],
  'Sports Sandals': ['Sandals'],
  'Flip Flops': ['Flip Flops'],
  Backpacks: ['Backpacks'],
  Handbags: ['Handbags', 'Shoulder Bags', 'Totes'],
  'Duffel Bag': ['Duffel Bags', 'Luggage & Travel'],
  Socks: ['Socks & Hosiery'],
  Swimwear: ['Swimwear'],
  Footballs: ['Soccer', 'Football'],
  Basketballs: ['Basketball'],
  'Water Bottle': ['Drinkware', 'Food Storage'],
};

/** Whether a suggested path (and the head's kind, for kids paths) names the photo's kind of item; null = not judged. */
export function leafRight(e: EvalEntry, path: readonly string[], kind: string | null): boolean | null {
  const want = EXPECTED_LEAVES[e.label];
  if (!want) return null;
  const ok = (p: readonly string[]) => want.includes(p[p.length - 1]) || (want.includes(SHOES) && p[0] === 'Fashion' && p[1] === 'Shoes');
  if (ok(path)) return true;
  const c = kind ? HEAD_CLASS_BY_ID.get(kind) : undefined;
  if (c && path[1] === 'Kids' && c.garment) return ok(headPath(c, 'Women', true)) || ok(headPath(c, 'Men', false));
  return false;
}

export function expectedDepartment(e: EvalEntry): Department | null {
  if (e.source === 'clothing-dataset') return e.kids ? 'Kids' : null;
  if (e.masterCategory !== 'Apparel') return null;
  if (e.gender === 'Men' || e.gender === 'Women') return e.gender;
  if (e.gender === 'Boys' || e.gender === 'Girls') return 'Kids';
  return null;
}

export function expectedColour(e: EvalEntry): ColourName | null {
  return e.productDisplayName ? colourInText(e.productDisplayName) : null;
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z ]+/g, '')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/s$/, ''));

/** Title vs Myntra's productDisplayName: the item noun's words, the department word and the colour word. */
export function titleAgreement(e: EvalEntry, title: string, item: string) {
  const name = e.productDisplayName ?? '';
  const nameWords = new Set(norm(name.replace(/t-shirt/gi, 'tshirt')));
  const noun = norm(item.replace(/t-shirt/gi, 'tshirt')).every((w) => nameWords.has(w));
  const d = / (Men|Women|Boys|Girls|Unisex) /.exec(` ${name} `)?.[1];
  const wantDept = d === 'Men' ? "Men's" : d === 'Women' ? "Women's" : d === 'Boys' || d === 'Girls' ? "Kids'" : null;
  const gotDept = /\b(Women's|Men's|Kids')/.exec(title)?.[1] ?? null;
  const c = colourInText(name);
  const colour = c ? title.includes(colourWord(c)) : null;
  return { noun, department: wantDept === gotDept, colour };
}

export interface FieldResult {
  category: { path: string[]; score: number };
  alternatives: { path: string[]; score: number }[];
  title: string;
  item?: string;
  kind?: string | null;
  department?: { name: string; score: number } | null;
  colour?: { name: string; score: number } | null;
  scores?: { category: number };
}

type T = { n: number; ok: number };
const pc = (t: T) => (t.n ? Math.round((1000 * t.ok) / t.n) / 10 : NaN);
const add = (t: T, ok: boolean) => {
  t.n++;
  t.ok += +ok;
};

/** Leaf top-1/top-3, department, colour, title agreement, leaf confusions and calibration, per source and overall. */
export function fieldStats(pairs: { e: EvalEntry; r: FieldResult }[]) {
  const per: Record<string, Record<string, T>> = {};
  const confusions: Record<string, number> = {};
  const conf: number[] = [],
    right: boolean[] = [];
  const tally = (src: string, k: string, ok: boolean) => {
    for (const s of [src, 'all']) add(((per[s] ??= {})[k] ??= { n: 0, ok: 0 }), ok);
  };
  for (const { e, r } of pairs) {
    const src = e.source.startsWith('myntra') ? 'myntra' : e.source;
    const l1 = leafRight(e, r.category.path, r.kind ?? null);
    if (l1 !== null) {
      tally(src, 'leaf top-1', l1);
      const l3 = l1 || r.alternatives.slice(0, 2).some((a) => leafRight(e, a.path, null));
      tally(src, 'leaf top-3', l3);
      conf.push(r.scores?.category ?? r.category.score);
      right.push(l1);
      if (!l1) {
        const k = `${e.label} → ${r.category.path.slice(1).join(' › ')}`;
        confusions[k] = (confusions[k] ?? 0) + 1;
      }
    }
    const d = expectedDepartment(e);
    if (d) tally(src, 'department', r.department?.name === d);
    // what the title shows: the department only at or above DEPARTMENT_MIN (else the seller picks): right when shown
    if (d && r.department && r.department.score >= DEPARTMENT_MIN) tally(src, 'department shown', r.department.name === d);
    const c = expectedColour(e);
    if (c) tally(src, 'colour', r.colour?.name === c);
    if (src === 'myntra' && e.productDisplayName) {
      const a = titleAgreement(e, r.title, r.item ?? r.title);
      tally(src, 'title noun', a.noun);
      tally(src, 'title department', a.department);
      if (a.colour !== null) tally(src, 'title colour', a.colour);
    }
  }
  const table = Object.fromEntries(
    Object.entries(per).map(([s, ks]) => [s, Object.fromEntries(Object.entries(ks).map(([k, t]) => [k, { n: t.n, pct: pc(t) }]))]),
  );
  const top = Object.entries(confusions)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12);
  return { table, confusions: Object.fromEntries(top), leafEce: Math.round(1000 * expectedCalibrationError(conf, right)) / 10 };
}

export function fieldMarkdown(stats: ReturnType<typeof fieldStats>): string {
  const keys = ['leaf top-1', 'leaf top-3', 'department', 'department shown', 'colour', 'title noun', 'title department', 'title colour'];
  const srcs = Object.keys(stats.table);
  return [
    `| field | ${srcs.join(' | ')} |`,
    `|---|${srcs.map(() => '---').join('|')}|`,
    ...keys.map((k) => `| ${k} | ${srcs.map((s) => (stats.table[s][k] ? `${stats.table[s][k].pct}% (n=${stats.table[s][k].n})` : '–')).join(' | ')} |`),
    '',
    `Leaf confidence calibration error (ECE, 10 bins): ${stats.leafEce}%.`,
    '',
    '| most frequent leaf confusions (label → path) | photos |\n|---|---|',
    ...Object.entries(stats.confusions).map(([k, v]) => `| ${k} | ${v} |`),
  ].join('\n');
}
