/** Drafts as a spreadsheet: one row per draft, every field; photos named as the ZIP export stores them. */
import { CONDITION_WORDS, type Draft } from './draft.ts';
import { categoryId } from './taxonomy.ts';

export const CSV_COLUMNS = [
  'id',
  'title',
  'description',
  'category',
  'brand',
  'department',
  'size',
  'colour',
  'condition',
  'shipping',
  'price',
  'barcode',
  'photos',
  'created',
  'updated',
] as const;

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' };

/**
 * File names for every photo of every draft: `<draftid>-<n>.<ext>`, the id made file-name safe; unique across the
 * whole export even when two ids clean up to the same text.
 */
export function photoFileNames(drafts: readonly Draft[]): Map<string, string[]> {
  const used = new Set<string>();
  const out = new Map<string, string[]>();
  for (const d of drafts) {
    const clean = d.id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80) || 'draft';
    let base = clean; // '~' never survives the clean-up, so a `~k` suffix cannot collide with another id
    for (let k = 2; used.has(base.toLowerCase()); k++) base = `${clean}~${k}`;
    used.add(base.toLowerCase());
    out.set(
      d.id,
      d.photos.map((p, j) => `${base}-${j + 1}.${EXT[p.blob.type] ?? 'bin'}`),
    );
  }
  return out;
}

/**
 * One CSV cell. Quotes cells with a quote, comma or line break; a cell that a spreadsheet would run as a formula
 * (starting with = + - @, tab or carriage return) gets a leading apostrophe (OWASP "CSV injection").
 */
export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const iso = (t: number) => (Number.isFinite(t) ? new Date(t).toISOString() : '');

export function draftCsvRow(d: Draft, photos: readonly string[]): string[] {
  const condition = d.condition != null ? (CONDITION_WORDS[d.condition] ?? '') : '';
  return [
    d.id,
    d.title,
    d.description ?? '',
    categoryId(d.category),
    d.brand ?? '',
    d.department ?? '',
    d.size ?? '',
    d.colour ?? '',
    condition,
    d.shipping ?? '',
    d.price,
    d.gtin ?? '',
    photos.join(';'),
    iso(d.createdAt),
    iso(d.updatedAt),
  ];
}

/** UTF-8 with a byte-order mark (so Excel reads accents and emoji), CRLF line ends as RFC 4180 asks. */
export function exportDraftsCsv(drafts: readonly Draft[], names = photoFileNames(drafts)): string {
  const rows: string[][] = [[...CSV_COLUMNS], ...drafts.map((d) => draftCsvRow(d, names.get(d.id) ?? []))];
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
