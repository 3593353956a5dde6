/** Field vocabularies a marketplace form asks for: condition grades with their meaning, sizes per category. Pure. */

/** Mercari's five grades, with the one-line meaning a buyer reads. */
export const CONDITION_GRADES = [
  { name: 'New', means: 'Unused, unopened or with tags; never worn or used.' },
  { name: 'Like new', means: 'Used once or twice; no visible wear.' },
  { name: 'Good', means: 'Gently used; minor signs of wear, works as it should.' },
  { name: 'Fair', means: 'Used, with visible wear or small flaws (say which in the description).' },
  { name: 'Poor', means: 'Heavily used or damaged; sold as is or for parts.' },
] as const;

const LETTER = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', '3XL'];
const SHOES_US = ['5', '5.5', '6', '6.5', '7', '7.5', '8', '8.5', '9', '9.5', '10', '10.5', '11', '11.5', '12', '13'];
const KIDS = ['0–3 mo', '3–6 mo', '6–12 mo', '12–18 mo', '2T', '3T', '4T', '5', '6', '7', '8', '10', '12', '14'];
const WAIST = ['26', '28', '30', '32', '34', '36', '38', '40'];

/** Whether a category is worn (department and size apply). */
export function isClothing(path: readonly string[]): boolean {
  return path[0] === 'Fashion' && !/^(Jewelry|Watches|Bags)/.test(path[path.length - 1] ?? '');
}

/** Whether the photo's colour is worth prefilling: not for books, music and films (a cover's colour is no fact a buyer
 *  searches by, and "The Hunger Games in brown" reads as nonsense). The seller can still pick one. */
export function suggestsColour(path: readonly string[]): boolean {
  return path[0] !== 'Books & Media';
}

/** Common sizes to suggest for a category (free text stays allowed). */
export function sizeSuggestions(path: readonly string[]): string[] {
  if (!isClothing(path)) return [];
  const leaf = (path[path.length - 1] ?? '').toLowerCase();
  if (path.includes('Kids') || path.includes('Baby')) return KIDS;
  if (path.includes('Shoes') || /shoe|sneaker|boot|heel|sandal|loafer|flat/.test(leaf)) return SHOES_US.map((s) => `US ${s}`);
  if (/jeans|pants|trousers|shorts/.test(leaf)) return [...WAIST.map((w) => `W${w}`), ...LETTER];
  return LETTER;
}
