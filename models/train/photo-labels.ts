/**
 * Training labels for the photo head: each photos-train manifest entry → the set of head classes it may be (a set,
 * because a home photo labelled "Shoes" says shoe but not which kind), the set of departments, and a colour.
 * Empty set = no label for that output (the loss skips it).
 */
import { HEAD_CLASSES, DEPARTMENTS, type Department } from '../../src/core/photo-head-classes.ts';
import { COLOURS, colourOf } from '../../src/core/colour-names.ts';

export interface TrainEntry {
  file: string;
  label: string;
  source: 'clothing-dataset' | 'myntra' | 'flipkart';
  group?: string;
  kids?: boolean;
  sender_id?: string;
  gender?: string;
  articleType?: string;
  baseColour?: string;
  productDisplayName?: string;
}

export interface Targets {
  cls: number[];
  dept: number[];
  colour: number[];
}

const CLS = new Map(HEAD_CLASSES.map((c, i) => [c.id, i]));
const ids = (...xs: string[]) =>
  xs.map((x) => {
    const i = CLS.get(x);
    if (i === undefined) throw new Error(`unknown head class ${x}`);
    return i;
  });
const SHOES = ['sneakers', 'sportshoes', 'formalshoes', 'heels', 'flats', 'sandals', 'flipflops'];

/** clothing-dataset's 16 labels. */
const HOME: Record<string, string[]> = {
  'T-Shirt': ['tshirt'],
  Longsleeve: ['longsleeve'],
  Pants: ['pants', 'jeans', 'trackpants', 'leggings'],
  Shoes: SHOES,
  Shirt: ['shirt'],
  Dress: ['dress'],
  Outwear: ['jacket'],
  Shorts: ['shorts'],
  Hat: ['hat', 'cap'],
  Skirt: ['skirt'],
  Undershirt: ['undershirt'],
  Polo: ['polo'],
  Blazer: ['blazer'],
  Hoodie: ['hoodie'],
  Body: ['baby'],
  Top: ['top'],
};

/** Myntra articleType → head class (types not listed are left out of the category loss). */
const MYNTRA: Record<string, string> = {
  Tshirts: 'tshirt',
  Shirts: 'shirt',
  Tops: 'top',
  Tunics: 'top',
  Camisoles: 'undershirt',
  'Innerwear Vests': 'undershirt',
  Sweaters: 'sweater',
  Sweatshirts: 'hoodie',
  Dresses: 'dress',
  Jumpsuit: 'dress',
  Skirts: 'skirt',
  Jeans: 'jeans',
  Jeggings: 'jeans',
  Trousers: 'pants',
  Capris: 'pants',
  Leggings: 'leggings',
  Tights: 'leggings',
  'Track Pants': 'trackpants',
  Tracksuits: 'trackpants',
  Shorts: 'shorts',
  Jackets: 'jacket',
  'Rain Jacket': 'jacket',
  Waistcoat: 'jacket',
  Bra: 'bra',
  Briefs: 'briefs',
  Trunk: 'briefs',
  Boxers: 'briefs',
  'Night suits': 'sleepwear',
  Nightdress: 'sleepwear',
  'Lounge Pants': 'sleepwear',
  'Lounge Shorts': 'sleepwear',
  'Bath Robe': 'sleepwear',
  Kurtas: 'traditional',
  Kurtis: 'traditional',
  'Kurta Sets': 'traditional',
  Churidar: 'traditional',
  Patiala: 'traditional',
  Dupatta: 'traditional',
  Sarees: 'saree',
  Socks: 'socks',
  Stockings: 'socks',
  'Casual Shoes': 'sneakers',
  'Sports Shoes': 'sportshoes',
  'Formal Shoes': 'formalshoes',
  Heels: 'heels',
  Flats: 'flats',
  Sandals: 'sandals',
  'Sports Sandals': 'sandals',
  'Flip Flops': 'flipflops',
  Backpacks: 'backpack',
  Rucksacks: 'backpack',
  'Laptop Bag': 'messenger',
  Handbags: 'handbag',
  Clutches: 'clutch',
  'Messenger Bag': 'messenger',
  'Duffel Bag': 'duffel',
  Wallets: 'wallet',
  'Mobile Pouch': 'wallet',
  Belts: 'belt',
  Caps: 'cap',
  Hat: 'hat',
  Sunglasses: 'sunglasses',
  Ties: 'tie',
  Scarves: 'scarf',
  Mufflers: 'scarf',
  Stoles: 'scarf',
  Cufflinks: 'cufflinks',
  Earrings: 'earrings',
  'Necklace and Chains': 'necklace',
  Pendant: 'necklace',
  Ring: 'ring',
  Bangle: 'bracelet',
  Bracelet: 'bracelet',
  Watches: 'watch',
  'Perfume and Body Mist': 'fragrance',
  Deodorant: 'fragrance',
  'Fragrance Gift Set': 'fragrance',
  Lipstick: 'lipstick',
  'Lip Gloss': 'lipstick',
  'Lip Liner': 'lipstick',
  'Lip Care': 'lipstick',
  'Nail Polish': 'nailpolish',
  'Kajal and Eyeliner': 'eyemakeup',
  Mascara: 'eyemakeup',
  Eyeshadow: 'eyemakeup',
  Compact: 'facemakeup',
  'Foundation and Primer': 'facemakeup',
  'Highlighter and Blush': 'facemakeup',
  'Face Moisturisers': 'skincare',
  'Face Scrub and Exfoliator': 'skincare',
  Sunscreen: 'skincare',
};

/** Flipkart category tree (first three levels, " > "-joined) → head class, by the most specific prefix that matches. */
const FLIPKART: [RegExp, string][] = [
  [/Fragrances/, 'fragrance'],
  [/Makeup > (Lips|Vanity)/, 'beautyset'],
  [/Makeup > Nails/, 'nailpolish'],
  [/Makeup > Eyes|Eye Care/, 'eyemakeup'],
  [/Combos and Kits/, 'beautyset'],
  [/Body and Skin Care|Bath and Spa|Hair Care/, 'skincare'],
  [/Blankets|Baby Blankets/, 'blanket'],
  [/Bedsheets|Baby Bedsheets/, 'bedsheet'],
  [/Cushion|Sofa Covers/, 'cushion'],
  [/Curtains/, 'curtain'],
  [/Towels/, 'towel'],
  [/Carpets|Bath Mats/, 'rug'],
  [/Showpiece|Table Decor|Religion/, 'showpiece'],
  [/Lighting|Lamps|Bulbs/, 'lights'],
  [/Paintings|Posters|Wall Decals/, 'wallart'],
  [/Coffee Mugs|Cups & Saucers/, 'mug'],
  [/Cookware/, 'cookware'],
  [/Bottles & Sippers/, 'bottle'],
  [/Kitchen Tools|Kitchen Implements/, 'kitchentool'],
  [/Routers/, 'router'],
  [/Laptop Accessories|Storage > Pen Drives|Computer Components/, 'computeracc'],
  [/Wrist Watches/, 'watch'],
  [/Infant Wear/, 'baby'],
];

/** Myntra gender → departments; the home photos only say kids or not (→ any adult department). */
function departments(e: TrainEntry): number[] {
  const D = (...d: Department[]) => d.map((x) => DEPARTMENTS.indexOf(x));
  if (e.source === 'myntra') {
    if (e.gender === 'Boys' || e.gender === 'Girls') return D('Kids');
    if (e.gender === 'Women' || e.gender === 'Men' || e.gender === 'Unisex') return D(e.gender);
    return [];
  }
  if (e.source === 'clothing-dataset') return e.kids ? D('Kids') : D('Women', 'Men', 'Unisex');
  return /Baby|Infant/.test(e.label) ? D('Kids') : [];
}

export function targetsOf(e: TrainEntry): Targets {
  let cls: number[];
  if (e.source === 'clothing-dataset') cls = ids(...(HOME[e.label] ?? []));
  else if (e.source === 'myntra') cls = MYNTRA[e.articleType ?? ''] ? ids(MYNTRA[e.articleType!]) : [];
  else {
    const hit = FLIPKART.find(([re]) => re.test(e.label));
    cls = hit ? ids(hit[1]) : [];
  }
  const c = e.source === 'myntra' ? colourOf(e.baseColour) : null;
  return { cls, dept: cls.length ? departments(e) : [], colour: c ? [COLOURS.indexOf(c)] : [] };
}

/** Whether a photo is a sample for the "other" gate: not used (the ImageNet mapping gates, see photo-head.ts). */
export const LEFT_OUT = (e: TrainEntry) => targetsOf(e).cls.length === 0;
