/**
 * Our marketplace category tree (top level fixed by the product owner) plus helpers, and the mapping of
 * Mercari's 3-level `category_name` strings onto it. Pure data + functions, no DOM.
 *
 * Shape: clothing is gender-first (`Fashion > Women > Dresses`), shoes / bags / jewelry / accessories are not
 * (`Fashion > Shoes > Sneakers`), as on most resale marketplaces. Nodes are at most 3 deep.
 */
export const TOP_LEVELS = [
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
] as const;
export type TopLevel = (typeof TOP_LEVELS)[number];

/** Second level → leaves ('' = the second level has no leaves). Compact on purpose: one line per sub-tree. */
const TREE: Record<TopLevel, Record<string, string>> = {
  Fashion: {
    Women:
      'Tops & Blouses|T-Shirts|Tank Tops|Sweaters|Hoodies & Sweatshirts|Dresses|Skirts|Jeans|Pants & Leggings|Shorts|Coats & Jackets|Suits & Blazers|Activewear|Swimwear|Bras & Underwear|Sleepwear & Robes|Maternity|Polos',
    Men: 'Shirts|T-Shirts|Polos|Sweaters|Hoodies & Sweatshirts|Jeans|Pants|Shorts|Coats & Jackets|Suits & Blazers|Activewear|Swimwear|Underwear|Sleepwear & Robes',
    Kids: "Girls' Clothing|Boys' Clothing|Baby Clothing|Kids' Shoes|Kids' Accessories",
    Shoes: 'Sneakers|Athletic Shoes|Boots|Sandals|Flip Flops|Heels|Flats|Loafers & Slip-Ons|Dress Shoes|Clogs & Mules|Slippers',
    Bags: 'Handbags|Shoulder Bags|Totes|Crossbody Bags|Clutches|Backpacks|Wallets|Cosmetic Bags|Duffel Bags|Luggage & Travel',
    Jewelry: 'Necklaces|Bracelets|Earrings|Rings|Brooches & Pins',
    Watches: '',
    Accessories:
      'Hats & Caps|Sunglasses|Scarves & Wraps|Belts|Ties & Bow Ties|Gloves & Mittens|Hair Accessories|Socks & Hosiery|Umbrellas|Keychains|Other Accessories',
    'Costumes & Uniforms': '',
    'Traditional & Cultural Wear': '',
    'Vintage Clothing': '',
  },
  Electronics: {
    'Cell Phones & Accessories': 'Cell Phones & Smartphones|Cases & Covers|Chargers & Cables|Headsets|Screen Protectors',
    'Computers & Tablets': 'Laptops|Desktops|Tablets & eReaders|Monitors|Keyboards & Mice|Components & Storage|Networking|Printers & Scanners',
    'Cameras & Photo': 'Digital Cameras|Film Cameras|Lenses & Accessories|Tripods & Supports',
    'TV & Video': 'Televisions|Projectors & Screens|Home Theater|DVD & Blu-ray Players|Remote Controls',
    Audio: 'Headphones|Speakers|Home Audio|Portable Audio|Microphones|Radios|Cassettes & Media',
    'Video Games & Consoles': 'Consoles|Games|Controllers & Accessories',
    'Phones & Office Electronics': 'Landline Phones|Calculators|Typewriters',
    'Wearable Tech': '',
    'Other Electronics': '',
  },
  Home: {
    'Kitchen & Dining':
      'Cookware|Bakeware|Kitchen Utensils & Gadgets|Knives & Cutlery|Dinnerware|Drinkware|Glassware & Barware|Coffee & Tea|Serveware|Food Storage',
    Appliances: 'Small Kitchen Appliances|Coffee Makers|Major Appliances|Vacuums & Floor Care|Heating & Cooling|Irons & Garment Care|Sewing Machines',
    Furniture: 'Sofas & Couches|Chairs|Tables & Desks|Beds & Headboards|Dressers & Storage|Bookcases & Shelves|Cabinets|Outdoor Furniture',
    Bedding: 'Quilts & Comforters|Blankets & Throws|Pillows|Sheets',
    Bath: 'Towels|Bath Accessories|Shower Curtains',
    'Home Decor': 'Clocks|Lamps & Lighting|Vases|Candles & Holders|Rugs & Mats|Window Treatments|Mirrors|Decor Accents|Home Fragrance|Seasonal Decor',
    'Storage & Organization': 'Baskets & Hampers|Safes & Lockboxes|Closet Storage',
    'Tools & Home Improvement': 'Hand Tools|Power Tools|Measuring Tools|Locks & Hardware|Electrical & Lighting Parts',
    'Garden & Outdoor': 'Lawn Mowers|Garden Tools|Grills & Outdoor Cooking|Planters & Pots|Patio & Outdoor Decor',
    'Cleaning Supplies': '',
  },
  'Toys & Games': {
    'Stuffed Animals': '',
    'Dolls & Accessories': '',
    'Action Figures': '',
    'Building Toys': '',
    'Games & Puzzles': 'Board Games|Puzzles|Card Games',
    'Learning & Educational Toys': '',
    'Outdoor & Ride-On Toys': '',
    'Arts & Crafts': '',
    'Dress Up & Pretend Play': '',
    'Baby & Toddler': 'Strollers|Car Seats|Nursery Furniture|Feeding|Diapering|Baby Carriers|Baby Toys|Baby Safety',
    'Other Toys': '',
  },
  'Books & Media': {
    Books: "Fiction|Nonfiction|Children's Books|Textbooks & Education|Comics & Graphic Novels|Cookbooks",
    Magazines: '',
    Music: 'CDs|Vinyl Records',
    'Movies & TV': 'DVDs & Blu-ray',
    'Office & School Supplies': 'Pens & Writing|Notebooks & Binders|Desk Accessories|Shipping Supplies',
  },
  'Sports & Outdoors': {
    'Exercise & Fitness': 'Weights|Fitness Equipment|Yoga|Boxing & MMA|Fitness Accessories',
    'Team Sports': 'Baseball & Softball|Basketball|Football|Soccer|Volleyball|Hockey|Rugby',
    'Racket Sports': 'Tennis|Table Tennis|Badminton',
    Golf: '',
    Cycling: 'Bikes|Cycling Accessories',
    'Camping & Hiking': 'Tents|Sleeping Bags|Flashlights & Lanterns|Optics & Navigation|Camping Gear',
    'Water Sports': 'Swimming & Snorkeling|Paddling|Surfing',
    Fishing: '',
    'Winter Sports': '',
    'Protective Gear': '',
    'Sports Apparel': '',
    'Fan Shop': '',
    'Other Sports': '',
  },
  Beauty: {
    Makeup: 'Face|Lips|Eyes|Nails|Makeup Palettes & Sets',
    'Skin Care': '',
    'Hair Care': 'Styling Products|Hair Tools|Wigs & Extensions',
    Fragrance: '',
    'Bath & Body': '',
    'Sun Care': '',
    'Tools & Accessories': '',
    'Personal Care': '',
  },
  'Musical Instruments': {
    Guitars: 'Acoustic Guitars|Electric Guitars|Bass Guitars|Banjos & Ukuleles',
    'Orchestral Strings': '',
    'Pianos & Keyboards': '',
    'Drums & Percussion': '',
    Brass: '',
    Woodwinds: '',
    'Folk & Other Instruments': '',
    'Instrument Accessories': '',
  },
  'Collectibles & Art': {
    Art: 'Paintings|Prints & Posters|Sculptures',
    Antiques: '',
    'Trading Cards': '',
    'Collectible Toys': '',
    Figurines: '',
    'Coins & Currency': '',
    Memorabilia: '',
    'Pottery & Glass': '',
    'Handmade & Crafts': '',
    'Militaria & Armor': '',
  },
  Other: {
    'Pet Supplies': '',
    Automotive: 'Parts & Accessories|Tires & Wheels',
    'Health & Medical': '',
    'Party Supplies': '',
    'Travel & Everyday Items': '',
    'Industrial & Scientific': '',
    Miscellaneous: '',
  },
};

export const SEP = ' > ';

function buildPaths(): string[][] {
  const out: string[][] = [];
  for (const top of TOP_LEVELS) {
    out.push([top]);
    for (const [mid, leaves] of Object.entries(TREE[top])) {
      out.push([top, mid]);
      if (leaves) for (const leaf of leaves.split('|')) out.push([top, mid, leaf]);
    }
  }
  return out;
}

/** Every node of the tree, as a path from the top level; parents come before their children. */
export const CATEGORY_PATHS: readonly (readonly string[])[] = Object.freeze(buildPaths().map((p) => Object.freeze(p)));

const ID_SET: ReadonlySet<string> = new Set(CATEGORY_PATHS.map((p) => p.join(SEP)));

/** Category id = the path joined with ' > ', e.g. "Fashion > Shoes > Sneakers". */
export function categoryId(path: readonly string[]): string {
  return path.join(SEP);
}

/** Inverse of categoryId (does not check that the node exists; see isCategoryId). */
export function pathOf(id: string): string[] {
  return id.split(SEP);
}

export function isCategoryId(id: string): boolean {
  return ID_SET.has(id);
}

export function isCategoryPath(path: readonly string[]): boolean {
  return path.length > 0 && ID_SET.has(path.join(SEP));
}

export function isTopLevel(s: string): s is TopLevel {
  return (TOP_LEVELS as readonly string[]).includes(s);
}

/** All ancestors of a node including itself, shortest first: ["A"], ["A","B"], ["A","B","C"]. */
export function ancestorsOf(path: readonly string[]): string[][] {
  return path.map((_, i) => path.slice(0, i + 1));
}

// ---------------------------------------------------------------------------------------------------------
// Mercari category_name ("Top/Sub/Leaf") → our node.

const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9+]+/g, ' ')
    .trim();

type Rule = [RegExp, string];
/** Rules are tried in order against "sub / leaf" (normalised); the first match wins. `$G` = Women or Men. */
const APPAREL_RULES: Rule[] = [
  [/^shoes .*\b(athletic|running|training)/, 'Fashion > Shoes > Athletic Shoes'],
  [/^shoes .*sneaker/, 'Fashion > Shoes > Sneakers'],
  [/^shoes .*boot/, 'Fashion > Shoes > Boots'],
  [/^shoes .*(flip|slide)/, 'Fashion > Shoes > Flip Flops'],
  [/^shoes .*sandal/, 'Fashion > Shoes > Sandals'],
  [/^shoes .*(pump|heel|platform|wedge)/, 'Fashion > Shoes > Heels'],
  [/^shoes .*flat/, 'Fashion > Shoes > Flats'],
  [/^shoes .*(loafer|slip on|moccasin)/, 'Fashion > Shoes > Loafers & Slip-Ons'],
  [/^shoes .*(oxford|dress)/, 'Fashion > Shoes > Dress Shoes'],
  [/^shoes .*(mule|clog)/, 'Fashion > Shoes > Clogs & Mules'],
  [/^shoes .*slipper/, 'Fashion > Shoes > Slippers'],
  [/^shoes/, 'Fashion > Shoes'],
  [/(handbag|bags and purses).*(backpack)/, 'Fashion > Bags > Backpacks'],
  [/(handbag|bags and purses).*(tote|shopper)/, 'Fashion > Bags > Totes'],
  [/(handbag|bags and purses).*(messenger|crossbody)/, 'Fashion > Bags > Crossbody Bags'],
  [/(handbag|bags and purses).*(cosmetic)/, 'Fashion > Bags > Cosmetic Bags'],
  [/(handbag|bags and purses).*(clutch|wristlet)/, 'Fashion > Bags > Clutches'],
  [/(handbag|bags and purses).*shoulder/, 'Fashion > Bags > Shoulder Bags'],
  [/(handbag|bags and purses).*(duffel|travel|luggage)/, 'Fashion > Bags > Duffel Bags'],
  [/(handbag|bags and purses)/, 'Fashion > Bags > Handbags'],
  [/^jewelry .*necklace/, 'Fashion > Jewelry > Necklaces'],
  [/^jewelry .*bracelet/, 'Fashion > Jewelry > Bracelets'],
  [/^jewelry .*earring/, 'Fashion > Jewelry > Earrings'],
  [/^jewelry .*ring/, 'Fashion > Jewelry > Rings'],
  [/^jewelry .*(brooch|pin)/, 'Fashion > Jewelry > Brooches & Pins'],
  [/^jewelry .*watch/, 'Fashion > Watches'],
  [/^jewelry/, 'Fashion > Jewelry'],
  [/accessories .*wallet/, 'Fashion > Bags > Wallets'],
  [/accessories .*watch/, 'Fashion > Watches'],
  [/accessories .*sunglass/, 'Fashion > Accessories > Sunglasses'],
  [/accessories .*(hat|cap)/, 'Fashion > Accessories > Hats & Caps'],
  [/accessories .*hair/, 'Fashion > Accessories > Hair Accessories'],
  [/accessories .*belt/, 'Fashion > Accessories > Belts'],
  [/accessories .*(scar|wrap)/, 'Fashion > Accessories > Scarves & Wraps'],
  [/accessories .*tie/, 'Fashion > Accessories > Ties & Bow Ties'],
  [/accessories .*(glove|mitten)/, 'Fashion > Accessories > Gloves & Mittens'],
  [/accessories .*(key)/, 'Fashion > Accessories > Keychains'],
  [/accessories .*umbrella/, 'Fashion > Accessories > Umbrellas'],
  [/accessories/, 'Fashion > Accessories > Other Accessories'],
  [/^athletic apparel .*(bra)\b/, 'Fashion > $G > Activewear'],
  [/^athletic apparel .*socks/, 'Fashion > Accessories > Socks & Hosiery'],
  [/^athletic apparel .*jersey/, 'Sports & Outdoors > Fan Shop'],
  [/^athletic apparel/, 'Fashion > $G > Activewear'],
  [/^tops and blouses .*t shirt/, 'Fashion > $G > T-Shirts'],
  [/^tops and blouses .*(tank|cami)/, 'Fashion > Women > Tank Tops'],
  [/^tops .*t shirt/, 'Fashion > $G > T-Shirts'],
  [/^tops .*(polo|rugby)/, 'Fashion > Men > Polos'],
  [/^tops .*(tank)/, 'Fashion > $G > T-Shirts'],
  [/^tops .*(hoodie|sweatshirt)/, 'Fashion > $G > Hoodies & Sweatshirts'],
  [/^tops/, 'Fashion > $G > Shirts'],
  [/^sweats and hoodies .*(pant)/, 'Fashion > $G > Activewear'],
  [/^sweats and hoodies/, 'Fashion > $G > Hoodies & Sweatshirts'],
  [/^sweaters .*(hooded|hoodie|sweatshirt)/, 'Fashion > $G > Hoodies & Sweatshirts'],
  [/^sweaters/, 'Fashion > $G > Sweaters'],
  [/^dresses/, 'Fashion > Women > Dresses'],
  [/^skirts/, 'Fashion > Women > Skirts'],
  [/^jeans .*legging/, 'Fashion > $G > Pants & Leggings'],
  [/^jeans/, 'Fashion > $G > Jeans'],
  [/^pants .*short/, 'Fashion > $G > Shorts'],
  [/^(pants|leggings)/, 'Fashion > $G > Pants & Leggings'],
  [/^shorts/, 'Fashion > $G > Shorts'],
  [/^(coats and jackets|outerwear)/, 'Fashion > $G > Coats & Jackets'],
  [/^(suits|blazers)/, 'Fashion > $G > Suits & Blazers'],
  [/^swimwear/, 'Fashion > $G > Swimwear'],
  [/^underwear .*(sleep|robe|pajama)/, 'Fashion > $G > Sleepwear & Robes'],
  [/^underwear .*socks/, 'Fashion > Accessories > Socks & Hosiery'],
  [/^underwear/, 'Fashion > $G > Bras & Underwear'],
  [/^(sleepwear|pajamas)/, 'Fashion > $G > Sleepwear & Robes'],
  [/^maternity/, 'Fashion > Women > Maternity'],
  [/^(costume|halloween)/, 'Fashion > Costumes & Uniforms'],
];

/** Mercari sub-level names that differ from ours under the men's tree. */
const MEN_FIX: Record<string, string> = {
  'Fashion > Men > Pants & Leggings': 'Fashion > Men > Pants',
  'Fashion > Men > Bras & Underwear': 'Fashion > Men > Underwear',
  'Fashion > Men > Tank Tops': 'Fashion > Men > T-Shirts',
};
const WOMEN_FIX: Record<string, string> = {
  'Fashion > Women > Shirts': 'Fashion > Women > Tops & Blouses',
  'Fashion > Women > Pants': 'Fashion > Women > Pants & Leggings',
  'Fashion > Women > Underwear': 'Fashion > Women > Bras & Underwear',
};

const OTHER_RULES: Rule[] = [
  // Kids
  [/^kids (girls|boys) .*shoes/, "Fashion > Kids > Kids' Shoes"],
  [/^kids (girls|boys) .*: .*accessor/, "Fashion > Kids > Kids' Accessories"],
  [/^kids (girls|boys) 0 24/, 'Fashion > Kids > Baby Clothing'],
  [/^kids girls/, "Fashion > Kids > Girls' Clothing"],
  [/^kids boys/, "Fashion > Kids > Boys' Clothing"],
  [/^kids toys .*(stuffed|plush)/, 'Toys & Games > Stuffed Animals'],
  [/^kids toys .*doll/, 'Toys & Games > Dolls & Accessories'],
  [/^kids toys .*action figure/, 'Toys & Games > Action Figures'],
  [/^kids toys .*building/, 'Toys & Games > Building Toys'],
  [/^kids toys .*(puzzle)/, 'Toys & Games > Games & Puzzles > Puzzles'],
  [/^kids toys .*games/, 'Toys & Games > Games & Puzzles'],
  [/^kids toys .*(arts and crafts)/, 'Toys & Games > Arts & Crafts'],
  [/^kids toys .*(learning|education)/, 'Toys & Games > Learning & Educational Toys'],
  [/^kids toys .*(dress up|pretend)/, 'Toys & Games > Dress Up & Pretend Play'],
  [/^kids toys .*(outdoor|ride)/, 'Toys & Games > Outdoor & Ride-On Toys'],
  [/^kids toys .*(baby|toddler)/, 'Toys & Games > Baby & Toddler > Baby Toys'],
  [/^kids toys/, 'Toys & Games > Other Toys'],
  [/^kids stroller/, 'Toys & Games > Baby & Toddler > Strollers'],
  [/^kids car seat/, 'Toys & Games > Baby & Toddler > Car Seats'],
  [/^kids nursery .*(bedding|furniture)/, 'Toys & Games > Baby & Toddler > Nursery Furniture'],
  [/^kids feeding/, 'Toys & Games > Baby & Toddler > Feeding'],
  [/^kids (diapering|potty)/, 'Toys & Games > Baby & Toddler > Diapering'],
  [/^kids gear .*(carrier|backpack)/, 'Toys & Games > Baby & Toddler > Baby Carriers'],
  [/^kids safety/, 'Toys & Games > Baby & Toddler > Baby Safety'],
  [/^kids/, 'Toys & Games > Baby & Toddler'],
  // Toys & Collectibles (newer Mercari tree)
  [/^toys and collectibles stuffed/, 'Toys & Games > Stuffed Animals'],
  [/^toys and collectibles action figure/, 'Toys & Games > Action Figures'],
  [/^toys and collectibles doll/, 'Toys & Games > Dolls & Accessories'],
  [/^toys and collectibles building/, 'Toys & Games > Building Toys'],
  [/^toys and collectibles (games|puzzles)/, 'Toys & Games > Games & Puzzles'],
  [/^toys and collectibles baby/, 'Toys & Games > Baby & Toddler > Baby Toys'],
  [/^toys and collectibles (collectibles|trading)/, 'Collectibles & Art > Collectible Toys'],
  [/^toys and collectibles/, 'Toys & Games'],
  // Electronics
  [/^electronics cell phones .*(case|cover|skin)/, 'Electronics > Cell Phones & Accessories > Cases & Covers'],
  [/^electronics cell phones .*(smartphone|cell phones and)/, 'Electronics > Cell Phones & Accessories > Cell Phones & Smartphones'],
  [/^electronics cell phones .*(charger|cable|adapter|cradle)/, 'Electronics > Cell Phones & Accessories > Chargers & Cables'],
  [/^electronics cell phones .*headset/, 'Electronics > Cell Phones & Accessories > Headsets'],
  [/^electronics cell phones .*screen protector/, 'Electronics > Cell Phones & Accessories > Screen Protectors'],
  [/^electronics cell phones/, 'Electronics > Cell Phones & Accessories'],
  [/^electronics computers .*(laptop|netbook)/, 'Electronics > Computers & Tablets > Laptops'],
  [/^electronics computers .*desktop/, 'Electronics > Computers & Tablets > Desktops'],
  [/^electronics computers .*: .*(ipad|tablet|ebook)/, 'Electronics > Computers & Tablets > Tablets & eReaders'],
  [/^electronics computers .*monitor/, 'Electronics > Computers & Tablets > Monitors'],
  [/^electronics computers .*(keyboard|mice|mouse)/, 'Electronics > Computers & Tablets > Keyboards & Mice'],
  [/^electronics computers .*(component|part|drive|storage|memory)/, 'Electronics > Computers & Tablets > Components & Storage'],
  [/^electronics computers .*network/, 'Electronics > Computers & Tablets > Networking'],
  [/^electronics computers .*(printer|scanner)/, 'Electronics > Computers & Tablets > Printers & Scanners'],
  [/^electronics computers/, 'Electronics > Computers & Tablets'],
  [/^electronics cameras .*(digital)/, 'Electronics > Cameras & Photo > Digital Cameras'],
  [/^electronics cameras .*(film)/, 'Electronics > Cameras & Photo > Film Cameras'],
  [/^electronics cameras .*(lens|flash)/, 'Electronics > Cameras & Photo > Lenses & Accessories'],
  [/^electronics cameras .*(tripod)/, 'Electronics > Cameras & Photo > Tripods & Supports'],
  [/^electronics cameras/, 'Electronics > Cameras & Photo'],
  [/^electronics (tv audio|headphones) .*headphone/, 'Electronics > Audio > Headphones'],
  [/^electronics (tv audio|headphones) .*(speaker)/, 'Electronics > Audio > Speakers'],
  [/^electronics (tv audio|headphones) .*(portable|mp3)/, 'Electronics > Audio > Portable Audio'],
  [/^electronics (tv audio|headphones) .*(home audio|stereo)/, 'Electronics > Audio > Home Audio'],
  [/^electronics (tv audio|headphones) .*(television|tv)\b/, 'Electronics > TV & Video > Televisions'],
  [/^electronics (tv audio|headphones) .*(dvd|blu ray)/, 'Electronics > TV & Video > DVD & Blu-ray Players'],
  [/^electronics (tv audio|headphones) .*(projector)/, 'Electronics > TV & Video > Projectors & Screens'],
  [/^electronics (tv audio|headphones) .*(home theater|streaming)/, 'Electronics > TV & Video > Home Theater'],
  [/^electronics (tv audio|headphones)/, 'Electronics > Audio'],
  [/^electronics video games .*: .*\bgames\b/, 'Electronics > Video Games & Consoles > Games'],
  [/^electronics video games .*: .*console/, 'Electronics > Video Games & Consoles > Consoles'],
  [/^electronics video games .*: .*(accessor|controller|merchandise)/, 'Electronics > Video Games & Consoles > Controllers & Accessories'],
  [/^electronics video games/, 'Electronics > Video Games & Consoles'],
  [/^electronics media .*(dvd|blu ray|vhs)/, 'Books & Media > Movies & TV > DVDs & Blu-ray'],
  [/^electronics media .*cd/, 'Books & Media > Music > CDs'],
  [/^electronics media .*(vinyl|record)/, 'Books & Media > Music > Vinyl Records'],
  [/^electronics media/, 'Books & Media'],
  [/^electronics .*(wearable|smart watch)/, 'Electronics > Wearable Tech'],
  [/^electronics/, 'Electronics > Other Electronics'],
  // Home
  [/^home kitchen .*(coffee|tea)/, 'Home > Kitchen & Dining > Coffee & Tea'],
  [/^home kitchen .*(cookware|pots|pans)/, 'Home > Kitchen & Dining > Cookware'],
  [/^home kitchen .*bakeware/, 'Home > Kitchen & Dining > Bakeware'],
  [/^home kitchen .*(utensil|gadget|tool)/, 'Home > Kitchen & Dining > Kitchen Utensils & Gadgets'],
  [/^home kitchen .*(knife|knives|cutlery|flatware)/, 'Home > Kitchen & Dining > Knives & Cutlery'],
  [/^home kitchen .*(dinnerware|dining and entertaining|serving)/, 'Home > Kitchen & Dining > Serveware'],
  [/^home kitchen .*(drinkware|tumbler|mug|cup)/, 'Home > Kitchen & Dining > Drinkware'],
  [/^home kitchen .*(bar|wine|glass)/, 'Home > Kitchen & Dining > Glassware & Barware'],
  [/^home kitchen .*(storage|container)/, 'Home > Kitchen & Dining > Food Storage'],
  [/^home kitchen .*appliance/, 'Home > Appliances > Small Kitchen Appliances'],
  [/^home kitchen/, 'Home > Kitchen & Dining'],
  [/^home home appliances .*(vacuum|floor)/, 'Home > Appliances > Vacuums & Floor Care'],
  [/^home home appliances .*(heat|cool|fan|air)/, 'Home > Appliances > Heating & Cooling'],
  [/^home home appliances/, 'Home > Appliances'],
  [/^home home decor .*(lamp|light)/, 'Home > Home Decor > Lamps & Lighting'],
  [/^home home decor .*(candle)/, 'Home > Home Decor > Candles & Holders'],
  [/^home home decor .*(fragrance|scent)/, 'Home > Home Decor > Home Fragrance'],
  [/^home home decor .*(clock)/, 'Home > Home Decor > Clocks'],
  [/^home home decor .*(vase)/, 'Home > Home Decor > Vases'],
  [/^home home decor .*(rug|mat)/, 'Home > Home Decor > Rugs & Mats'],
  [/^home home decor .*(curtain|window)/, 'Home > Home Decor > Window Treatments'],
  [/^home home decor .*(mirror)/, 'Home > Home Decor > Mirrors'],
  [/^home home decor .*(tapestr|wall|art|frame)/, 'Collectibles & Art > Art'],
  [/^home home decor/, 'Home > Home Decor > Decor Accents'],
  [/^home seasonal/, 'Home > Home Decor > Seasonal Decor'],
  [/^home bedding .*(blanket|throw)/, 'Home > Bedding > Blankets & Throws'],
  [/^home bedding .*(comforter|quilt|duvet)/, 'Home > Bedding > Quilts & Comforters'],
  [/^home bedding .*(pillow)/, 'Home > Bedding > Pillows'],
  [/^home bedding .*(sheet)/, 'Home > Bedding > Sheets'],
  [/^home bedding/, 'Home > Bedding'],
  [/^home bath .*towel/, 'Home > Bath > Towels'],
  [/^home bath .*curtain/, 'Home > Bath > Shower Curtains'],
  [/^home bath/, 'Home > Bath > Bath Accessories'],
  [/^home furniture/, 'Home > Furniture'],
  [/^home storage .*(jewelry box)/, 'Home > Storage & Organization'],
  [/^home storage .*(closet|clothing)/, 'Home > Storage & Organization > Closet Storage'],
  [/^home storage .*(basket|hamper)/, 'Home > Storage & Organization > Baskets & Hampers'],
  [/^home storage/, 'Home > Storage & Organization'],
  [/^home cleaning/, 'Home > Cleaning Supplies'],
  [/^home kids home store/, 'Home > Furniture'],
  [/^home (artwork|art)/, 'Collectibles & Art > Art'],
  [/^home (tools|home improvement)/, 'Home > Tools & Home Improvement'],
  [/^home (outdoor|garden|patio)/, 'Home > Garden & Outdoor'],
  [/^home/, 'Home'],
  // Beauty
  [/^beauty makeup .*(palette|set)/, 'Beauty > Makeup > Makeup Palettes & Sets'],
  [/^beauty makeup .*face/, 'Beauty > Makeup > Face'],
  [/^beauty makeup .*lip/, 'Beauty > Makeup > Lips'],
  [/^beauty makeup .*eye/, 'Beauty > Makeup > Eyes'],
  [/^beauty makeup .*nail/, 'Beauty > Makeup > Nails'],
  [/^beauty makeup .*(brush|applicator)/, 'Beauty > Tools & Accessories'],
  [/^beauty makeup/, 'Beauty > Makeup'],
  [/^beauty fragrance .*candle/, 'Home > Home Decor > Home Fragrance'],
  [/^beauty fragrance/, 'Beauty > Fragrance'],
  [/^beauty skin care .*(sun)/, 'Beauty > Sun Care'],
  [/^beauty skin care/, 'Beauty > Skin Care'],
  [/^beauty hair care .*(wig|extension)/, 'Beauty > Hair Care > Wigs & Extensions'],
  [/^beauty hair care .*(tool|dryer|iron)/, 'Beauty > Hair Care > Hair Tools'],
  [/^beauty hair care/, 'Beauty > Hair Care > Styling Products'],
  [/^beauty tools and accessories .*hair/, 'Beauty > Hair Care > Hair Tools'],
  [/^beauty tools/, 'Beauty > Tools & Accessories'],
  [/^beauty bath/, 'Beauty > Bath & Body'],
  [/^beauty/, 'Beauty'],
  // Sports & Outdoors
  [/^sports and outdoors exercise .*(weight|dumbbell)/, 'Sports & Outdoors > Exercise & Fitness > Weights'],
  [/^sports and outdoors exercise .*(yoga|pilates)/, 'Sports & Outdoors > Exercise & Fitness > Yoga'],
  [/^sports and outdoors exercise .*(accessor|technology)/, 'Sports & Outdoors > Exercise & Fitness > Fitness Accessories'],
  [/^sports and outdoors exercise/, 'Sports & Outdoors > Exercise & Fitness'],
  [/^sports and outdoors team sports .*(baseball|softball)/, 'Sports & Outdoors > Team Sports > Baseball & Softball'],
  [/^sports and outdoors team sports .*basketball/, 'Sports & Outdoors > Team Sports > Basketball'],
  [/^sports and outdoors team sports .*football/, 'Sports & Outdoors > Team Sports > Football'],
  [/^sports and outdoors team sports .*soccer/, 'Sports & Outdoors > Team Sports > Soccer'],
  [/^sports and outdoors team sports .*volleyball/, 'Sports & Outdoors > Team Sports > Volleyball'],
  [/^sports and outdoors team sports .*hockey/, 'Sports & Outdoors > Team Sports > Hockey'],
  [/^sports and outdoors team sports/, 'Sports & Outdoors > Team Sports'],
  [/^sports and outdoors outdoors .*(camp|hik|tent)/, 'Sports & Outdoors > Camping & Hiking'],
  [/^sports and outdoors outdoors .*(fish)/, 'Sports & Outdoors > Fishing'],
  [/^sports and outdoors outdoors .*(bik|cycl)/, 'Sports & Outdoors > Cycling'],
  [/^sports and outdoors outdoors .*(water|swim|surf|boat)/, 'Sports & Outdoors > Water Sports'],
  [/^sports and outdoors outdoors .*(ski|snow)/, 'Sports & Outdoors > Winter Sports'],
  [/^sports and outdoors outdoors/, 'Sports & Outdoors > Camping & Hiking'],
  [/^sports and outdoors fan shop/, 'Sports & Outdoors > Fan Shop'],
  [/^sports and outdoors golf/, 'Sports & Outdoors > Golf'],
  [/^sports and outdoors (apparel|footwear)/, 'Sports & Outdoors > Sports Apparel'],
  [/^sports and outdoors/, 'Sports & Outdoors > Other Sports'],
  // Vintage & Collectibles, Handmade
  [/^vintage and collectibles (bags|purses)/, 'Fashion > Bags > Handbags'],
  [/^vintage and collectibles clothing/, 'Fashion > Vintage Clothing'],
  [/^vintage and collectibles jewelry/, 'Fashion > Jewelry'],
  [/^vintage and collectibles accessories/, 'Fashion > Accessories'],
  [/^vintage and collectibles (housewares|serving|kitchenware)/, 'Home > Kitchen & Dining'],
  [/^vintage and collectibles home decor/, 'Home > Home Decor'],
  [/^vintage and collectibles electronics .*(video game|game)/, 'Electronics > Video Games & Consoles'],
  [/^vintage and collectibles electronics/, 'Electronics'],
  [/^vintage and collectibles book/, 'Books & Media > Books'],
  [/^vintage and collectibles toy/, 'Collectibles & Art > Collectible Toys'],
  [/^vintage and collectibles trading card/, 'Collectibles & Art > Trading Cards'],
  [/^vintage and collectibles antique/, 'Collectibles & Art > Antiques'],
  [/^vintage and collectibles collectibles .*(figurine|doll)/, 'Collectibles & Art > Figurines'],
  [/^vintage and collectibles collectibles .*(glass|pottery|ceramic|china)/, 'Collectibles & Art > Pottery & Glass'],
  [/^vintage and collectibles collectibles .*(coin|currency)/, 'Collectibles & Art > Coins & Currency'],
  [/^vintage and collectibles (supplies|paper)/, 'Collectibles & Art > Handmade & Crafts'],
  [/^vintage and collectibles/, 'Collectibles & Art'],
  [/^handmade jewelry/, 'Fashion > Jewelry'],
  [/^handmade (bags|purses)/, 'Fashion > Bags'],
  [/^handmade accessories/, 'Fashion > Accessories'],
  [/^handmade clothing .*costume/, 'Fashion > Costumes & Uniforms'],
  [/^handmade clothing/, 'Fashion'],
  [/^handmade (housewares|woodworking|glass|ceramic|holidays|home)/, 'Home > Home Decor'],
  [/^handmade (toys|children)/, 'Toys & Games'],
  [/^handmade (art|painting|drawing)/, 'Collectibles & Art > Art'],
  [/^handmade pets/, 'Other > Pet Supplies'],
  [/^handmade music/, 'Musical Instruments'],
  [/^handmade books/, 'Books & Media > Books'],
  [/^handmade/, 'Collectibles & Art > Handmade & Crafts'],
  [/^arts and crafts/, 'Collectibles & Art > Handmade & Crafts'],
  // Other, Books
  [/^(other )?books .*(child|kid)/, "Books & Media > Books > Children's Books"],
  [/^(other )?books .*(education|teaching|textbook|reference)/, 'Books & Media > Books > Textbooks & Education'],
  [/^(other )?books .*(comic|manga|graphic)/, 'Books & Media > Books > Comics & Graphic Novels'],
  [/^(other )?books .*(cook)/, 'Books & Media > Books > Cookbooks'],
  [/^(other )?books .*(fiction|literature)/, 'Books & Media > Books > Fiction'],
  [/^(other )?books .*magazine/, 'Books & Media > Magazines'],
  [/^(other )?books/, 'Books & Media > Books'],
  [/^other magazines/, 'Books & Media > Magazines'],
  [/^other office supplies .*(shipping)/, 'Books & Media > Office & School Supplies > Shipping Supplies'],
  [/^other office supplies .*(writing|pen|pencil)/, 'Books & Media > Office & School Supplies > Pens & Writing'],
  [/^other office supplies .*(paper|notebook|binder)/, 'Books & Media > Office & School Supplies > Notebooks & Binders'],
  [/^other office supplies/, 'Books & Media > Office & School Supplies'],
  [/^other musical instruments/, 'Musical Instruments'],
  [/^other pet supplies/, 'Other > Pet Supplies'],
  [/^other automotive .*(tire|wheel)/, 'Other > Automotive > Tires & Wheels'],
  [/^other automotive/, 'Other > Automotive > Parts & Accessories'],
  [/^other daily and travel items .*(health|medical|medicine)/, 'Other > Health & Medical'],
  [/^other daily and travel items .*(personal care|grooming|oral|shav)/, 'Beauty > Personal Care'],
  [/^other daily and travel items/, 'Other > Travel & Everyday Items'],
  [/^other (party|wedding)/, 'Other > Party Supplies'],
  [/^other (toys|hobbies)/, 'Toys & Games'],
  [/^other/, 'Other > Miscellaneous'],
  [/^musical instruments/, 'Musical Instruments'],
];

/** Mercari top levels that have no exact twin in our tree, used when no rule matched. */
const TOP_FALLBACK: Record<string, string> = {
  women: 'Fashion > Women',
  men: 'Fashion > Men',
  kids: 'Fashion > Kids',
  'vintage and collectibles': 'Collectibles & Art',
  handmade: 'Collectibles & Art > Handmade & Crafts',
  'toys and collectibles': 'Toys & Games',
  books: 'Books & Media > Books',
  'arts and crafts': 'Collectibles & Art > Handmade & Crafts',
};

/**
 * Map a Mercari `category_name` ("Women/Tops & Blouses/T-Shirts", 1–3 levels, any case) to our best node path,
 * falling back to the matching top level; null when the string is empty or its top level is unknown.
 */
export function mapMercariCategory(name: string): string[] | null {
  if (!name) return null;
  const parts = name.split('/').map(norm).filter(Boolean);
  if (parts.length === 0) return null;
  const [top, ...rest] = parts;
  const tail = rest.join(' : ');
  let id: string | undefined;
  if (top === 'women' || top === 'men') {
    const g = top === 'women' ? 'Women' : 'Men';
    for (const [re, target] of APPAREL_RULES)
      if (re.test(tail.replace(/^(women s|men s) /, '').replace(/\b(women s|men s) /, ''))) {
        id = target.replace('$G', g);
        id = (g === 'Men' ? MEN_FIX : WOMEN_FIX)[id] ?? id;
        break;
      }
  }
  if (!id) {
    const full = [top, rest.join(' : ')].join(' ');
    for (const [re, target] of OTHER_RULES)
      if (re.test(full)) {
        id = target;
        break;
      }
  }
  if (!id) id = TOP_FALLBACK[top] ?? TOP_LEVELS.find((t) => norm(t) === top);
  if (!id || !isCategoryId(id)) return null;
  return pathOf(id);
}
