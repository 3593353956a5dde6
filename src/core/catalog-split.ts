/**
 * Incremental record splitters for catalog files: RFC 4180 delimited text (quotes may span chunks and
 * lines) and JSON (a top-level array of objects, or one object per line). State survives between chunks.
 */
export type Format = 'csv' | 'tsv' | 'ssv' | 'json';

export interface SplitRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields?: string[];
  object?: Record<string, unknown>;
}

const DELIMS: Record<Exclude<Format, 'json'>, string> = { csv: ',', tsv: '\t', ssv: ';' };

export class RecordSplitter {
  private readonly delim: string;
  private field = '';
  private fields: string[] = [];
  private inQuotes = false;
  /** A quote seen inside a quoted field: either an escaped "" or the closing quote (decided by the next char). */
  private quotePending = false;
  private line = 1;
  private recordLine = 1;
  private lastWasCR = false;
  /** TSV is usually written without quoting (UHTT names contain stray quotes), so quotes are literal there. */
  private readonly quoting: boolean;

  /** `tsvQuotes`: read quotes in TSV too (the Mercari listing files quote their fields; the trainer reads them so). */
  constructor(format: Exclude<Format, 'json'>, opts: { tsvQuotes?: boolean } = {}) {
    this.delim = DELIMS[format];
    this.quoting = format !== 'tsv' || opts.tsvQuotes === true;
  }

  push(chunk: string): SplitRecord[] {
    const out: SplitRecord[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i];
      if (this.lastWasCR) {
        this.lastWasCR = false;
        if (ch === '\n') continue; // \r\n already ended the record
      }
      if (this.quotePending) {
        this.quotePending = false;
        if (ch === '"') {
          this.field += '"';
          continue;
        }
        this.inQuotes = false; // that was the closing quote; fall through to handle ch normally
      }
      if (this.inQuotes) {
        if (ch === '"') this.quotePending = true;
        else {
          if (ch === '\n') this.line++;
          this.field += ch;
        }
        continue;
      }
      if (ch === '"' && this.quoting && this.field === '') this.inQuotes = true;
      else if (ch === this.delim) {
        this.fields.push(this.field);
        this.field = '';
      } else if (ch === '\n' || ch === '\r') {
        this.fields.push(this.field);
        out.push({ line: this.recordLine, fields: this.fields });
        this.fields = [];
        this.field = '';
        this.line++;
        this.recordLine = this.line;
        this.lastWasCR = ch === '\r';
      } else this.field += ch;
    }
    return out;
  }

  end(): SplitRecord[] {
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
    }
    if (this.field !== '' || this.fields.length > 0 || this.inQuotes) {
      this.fields.push(this.field);
      const rec = { line: this.recordLine, fields: this.fields };
      this.fields = [];
      this.field = '';
      this.inQuotes = false;
      return [rec];
    }
    return [];
  }
}

/**
 * Cuts complete row objects out of `[ {...}, {...} ]` or NDJSON as they arrive, and JSON.parses each.
 * Objects that do not parse are reported as `{ object: { __error } }` so that the row is rejected, not lost.
 */
export class JsonArraySplitter {
  private buf = '';
  private depth = 0;
  private inString = false;
  private escape = false;
  private start = -1;
  private line = 1;
  private startLine = 1;
  /** Depth at which rows start: 1 inside a top-level array, 0 for NDJSON; decided by the first character. */
  private base: number | null = null;

  push(chunk: string): SplitRecord[] {
    const from = this.buf.length;
    this.buf += chunk;
    if (this.base === null) {
      const t = this.buf.trimStart();
      if (t.length === 0) return [];
      this.base = t[0] === '[' ? 1 : 0;
    }
    const out: SplitRecord[] = [];
    for (let i = from; i < this.buf.length; i++) {
      const ch = this.buf[i];
      if (ch === '\n') this.line++;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (ch === '\\') this.escape = true;
        else if (ch === '"') this.inString = false;
        continue;
      }
      if (ch === '"') this.inString = true;
      else if (ch === '{' || ch === '[') {
        if (ch === '{' && this.depth === this.base) {
          this.start = i;
          this.startLine = this.line;
        }
        this.depth++;
      } else if (ch === '}' || ch === ']') {
        this.depth--;
        if (ch === '}' && this.depth === this.base && this.start >= 0) {
          out.push({ line: this.startLine, object: parseObject(this.buf.slice(this.start, i + 1)) });
          this.start = -1;
        }
      }
    }
    // keep only an unfinished row object (the scan state above already covers everything else)
    if (this.start >= 0) {
      this.buf = this.buf.slice(this.start);
      this.start = 0;
    } else this.buf = '';
    return out;
  }

  end(): SplitRecord[] {
    if (this.start >= 0) {
      this.start = -1;
      return [{ line: this.startLine, object: { __error: 'the file ends in the middle of this row' } }];
    }
    return [];
  }
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : { __error: 'not an object' };
  } catch (e) {
    return { __error: e instanceof Error ? e.message : 'invalid JSON' };
  }
}
