/**
 * The kinds of item our photo head (models/photo) predicts, each with the title noun and where it sits in our tree.
 * Garments are gender-free kinds; their path depends on the department (Women › Dresses, Men › Shirts, Kids › …).
 * The head's sidecar JSON lists class ids in output order; this table gives them meaning. Pure data.
 */
export const DEPARTMENTS = ['Women', 'Men', 'Kids', 'Unisex'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export interface HeadClass {
  id: string;
  /** Title noun, singular ("Dress", "Backpack"). */
  noun: string;
  /** Garment: leaf under Fashion › Women / Fashion › Men (null = that department has no such leaf). */
  garment?: { women: string | null; men: string | null };
  /** Everything else: a fixed path in our tree. */
  path?: string[];
}

const G = (id: string, noun: string, women: string | null, men: string | null): HeadClass => ({ id, noun, garment: { women, men } });
const F = (id: string, noun: string, ...path: string[]): HeadClass => ({ id, noun, path });

export const HEAD_CLASSES: readonly HeadClass[] = [
  G('tshirt', 'T-Shirt', 'T-Shirts', 'T-Shirts'),
  G('longsleeve', 'Long-Sleeve Top', 'Tops & Blouses', 'T-Shirts'),
  G('shirt', 'Shirt', 'Tops & Blouses', 'Shirts'),
  G('top', 'Top', 'Tops & Blouses', 'T-Shirts'),
  G('polo', 'Polo Shirt', 'Polos', 'Polos'),
  G('undershirt', 'Vest Top', 'Tank Tops', 'Underwear'),
  G('sweater', 'Sweater', 'Sweaters', 'Sweaters'),
  G('hoodie', 'Sweatshirt', 'Hoodies & Sweatshirts', 'Hoodies & Sweatshirts'),
  G('dress', 'Dress', 'Dresses', null),
  G('skirt', 'Skirt', 'Skirts', null),
  G('jeans', 'Jeans', 'Jeans', 'Jeans'),
  G('pants', 'Trousers', 'Pants & Leggings', 'Pants'),
  G('leggings', 'Leggings', 'Pants & Leggings', 'Pants'),
  G('trackpants', 'Track Pants', 'Activewear', 'Activewear'),
  G('shorts', 'Shorts', 'Shorts', 'Shorts'),
  G('jacket', 'Jacket', 'Coats & Jackets', 'Coats & Jackets'),
  G('blazer', 'Blazer', 'Suits & Blazers', 'Suits & Blazers'),
  G('bra', 'Bra', 'Bras & Underwear', null),
  G('briefs', 'Underwear', 'Bras & Underwear', 'Underwear'),
  G('sleepwear', 'Nightwear', 'Sleepwear & Robes', 'Sleepwear & Robes'),
  F('traditional', 'Kurta', 'Fashion', 'Traditional & Cultural Wear'),
  F('saree', 'Saree', 'Fashion', 'Traditional & Cultural Wear'),
  F('baby', 'Baby Bodysuit', 'Fashion', 'Kids', 'Baby Clothing'),
  F('socks', 'Socks', 'Fashion', 'Accessories', 'Socks & Hosiery'),
  F('sneakers', 'Sneakers', 'Fashion', 'Shoes', 'Sneakers'),
  F('sportshoes', 'Sports Shoes', 'Fashion', 'Shoes', 'Athletic Shoes'),
  F('formalshoes', 'Formal Shoes', 'Fashion', 'Shoes', 'Dress Shoes'),
  F('heels', 'Heels', 'Fashion', 'Shoes', 'Heels'),
  F('flats', 'Flats', 'Fashion', 'Shoes', 'Flats'),
  F('sandals', 'Sandals', 'Fashion', 'Shoes', 'Sandals'),
  F('flipflops', 'Flip Flops', 'Fashion', 'Shoes', 'Flip Flops'),
  F('backpack', 'Backpack', 'Fashion', 'Bags', 'Backpacks'),
  F('handbag', 'Handbag', 'Fashion', 'Bags', 'Handbags'),
  F('clutch', 'Clutch', 'Fashion', 'Bags', 'Clutches'),
  F('messenger', 'Messenger Bag', 'Fashion', 'Bags', 'Crossbody Bags'),
  F('duffel', 'Duffel Bag', 'Fashion', 'Bags', 'Duffel Bags'),
  F('wallet', 'Wallet', 'Fashion', 'Bags', 'Wallets'),
  F('belt', 'Belt', 'Fashion', 'Accessories', 'Belts'),
  F('cap', 'Cap', 'Fashion', 'Accessories', 'Hats & Caps'),
  F('hat', 'Hat', 'Fashion', 'Accessories', 'Hats & Caps'),
  F('sunglasses', 'Sunglasses', 'Fashion', 'Accessories', 'Sunglasses'),
  F('tie', 'Tie', 'Fashion', 'Accessories', 'Ties & Bow Ties'),
  F('scarf', 'Scarf', 'Fashion', 'Accessories', 'Scarves & Wraps'),
  F('cufflinks', 'Cufflinks', 'Fashion', 'Accessories', 'Other Accessories'),
  F('earrings', 'Earrings', 'Fashion', 'Jewelry', 'Earrings'),
  F('necklace', 'Necklace', 'Fashion', 'Jewelry', 'Necklaces'),
  F('ring', 'Ring', 'Fashion', 'Jewelry', 'Rings'),
  F('bracelet', 'Bracelet', 'Fashion', 'Jewelry', 'Bracelets'),
  F('watch', 'Watch', 'Fashion', 'Watches'),
  F('fragrance', 'Perfume', 'Beauty', 'Fragrance'),
  F('lipstick', 'Lipstick', 'Beauty', 'Makeup', 'Lips'),
  F('nailpolish', 'Nail Polish', 'Beauty', 'Makeup', 'Nails'),
  F('eyemakeup', 'Eye Makeup', 'Beauty', 'Makeup', 'Eyes'),
  F('facemakeup', 'Face Makeup', 'Beauty', 'Makeup', 'Face'),
  F('skincare', 'Skin Care', 'Beauty', 'Skin Care'),
  F('beautyset', 'Beauty Set', 'Beauty', 'Makeup', 'Makeup Palettes & Sets'),
  F('blanket', 'Blanket', 'Home', 'Bedding', 'Blankets & Throws'),
  F('bedsheet', 'Bedsheet', 'Home', 'Bedding', 'Sheets'),
  F('cushion', 'Cushion Cover', 'Home', 'Bedding', 'Pillows'),
  F('curtain', 'Curtains', 'Home', 'Home Decor', 'Window Treatments'),
  F('towel', 'Towel', 'Home', 'Bath', 'Towels'),
  F('rug', 'Rug', 'Home', 'Home Decor', 'Rugs & Mats'),
  F('showpiece', 'Decorative Figure', 'Home', 'Home Decor', 'Decor Accents'),
  F('lights', 'Lights', 'Home', 'Home Decor', 'Lamps & Lighting'),
  F('wallart', 'Wall Art', 'Home', 'Home Decor', 'Decor Accents'),
  F('mug', 'Mug', 'Home', 'Kitchen & Dining', 'Drinkware'),
  F('cookware', 'Pot', 'Home', 'Kitchen & Dining', 'Cookware'),
  F('bottle', 'Bottle', 'Home', 'Kitchen & Dining', 'Drinkware'),
  F('kitchentool', 'Kitchen Tool', 'Home', 'Kitchen & Dining', 'Kitchen Utensils & Gadgets'),
  F('router', 'Router', 'Electronics', 'Computers & Tablets', 'Networking'),
  F('computeracc', 'Computer Accessory', 'Electronics', 'Computers & Tablets', 'Components & Storage'),
];

export const HEAD_CLASS_BY_ID: ReadonlyMap<string, HeadClass> = new Map(HEAD_CLASSES.map((c) => [c.id, c]));

/** The top level of our tree a class sits under (every garment is Fashion, whatever its department). */
export const topLevelOf = (c: HeadClass): string => c.path?.[0] ?? 'Fashion';

/** Classes whose path depends on who wears them (department applies). */
export const isGarment = (c: HeadClass) => !!c.garment;

export const isDepartment = (v: string): v is Department => (DEPARTMENTS as readonly string[]).includes(v);
