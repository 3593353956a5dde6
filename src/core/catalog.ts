/** The offline product catalog (barcode → product) and how a scanned code becomes a listing prefill. Pure. */
import { describeGtin, type GtinDescription } from './gtin.ts';
import { isCategoryPath, mapMercariCategory } from './taxonomy.ts';
import { composeTitle, firstAuthor } from './catalog-title.ts';

export interface CatalogEntry {
  gtin13: string;
  /** Product name (without the brand) or book title, as the source has it. */
  title: string;
  /** Author(s) of a book (or artist). */
  creator?: string;
  brand?: string;
  /** Net content, e.g. "12 fl oz". */
  size?: string;
  category?: string;
  price?: number;
  /** Where the row came from: an imported file's name, or the starter catalog source's name and licence. */
  source: string;
  /** 'starter': installed with the app (kept by Clear); absent: imported by the seller. */
  origin?: 'starter';
}

export interface CatalogStore {
  get(gtin13: string): Promise<CatalogEntry | undefined>;
  /** Upserts one batch in one transaction: all rows or none. */
  putBatch(rows: CatalogEntry[]): Promise<void>;
  count(): Promise<number>;
  clear(): Promise<void>;
  all(): Promise<CatalogEntry[]>;
}

export interface BarcodePrefill {
  code: GtinDescription;
  /** Null when the code is not in the catalog: the seller is asked for the title. */
  entry: CatalogEntry | null;
  title: string;
  /** The product's brand, for the Brand field ('' when unknown or a book). */
  brand: string;
  category: string[];
  price: string;
  /** Where each field came from, shown as evidence. */
  evidence: string[];
  /** A warning or request to the seller (not found, store-internal code, …). */
  message: string;
}

const BOOK = ['Books & Media', 'Books'];

/** Catalog category text (genre, console, department) → our category path, when one fits. */
export function catalogCategory(text: string | undefined, kind: GtinDescription['kind']): string[] {
  const t = (text ?? '').toLowerCase();
  if (kind === 'book') return BOOK;
  if (kind === 'periodical') return ['Books & Media', 'Magazines'];
  if (kind === 'sheet-music') return ['Books & Media', 'Books'];
  const mercari = text ? mapMercariCategory(text) : null;
  if (mercari && mercari.length > 1) return mercari;
  const rules: [RegExp, string[]][] = [
    [/nintendo|playstation|xbox|sega|game ?boy|wii|switch|video game|console/, ['Electronics', 'Video Games & Consoles', 'Games']],
    [/\b(cd|album|music)\b/, ['Books & Media', 'Music', 'CDs']],
    [/dvd|blu-?ray|movie|film/, ['Books & Media', 'Movies & TV', 'DVDs & Blu-ray']],
    [/book|novel|fiction/, BOOK],
  ];
  for (const [re, path] of rules) if (re.test(t) && isCategoryPath(path)) return path;
  return mercari ?? [];
}

/**
 * Everyday products (Datakick is mostly groceries, health and beauty) named in a catalog row without a category.
 * Our text model learned from Mercari listings, where such goods are rare: it says "Video Games" for "Coke Zero";
 * these words get the first say, the text model the rest.
 */
const PRODUCT_WORDS: [RegExp, string[]][] = [
  [
    /\b(vitamins?|supplements?|caplets?|tablets?|capsules?|softgels?|ibuprofen|acetaminophen|aspirin|antacid|allergy|pain relie(f|ver)|cough|bandages?|first aid|probiotic)\b/,
    ['Other', 'Health & Medical'],
  ],
  [/\b(shampoo|conditioner|body wash|lotion|soap|deodorant|antiperspirant|toothpaste|mouthwash|sunscreen|moisturi[sz]er|bath)\b/, ['Beauty', 'Bath & Body']],
  [/\b(lipstick|lip gloss|lip balm|mascara|eyeliner|eye shadow|foundation|concealer|nail polish|blush)\b/, ['Beauty', 'Makeup']],
  [/\b(perfume|cologne|eau de (toilette|parfum))\b/, ['Beauty', 'Fragrance']],
  [/\b(detergent|bleach|cleaner|disinfect\w*|dish ?washing|paper towels?|trash bags?|sponges?|wipes)\b/, ['Home', 'Cleaning Supplies']],
  [/\b(dog|cat|pet|puppy|kitten) (food|treats?|litter|chews?)\b/, ['Other', 'Pet Supplies']],
  [
    /\b(coffee|espresso|tea|cola|coke|soda|pop|juice|water|drink|beverage|lemonade|milk|beer|wine|cereal|snacks?|chips|crackers|cookies?|candy|chocolate|gum|granola|jerky|sauce|soup|pasta|rice|beans|nuts|almonds|peanut|butter|cheese|yogurt|bread|flour|sugar|salt|spices?|seasoning|oil|vinegar|ketchup|mustard|mayo\w*|dressing|salsa|popcorn|pretzels?|oatmeal|syrup|honey|jam|jelly|frozen|organic)\b|\b\d+(\.\d+)?\s?(fl ?oz|oz|ml|cl|l|g|kg|lb|lbs|ct)\b/,
    ['Other', 'Miscellaneous'],
  ],
];

/** A category for a catalog product from its full title (brand + name + size); [] when no rule knows it. */
export function productWordsCategory(title: string): string[] {
  const t = title.toLowerCase();
  for (const [re, path] of PRODUCT_WORDS) if (re.test(t) && isCategoryPath(path)) return path;
  return [];
}

/** Validated code + catalog row → what the form gets, with its evidence. */
export function barcodePrefill(input: string, entry: CatalogEntry | null | undefined, hint?: Parameters<typeof describeGtin>[1]): BarcodePrefill {
  const code = describeGtin(input, hint);
  if (!code.valid) return { code, entry: null, title: '', brand: '', category: [], price: '', evidence: [], message: code.message ?? 'Not a valid barcode.' };
  const evidence: string[] = [`Barcode ${code.code} (${(code.format ?? '').replace('_', '-').toUpperCase()}), GTIN-13 ${code.gtin13}`];
  if (code.isbn13) evidence.push(`ISBN-13 ${code.isbn13}${code.isbn10 ? ` · ISBN-10 ${code.isbn10}` : ''}${code.region ? ` · ${code.region}` : ''}`);
  if (entry) {
    const book = code.kind === 'book' || code.kind === 'sheet-music';
    // older imports kept a product's brand in `creator`
    const brand = book ? '' : (entry.brand ?? entry.creator ?? '').trim();
    const title = composeTitle({ ...entry, brand }, book ? 'book' : 'product');
    evidence.push(
      `${book && entry.creator ? `Title and author (${firstAuthor(entry.creator)})` : brand ? `Brand (${brand}) and name` : 'Title'} from the offline catalog: ${entry.source}`,
    );
    let category = catalogCategory(entry.category, code.kind);
    if (entry.category && category.length) evidence.push(`Category from the catalog's own “${entry.category}”`);
    else if (!category.length && (category = productWordsCategory(`${title} ${entry.size ?? ''}`)).length)
      evidence.push(`Category from the product's name (“${title}”)`);
    else if (!category.length) evidence.push('Category from the text model over the full product title');
    if (entry.price !== undefined) evidence.push(`Price from the catalog: $${entry.price.toFixed(2)}`);
    return {
      code,
      entry,
      title,
      brand,
      category,
      price: entry.price !== undefined ? entry.price.toFixed(2) : '',
      evidence,
      message: code.kind === 'store-internal' ? (code.message ?? '') : '',
    };
  }
  const category = catalogCategory(undefined, code.kind);
  const where =
    code.kind === 'book'
      ? `a book${code.region ? ` (${code.region})` : ''}`
      : code.kind === 'periodical'
        ? 'a magazine or periodical'
        : code.kind === 'sheet-music'
          ? 'printed sheet music'
          : code.kind === 'store-internal'
            ? 'a store-internal code (not a worldwide product number)'
            : code.kind === 'coupon'
              ? 'a coupon'
              : `a product registered through ${code.issuer ?? 'GS1'}${code.region ? ` (${code.region})` : ''}`;
  evidence.push(`Not in the offline catalog; the number says it is ${where}`);
  return {
    code,
    entry: null,
    title: '',
    brand: '',
    category,
    price: '',
    evidence,
    message: `This code is not in the offline catalog. It looks like ${where}: please type the title.${code.kind === 'store-internal' ? ' Store-internal codes only mean something in the shop that printed them.' : ''}`,
  };
}

/** CatalogRow (parser) → stored entry. */
export function toEntry(
  r: { gtin13: string; title: string; creator?: string; brand?: string; size?: string; category?: string; price?: number },
  source: string,
  origin?: 'starter',
): CatalogEntry {
  return {
    gtin13: r.gtin13,
    title: r.title,
    ...(r.creator ? { creator: r.creator } : {}),
    ...(r.brand ? { brand: r.brand } : {}),
    ...(r.size ? { size: r.size } : {}),
    ...(r.category ? { category: r.category } : {}),
    ...(r.price !== undefined ? { price: r.price } : {}),
    source,
    ...(origin ? { origin } : {}),
  };
}
