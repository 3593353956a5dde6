/** The words of a finished listing: the description draft and the plain text "Copy listing" puts on the clipboard. Pure. */
import { CONDITION_GRADES } from './listing-fields.ts';

export interface ListingFacts {
  title: string;
  category: readonly string[];
  brand?: string;
  condition?: number | null;
  colour?: string;
  department?: string;
  size?: string;
  price?: string;
  shipping?: 'seller' | 'buyer' | '';
  /** Barcode facts (a book's author, a product's GTIN), one per line, as the catalog gave them. */
  barcodeFacts?: readonly string[];
  description?: string;
}

const sentence = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.') : '');

/**
 * A short, editable description built only from what was detected or entered: item, colour, brand, department,
 * the condition grade's wording, barcode facts. It never invents sizes, materials or flaws.
 */
export function draftDescription(f: ListingFacts): string {
  if (!f.title && !f.category.length) return '';
  const leaf = (f.category[f.category.length - 1] ?? '').toLowerCase();
  const item = f.title || leaf;
  const lines = [sentence(`${item}${f.colour && !item.toLowerCase().includes(f.colour.toLowerCase()) ? ` in ${f.colour.toLowerCase()}` : ''}`)];
  if (f.brand && !item.toLowerCase().includes(f.brand.toLowerCase())) lines.push(sentence(`brand: ${f.brand}`));
  // "For men." rather than the category's name ("Men's t-shirts." after "Blue T-Shirt." read as a stutter)
  if (f.department && f.department !== 'Unisex' && !/women|men|kid/i.test(item)) lines.push(sentence(`for ${f.department.toLowerCase()}`));
  if (f.condition) {
    const g = CONDITION_GRADES[f.condition - 1];
    lines.push(`Condition: ${g.name} — ${g.means.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase())}.`);
  }
  for (const fact of f.barcodeFacts ?? []) lines.push(sentence(fact));
  lines.push('See the photos for details.');
  return lines.join(' ');
}

/** Plain text formatted for pasting into a marketplace form (one field per line, description last). */
export function listingText(f: ListingFacts): string {
  const rows: [string, string | undefined][] = [
    ['Price', f.price ? `$${f.price}` : undefined],
    ['Condition', f.condition ? CONDITION_GRADES[f.condition - 1].name : undefined],
    ['Brand', f.brand],
    ['Size', f.size],
    ['Colour', f.colour],
    ['Department', f.department],
    ['Category', f.category.length ? f.category.join(' › ') : undefined],
    ['Shipping', f.shipping === 'seller' ? 'Free (seller pays)' : f.shipping === 'buyer' ? 'Paid by the buyer' : undefined],
  ];
  return [f.title, ...rows.filter(([, v]) => v).map(([k, v]) => `${k}: ${v}`), '', f.description ?? ''].join('\n').trim() + '\n';
}
