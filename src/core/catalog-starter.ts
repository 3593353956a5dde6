/**
 * The starter catalog asset: one compact JSON document (gzipped at install time), built by
 * models/catalog/build.ts from open-licensed tables and loaded into IndexedDB on first use. Pure.
 *
 * { format: "starter-catalog", version: 1, sources: [{ id, name, licence, licenceUrl, url, rows }],
 *   fields: ["gtin13","source","title","creator","brand","size","category"], rows: [[...], ...] }
 * Empty fields are "" in the rows; `source` is the index into `sources`.
 */
import type { CatalogEntry } from './catalog.ts';

export const STARTER_FORMAT = 'starter-catalog';
export const STARTER_VERSION = 1;
export const STARTER_FIELDS = ['gtin13', 'source', 'title', 'creator', 'brand', 'size', 'category'] as const;

export interface StarterSource {
  id: string;
  /** Shown in the credit line, e.g. "Datakick". */
  name: string;
  licence: string;
  licenceUrl: string;
  /** Where the table is published (repository at a fixed commit). */
  url: string;
  rows: number;
}

export interface StarterCatalog {
  format: typeof STARTER_FORMAT;
  version: number;
  sources: StarterSource[];
  fields: readonly string[];
  rows: (string | number)[][];
}

/** The `source` text stored with each entry (evidence line): "goodbooks-10k (CC BY-SA 4.0)". */
export const sourceLabel = (s: Pick<StarterSource, 'name' | 'licence'>) => `${s.name} (${s.licence})`;

export function encodeStarter(sources: StarterSource[], entries: (Omit<CatalogEntry, 'source'> & { sourceIndex: number })[]): StarterCatalog {
  const rows = [...entries]
    .sort((a, b) => (a.gtin13 < b.gtin13 ? -1 : a.gtin13 > b.gtin13 ? 1 : 0))
    .map((e) => [e.gtin13, e.sourceIndex, e.title, e.creator ?? '', e.brand ?? '', e.size ?? '', e.category ?? '']);
  return { format: STARTER_FORMAT, version: STARTER_VERSION, sources, fields: STARTER_FIELDS, rows };
}

/** Parsed JSON → entries (marked origin 'starter'); throws on a document that is not a starter catalog. */
export function decodeStarter(doc: unknown): { sources: StarterSource[]; entries: CatalogEntry[] } {
  const d = doc as Partial<StarterCatalog>;
  if (!d || d.format !== STARTER_FORMAT || !Array.isArray(d.rows) || !Array.isArray(d.sources)) throw new Error('not a starter catalog');
  if (d.version !== STARTER_VERSION) throw new Error(`starter catalog version ${String(d.version)}; this app reads version ${STARTER_VERSION}`);
  const labels = d.sources.map(sourceLabel);
  const entries: CatalogEntry[] = d.rows.map((r) => {
    const [gtin13, src, title, creator, brand, size, category] = r as [string, number, string, string, string, string, string];
    const e: CatalogEntry = { gtin13, title, source: labels[src] ?? 'starter catalog', origin: 'starter' };
    if (creator) e.creator = creator;
    if (brand) e.brand = brand;
    if (size) e.size = size;
    if (category) e.category = category;
    return e;
  });
  return { sources: d.sources, entries };
}
