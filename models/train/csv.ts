/** The trainer's table reader: CSV and TSV (quoted fields, doubled quotes, newlines inside quotes), optionally gzipped. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { RecordSplitter } from '../../src/core/catalog-split.ts';

export class DataFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFileError';
  }
}

/** Rows of a whole CSV/TSV text, through the app's streaming splitter (src/core/catalog-split.ts); blank lines dropped. */
export function parseDelimited(text: string, sep: ',' | '\t'): string[][] {
  const splitter = new RecordSplitter(sep === '\t' ? 'tsv' : 'csv', { tsvQuotes: true });
  return [...splitter.push(text), ...splitter.end()].map((r) => r.fields ?? []).filter((r) => r.length > 1 || r[0] !== '');
}

/** Reads .csv / .tsv (optionally .gz) into objects keyed by the header; checks encoding and columns. */
export function readTable(path: string, required: string[]): Record<string, string>[] {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new DataFileError(`cannot read ${path}: ${(e as Error).message}`);
  }
  if (path.endsWith('.gz')) buf = gunzipSync(buf);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new DataFileError(`${path} is not valid UTF-8 text (re-save it as UTF-8)`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const sep = /\.tsv(\.gz)?$/i.test(path) || (firstLine.includes('\t') && !firstLine.includes(',')) ? '\t' : ',';
  const rows = parseDelimited(text, sep);
  if (rows.length < 2) throw new DataFileError(`${path} has no data rows`);
  const header = rows[0].map((h) => h.trim());
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length)
    throw new DataFileError(
      `${path}: missing column(s) ${missing.join(', ')}; found ${header.join(', ')}. ` + `Expected the Mercari columns: ${required.join(', ')}`,
    );
  const out: Record<string, string>[] = [];
  for (let r = 1; r < rows.length; r++) {
    const o: Record<string, string> = {};
    header.forEach((h, j) => (o[h] = rows[r][j] ?? ''));
    out.push(o);
  }
  return out;
}
