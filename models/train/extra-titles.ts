/**
 * Extra (title → our category) rows for the category classifier, beyond Mercari's own listings: English product
 * names from the barcode catalogs (UHTT by its category, PriceCharting games, goodbooks titles) and the photo
 * path's own words (ImageNet class names → our tree). They widen the vocabulary outside women's clothing, where the
 * Mercari sets are thin; each source is capped so none of them dominates. Weak labels: mapped by source and category
 * name, never by hand per row.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { IMAGENET_MAP } from '../../src/core/imagenet-map.ts';
import { IMAGENET_LABELS } from '../../src/core/imagenet-labels.ts';
import { fnv1a, isNoDescription } from '../../src/core/text-features.ts';
import { categoryId, isCategoryId, pathOf } from '../../src/core/taxonomy.ts';
import { readTable } from './csv.ts';
import { firstPerKey, type TitledRow } from './category-model.ts';

const CYRILLIC = /[\u0400-\u04ff]/;

/** UHTT file → rules on its (Russian) CategoryName, first match wins; null = skip the row. */
const UHTT: Record<string, [RegExp, string | null][]> = {
  cosmetics: [
    [/помад|блеск для губ|тени|туш|карандаш для|пудр|румян|тональн|демакияж/i, 'Beauty > Makeup'],
    [/лак для ногтей|маникюр|ногти/i, 'Beauty > Makeup > Nails'],
    [/загар|солнц/i, 'Beauty > Sun Care'],
    [/шампун|волос|hair/i, 'Beauty > Hair Care'],
    [/лосьон для тела|уход за телом|крем для тела|body|мыло|гель для душа|депиляц/i, 'Beauty > Bath & Body'],
    [/лиц|кож|facial|крем/i, 'Beauty > Skin Care'],
    [/./, 'Beauty'],
  ],
  perfume: [[/./, 'Beauty > Fragrance']],
  electronics_appliances: [
    [/ноутбук/i, 'Electronics > Computers & Tablets > Laptops'],
    [/мышь|клавиатур|keyboard/i, 'Electronics > Computers & Tablets > Keyboards & Mice'],
    [/flash memory|hdd|оперативная память|ssd/i, 'Electronics > Computers & Tablets > Components & Storage'],
    [/принтер|inkjet|расходные материалы/i, 'Electronics > Computers & Tablets > Printers & Scanners'],
    [/networking|hubs and switches/i, 'Electronics > Computers & Tablets > Networking'],
    [/фотограф|камер/i, 'Electronics > Cameras & Photo'],
    [/акустик|наушник|audio/i, 'Electronics > Audio'],
    [/it peripherals|компьютерн|desktop accessories/i, 'Electronics > Computers & Tablets'],
    [/фонарь/i, 'Sports & Outdoors > Camping & Hiking > Flashlights & Lanterns'],
    [/батарейк/i, 'Electronics > Other Electronics'],
    [/цифровая техника/i, 'Electronics'],
    [/./, null], // water heaters, fuses, gas fittings: not marketplace goods
  ],
  media: [
    [/компьютерные игры/i, 'Electronics > Video Games & Consoles > Games'],
    [/software/i, null],
    [/music|звуковая запись|opera/i, 'Books & Media > Music'],
    [/media - /i, 'Books & Media > Movies & TV'],
    [/./, null], // plain "Media": CDs and DVDs mixed
  ],
  print_books: [[/./, 'Books & Media > Books']],
  toys: [
    [/lego|конструктор/i, 'Toys & Games > Building Toys'],
    [/карты игральные|игры|настольн|паззл/i, 'Toys & Games > Games & Puzzles'],
    [/./, 'Toys & Games'],
  ],
  tableware_kitchen: [
    [/кофевар/i, 'Home > Appliances > Coffee Makers'],
    [/./, 'Home > Kitchen & Dining'],
  ],
  sports_leisure: [
    [/рыбалк|рыболов|блесн|воблер/i, 'Sports & Outdoors > Fishing'],
    [/велосип/i, 'Sports & Outdoors > Cycling > Cycling Accessories'],
    [/lawn|patio/i, 'Home > Garden & Outdoor'],
    [/топливо|масло|массаж/i, null],
    [/./, 'Sports & Outdoors'],
  ],
  bags_accessories: [
    [/очки|glasses/i, 'Fashion > Accessories > Sunglasses'],
    [/зонт/i, 'Fashion > Accessories > Umbrellas'],
    [/watches/i, 'Fashion > Watches'],
    [/бижутери/i, 'Fashion > Jewelry'],
    [/luggage|travel/i, 'Fashion > Bags > Luggage & Travel'],
    [/косметичк|косметические/i, 'Fashion > Bags > Cosmetic Bags'],
    [/галантерея \(folder\)\/галантерея|сумк|рюкзак|ранец/i, 'Fashion > Bags'],
    [/./, null],
  ],
};

/** Seeded pick of at most `n` rows per class (stable across runs). */
function capByClass(rows: TitledRow[], n: number, seed: string): TitledRow[] {
  const sorted = [...rows].sort((a, b) => fnv1a(seed + a.name) - fnv1a(seed + b.name));
  return firstPerKey(sorted, (r) => categoryId(r.path), n);
}

/** English-script names from the UHTT barcode subset, labelled by file and category. */
export function loadUhttTitles(dataDir: string, perClass: number): TitledRow[] {
  const out: TitledRow[] = [];
  for (const [file, rules] of Object.entries(UHTT)) {
    const text = gunzipSync(readFileSync(resolve(dataDir, `catalog/uhtt-barcode-subset/${file}.tsv.gz`))).toString('utf8');
    const rows: TitledRow[] = [];
    const seen = new Set<string>();
    for (const line of text.split('\n').slice(1)) {
      const f = line.split('\t');
      const name = (f[2] ?? '').trim();
      if (name.length < 4 || CYRILLIC.test(name) || seen.has(name.toLowerCase())) continue;
      seen.add(name.toLowerCase());
      const target = rules.find(([re]) => re.test(f[4] ?? ''))?.[1];
      if (target && isCategoryId(target)) rows.push({ name, path: pathOf(target), group: 'uhtt' });
    }
    out.push(...capByClass(rows, perClass, file));
  }
  return out;
}

/** PriceCharting game titles with their console ("Pokemon Emerald gameboy advance") → video games. */
export function loadGameTitles(dataDir: string, n: number): TitledRow[] {
  const t = readTable(resolve(dataDir, 'catalog/pricecharting-games-4k/games_with_prices_2023-11-15.csv'), ['Console', 'Title']);
  const rows = t.map((o, i) => ({
    name: i % 2 ? `${o.Title} ${o.Console.replace(/-/g, ' ')}` : o.Title,
    path: pathOf('Electronics > Video Games & Consoles > Games'),
    group: 'games',
  }));
  return capByClass(rows, n, 'games');
}

/** goodbooks-10k titles, half of them with the author ("… by Suzanne Collins") → books. */
export function loadBookTitles(dataDir: string, n: number): TitledRow[] {
  const t = readTable(resolve(dataDir, 'catalog/goodbooks-10k/books_isbn_normalized.csv'), ['title', 'authors']);
  const rows = t.map((o, i) => ({
    name: i % 2 ? `${o.title} ${o.authors.split(',')[0]}` : `${o.title.replace(/\s*\(.*\)$/, '')} book`,
    path: pathOf('Books & Media > Books'),
    group: 'books',
  }));
  return capByClass(rows, n, 'books');
}

/** The photo path's words: each product ImageNet class's synonyms and clean title → its mapped category. */
export function loadImagenetTitles(): TitledRow[] {
  const out: TitledRow[] = [];
  IMAGENET_MAP.forEach((t, i) => {
    if (!('category' in t)) return;
    const path = pathOf(t.category);
    for (const name of [t.title, IMAGENET_LABELS[i], ...IMAGENET_LABELS[i].split(',').map((s) => s.trim())])
      if (name) out.push({ name, path, group: 'imagenet' });
  });
  const seen = new Set<string>();
  return out.filter((r) => !seen.has(`${r.name.toLowerCase()}|${r.path}`) && seen.add(`${r.name.toLowerCase()}|${r.path}`));
}

/**
 * Listings' descriptions as extra titles (first 25 words, no brand): they name the item in other words
 * ("electric kettle, 1.7 l, auto shut-off"), which teaches the title model vocabulary its 4k Kaggle titles lack.
 */
export function descriptionTitles(rows: TitledRow[]): TitledRow[] {
  const out: TitledRow[] = [];
  for (const r of rows) {
    const d = (r.description ?? '').trim();
    if (!d || isNoDescription(d)) continue;
    out.push({ name: d.split(/\s+/).slice(0, 25).join(' '), path: r.path, group: `${r.group ?? ''}-desc` });
  }
  return out;
}

/** Caps of the catalog sources (titles per class), chosen on the validation rows (Kaggle valid + Kaggle test file). */
export const EXTRA_CAPS = { uhtt: 300, games: 150, books: 150 };

/** Catalog names and ImageNet words, all sources together (default data only). */
export function catalogAndPhotoTitles(dataDir: string): TitledRow[] {
  return [
    ...loadImagenetTitles(),
    ...loadGameTitles(dataDir, EXTRA_CAPS.games),
    ...loadBookTitles(dataDir, EXTRA_CAPS.books),
    ...loadUhttTitles(dataDir, EXTRA_CAPS.uhtt),
  ];
}
