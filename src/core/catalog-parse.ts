/**
 * Catalog import parsing (CSV / TSV / semicolon / JSON array / NDJSON), streaming: feed text chunks of any
 * size to push(), call end(). Every code is validated; accepted rows are keyed by GTIN-13, rejected rows
 * carry a line number and a reason. No I/O here: the UI streams File chunks, Node streams files.
 */
import { describeGtin } from './gtin.ts';
import { padIsbn10 } from './isbn.ts';
import { RecordSplitter, JsonArraySplitter, type Format } from './catalog-split.ts';

export type { Format } from './catalog-split.ts';

export interface CatalogRow {
  gtin13: string;
  title: string;
  /** Author (books) or artist. */
  creator?: string;
  brand?: string;
  size?: string;
  category?: string;
  /** As given in the file (no currency conversion). */
  price?: number;
  /** The code as written in the file, and the column it came from. */
  code: string;
  codeColumn: string;
  line: number;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface ColumnMap {
  codes: string[];
  title?: string;
  creator?: string;
  brand?: string;
  size?: string;
  category?: string;
  price?: string;
}

export interface ParseBatch {
  accepted: CatalogRow[];
  rejected: RejectedRow[];
}

const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');
/** Header names per field, best first. Code columns are all tried, in this order, until one is valid. */
const CODE_NAMES = ['gtin13', 'ean13', 'isbn13', 'gtin', 'gtin14', 'ean', 'upc', 'upca', 'upcean', 'eanupc', 'barcode', 'isbn', 'isbn10'];
const FIELD_NAMES: Record<'title' | 'creator' | 'brand' | 'size' | 'category' | 'price', string[]> = {
  title: ['title', 'name', 'productname', 'booktitle', 'itemname', 'originaltitle'],
  creator: ['author', 'authors', 'artist', 'bookauthor'],
  brand: ['brand', 'brandname', 'manufacturer', 'maker'],
  size: ['size', 'netcontent', 'quantity', 'packagesize'],
  category: ['category', 'categoryname', 'genre', 'console', 'department', 'type'],
  price: ['price', 'loose_price', 'looseprice', 'usedprice', 'cibprice', 'newprice', 'amount'].map(norm),
};

/** Maps header names to fields; null when the header names nothing we know (e.g. BX-Books' "0;1;…;7"). */
export function detectColumns(header: string[]): ColumnMap | null {
  const byNorm = new Map(header.map((h) => [norm(h), h]));
  const codes = CODE_NAMES.filter((n) => byNorm.has(n)).map((n) => byNorm.get(n)!);
  if (codes.length === 0) return null;
  const pick = (names: string[]) => names.map((n) => byNorm.get(n)).find(Boolean);
  const f = (k: keyof typeof FIELD_NAMES) => pick(FIELD_NAMES[k]);
  return { codes, title: f('title'), creator: f('creator'), brand: f('brand'), size: f('size'), category: f('category'), price: f('price') };
}

/** For header-less or numbered columns: the code column is the one whose sample values are valid codes. */
export function sniffColumns(header: string[], sample: string[][]): ColumnMap | null {
  let best = -1;
  let bestCount = 0;
  for (let c = 0; c < header.length; c++) {
    const n = sample.filter((r) => r[c] && describeGtin(r[c]).valid).length;
    if (n > bestCount) [best, bestCount] = [c, n];
  }
  if (best < 0 || bestCount < sample.length * 0.5) return null;
  const texty = (c: number) => sample.filter((r) => r[c] && /[a-z]/i.test(r[c]) && !/^https?:/.test(r[c])).length > sample.length * 0.5;
  const rest = header.map((_, i) => i).filter((i) => i > best && texty(i));
  return { codes: [header[best]], title: header[rest[0]], creator: rest[1] !== undefined ? header[rest[1]] : undefined };
}

export function parsePrice(s: string | undefined): number | undefined {
  if (!s) return undefined;
  let t = s.replace(/[^\d.,-]/g, '');
  if (/^\d{1,3}(\.\d{3})*,\d{1,2}$/.test(t)) t = t.replace(/\./g, '').replace(',', '.');
  else t = t.replace(/,/g, '');
  const v = Number(t);
  return t !== '' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** Tries each code column; returns the first valid code, or the reason none was. */
function pickCode(rec: Record<string, string>, cols: string[]): { gtin13: string; code: string; column: string } | { reason: string } {
  const reasons: string[] = [];
  for (const col of cols) {
    const raw = (rec[col] ?? '').trim();
    if (!raw) continue;
    if (/^\d(\.\d+)?e\+\d+$/i.test(raw)) {
      reasons.push(`${col} "${raw}" is in scientific notation (rounded by a spreadsheet)`);
      continue;
    }
    let d = describeGtin(raw);
    if (!d.valid && /isbn/i.test(col) && /^\d{1,9}[\dXx]$/.test(raw)) {
      const padded = padIsbn10(raw); // spreadsheets strip ISBN-10 leading zeros
      if (padded) d = describeGtin(padded);
    }
    if (d.valid) return { gtin13: d.gtin13!, code: raw, column: col };
    reasons.push(`${col}: ${d.message}`);
  }
  return { reason: reasons.length ? reasons.join('; ') : `no code in ${cols.join('/')}` };
}

export interface CatalogParserOptions {
  /** Forced format; otherwise detected from the first chunk. */
  format?: Format;
  /** Forced column names; otherwise detected from the header. */
  columns?: ColumnMap;
}

export class CatalogParser {
  format: Format | null;
  columns: ColumnMap | null;
  /** A whole-file problem (no barcode column), said once instead of per row. */
  problem: string | null = null;
  private header: string[] | null = null;
  private splitter: RecordSplitter | JsonArraySplitter | null = null;
  private pending: { line: number; rec: Record<string, string> }[] = [];
  private firstChunk = true;
  private broken: RejectedRow[] = [];

  constructor(private readonly opts: CatalogParserOptions = {}) {
    this.format = opts.format ?? null;
    this.columns = opts.columns ?? null;
  }

  push(chunk: string): ParseBatch {
    if (this.firstChunk) {
      chunk = chunk.replace(/^\uFEFF/, '');
      this.firstChunk = false;
    }
    if (!this.splitter) {
      this.format ??= detectFormat(chunk);
      this.splitter = this.format === 'json' ? new JsonArraySplitter() : new RecordSplitter(this.format);
    }
    return this.consume(this.splitter.push(chunk));
  }

  end(): ParseBatch {
    const out = this.splitter ? this.consume(this.splitter.end()) : { accepted: [], rejected: [] };
    if (!this.columns && this.pending.length) {
      const rest = this.resolveColumns(true);
      out.accepted.push(...rest.accepted);
      out.rejected.push(...rest.rejected);
    }
    if (!this.header && !this.columns) out.rejected.push({ line: 0, reason: 'The file is empty or has no rows.' });
    return out;
  }

  private consume(records: { line: number; fields?: string[]; object?: Record<string, unknown> }[]): ParseBatch {
    for (const r of records) {
      if (r.object && '__error' in r.object) {
        this.broken.push({ line: r.line, reason: `Not a valid JSON row: ${String(r.object.__error)}` });
      } else if (r.object) {
        const rec = Object.fromEntries(Object.entries(r.object).map(([k, v]) => [k, v == null ? '' : String(v)]));
        this.header ??= Object.keys(rec);
        this.pending.push({ line: r.line, rec });
      } else if (!this.header) {
        this.header = r.fields!.map((h) => h.trim());
      } else if (r.fields!.length === 1 && r.fields![0].trim() === '') {
        continue; // blank line
      } else {
        this.pending.push({ line: r.line, rec: Object.fromEntries(this.header.map((h, i) => [h, r.fields![i] ?? ''])) });
      }
    }
    return this.resolveColumns(false);
  }

  /** JSON rows may differ in their keys: columns are detected per key set. */
  private jsonColumns(rec: Record<string, string>): ColumnMap {
    const keys = Object.keys(rec);
    const sig = keys.join('\u0001');
    let c = this.jsonCols.get(sig);
    if (!c) this.jsonCols.set(sig, (c = detectColumns(keys) ?? { codes: [] }));
    return c;
  }
  private jsonCols = new Map<string, ColumnMap>();

  /** Columns are detected from the header, or sniffed from the first 50 rows; rows wait until then. */
  private resolveColumns(final: boolean): ParseBatch {
    if (!this.columns && this.header) {
      this.columns = detectColumns(this.header);
      if (!this.columns && (this.pending.length >= 50 || final)) {
        this.columns = sniffColumns(
          this.header,
          this.pending.slice(0, 50).map((p) => this.header!.map((h) => p.rec[h])),
        );
        if (!this.columns) {
          const found = this.header
            .filter(Boolean)
            .slice(0, 12)
            .map((h) => `“${h.slice(0, 40)}”`)
            .join(', ');
          this.problem = `No column holds barcodes; found: ${found || 'no column names'}${this.header.length > 12 ? ', …' : ''}. Name one column gtin, ean, upc or isbn.`;
          const rejected = this.pending.map((p) => ({ line: p.line, reason: `No barcode column found (looked for ${CODE_NAMES.join(', ')}).` }));
          this.pending = [];
          this.columns = { codes: [] };
          return { accepted: [], rejected };
        }
      }
    }
    const out: ParseBatch = { accepted: [], rejected: this.broken };
    this.broken = [];
    if (!this.columns) return out;
    for (const { line, rec } of this.pending) {
      const cols = this.format === 'json' && !this.opts.columns ? this.jsonColumns(rec) : this.columns;
      if (cols.codes.length === 0) {
        out.rejected.push({ line, reason: `No barcode field found (looked for ${CODE_NAMES.join(', ')}).` });
        continue;
      }
      const code = pickCode(rec, cols.codes);
      if ('reason' in code) {
        out.rejected.push({ line, reason: code.reason });
        continue;
      }
      const title = (cols.title ? rec[cols.title] : '')?.trim();
      if (!title) {
        out.rejected.push({ line, reason: `${code.gtin13}: no title/name` });
        continue;
      }
      const field = (k?: string) => (k && rec[k]?.trim()) || undefined;
      out.accepted.push({
        gtin13: code.gtin13,
        title,
        creator: field(cols.creator),
        brand: field(cols.brand),
        size: field(cols.size),
        category: field(cols.category),
        price: parsePrice(field(cols.price)),
        code: code.code,
        codeColumn: code.column,
        line,
      });
    }
    this.pending = [];
    return out;
  }
}

/** Sniffs JSON vs delimiter from the first chunk (delimiter = most frequent of tab, comma, semicolon in line 1). */
export function detectFormat(chunk: string): Format {
  const t = chunk.trimStart();
  if (t.startsWith('[') || t.startsWith('{')) return 'json';
  const first = chunk.split(/\r?\n/, 1)[0];
  const count = (ch: string) => first.split(ch).length - 1;
  const [tabs, commas, semis] = [count('\t'), count(','), count(';')];
  if (tabs >= commas && tabs >= semis && tabs > 0) return 'tsv';
  if (semis > commas) return 'ssv';
  return 'csv';
}

export interface ParsedCatalog {
  rows: Map<string, CatalogRow>;
  rejected: RejectedRow[];
  accepted: number;
  duplicates: number;
  format: Format | null;
  columns: ColumnMap | null;
}

/** Whole-text convenience: later rows with the same GTIN-13 replace earlier ones (upsert). */
export function parseCatalogText(text: string, opts?: CatalogParserOptions, chunkSize = 1 << 16): ParsedCatalog {
  const p = new CatalogParser(opts);
  const rows = new Map<string, CatalogRow>();
  const rejected: RejectedRow[] = [];
  let accepted = 0;
  let duplicates = 0;
  const take = (b: ParseBatch) => {
    for (const r of b.accepted) {
      accepted++;
      if (rows.has(r.gtin13)) duplicates++;
      rows.set(r.gtin13, r);
    }
    rejected.push(...b.rejected);
  };
  for (let i = 0; i < text.length; i += chunkSize) take(p.push(text.slice(i, i + chunkSize)));
  take(p.end());
  return { rows, rejected, accepted, duplicates, format: p.format, columns: p.columns };
}
