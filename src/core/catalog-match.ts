/**
 * Catalog matching from a typed title (Mercari's "catalog automapping"): an inverted index over each entry's
 * name tokens (book: title + author; product: brand + name), exact code lookup, and typo-tolerant tokens
 * (edit distance 1, or 2 for long words; the last, still-being-typed word also matches as a prefix). Pure.
 *
 * Score = recall × (0.4 + 0.6 × coverage): recall = share of the query's (IDF-weighted) words found in the entry,
 * coverage = share of the entry's core name words (title without series, or brand + name) the query named.
 */
import type { CatalogEntry } from './catalog.ts';
import { stripSeries } from './catalog-title.ts';
import { cleanCode, describeGtin } from './gtin.ts';

export interface MatchCandidate {
  entry: CatalogEntry;
  score: number;
  /** 'code': the query holds the entry's barcode/ISBN; 'name': words matched. */
  by: 'code' | 'name';
}

const STOP = new Set(['the', 'a', 'an', 'of', 'and', 'by', 'for', 'with', 'in', 'on', 'to', 'de', 'la', 'le', 'el', 'und', 'der', 'die', 'das', 'new', 'used']);

/** Lower-case, accents off, words of letters/digits; trailing plural "s" and "'s" removed. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/['’]s\b/g, '').split(/[^\p{L}\p{N}]+/u)) {
    if (!raw || STOP.has(raw)) continue;
    out.push(raw.length > 3 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw);
  }
  return out;
}

/** Levenshtein distance, or max+1 as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

const isBook = (e: CatalogEntry) => e.gtin13.startsWith('978') || e.gtin13.startsWith('979');

export class CatalogMatcher {
  private entries: CatalogEntry[] = [];
  private byGtin = new Map<string, number>();
  /** token → entry ids, ascending. */
  private postings = new Map<string, number[]>();
  /** Distinct core tokens per entry (for coverage). */
  private coreSize: number[] = [];
  private coreTokens: Set<string>[] = [];
  private vocab: string[] | null = null;
  private scores = new Float64Array(0);
  private coreHits = new Uint8Array(0);

  get size(): number {
    return this.entries.length;
  }

  /** Adds (or replaces, by GTIN-13) entries. Replaced entries' old words stay in the index but point at the new row. */
  add(rows: Iterable<CatalogEntry>): void {
    for (const e of rows) {
      let id = this.byGtin.get(e.gtin13);
      if (id === undefined) {
        id = this.entries.length;
        this.byGtin.set(e.gtin13, id);
        this.entries.push(e);
      } else this.entries[id] = e;
      const book = isBook(e);
      const core = new Set(tokens(book ? stripSeries(e.title) : `${e.brand ?? e.creator ?? ''} ${e.title}`));
      const all = new Set([...core, ...tokens(e.title), ...tokens(e.creator ?? ''), ...tokens(e.brand ?? '')]);
      this.coreSize[id] = core.size;
      this.coreTokens[id] = core;
      for (const t of all) {
        let p = this.postings.get(t);
        if (!p) this.postings.set(t, (p = []));
        if (p[p.length - 1] !== id) p.push(id);
      }
    }
    this.vocab = null;
  }

  clear(): void {
    this.entries = [];
    this.byGtin.clear();
    this.postings.clear();
    this.coreSize = [];
    this.coreTokens = [];
    this.vocab = null;
  }

  private sortedVocab(): string[] {
    return (this.vocab ??= [...this.postings.keys()].sort());
  }

  private idf(t: string): number {
    const n = this.postings.get(t)?.length ?? 0;
    return Math.log(1 + this.entries.length / (1 + n));
  }

  /** Index words a query word may stand for, with a similarity in (0, 1]. */
  private expand(q: string, last: boolean): [string, number][] {
    const out: [string, number][] = [];
    if (this.postings.has(q)) out.push([q, 1]);
    const vocab = this.sortedVocab();
    if (last && q.length >= 3) {
      // the word being typed: prefix matches (binary search to the first word ≥ q)
      let lo = 0, hi = vocab.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (vocab[mid] < q) lo = mid + 1; else hi = mid; }
      for (let i = lo, n = 0; i < vocab.length && n < 40 && vocab[i].startsWith(q); i++) if (vocab[i] !== q) { out.push([vocab[i], 0.85]); n++; }
    }
    if (!out.length && q.length >= 4 && !/^\d+$/.test(q)) {
      const max = q.length >= 8 ? 2 : 1;
      for (const v of vocab) {
        if (Math.abs(v.length - q.length) > max || v[0] !== q[0] && v[1] !== q[1]) continue;
        const d = editDistance(q, v, max);
        if (d <= max) out.push([v, d === 1 ? 0.8 : 0.65]);
      }
    }
    return out;
  }

  match(query: string, limit = 3): MatchCandidate[] {
    const codeText = query.replace(/^\s*(isbn(-1[03])?|ean|upc|gtin)[\s:#-]*/i, '');
    const digits = /^[\d\s-]+[xX]?\s*$/.test(codeText) ? cleanCode(codeText) : '';
    if (/^\d{8,14}$|^\d{9}[\dX]$/.test(digits)) {
      const d = describeGtin(digits);
      const id = d.valid ? this.byGtin.get(d.gtin13!) : undefined;
      return id === undefined ? [] : [{ entry: this.entries[id], score: 1, by: 'code' }];
    }
    const q = [...new Set(tokens(query))];
    if (!q.length || !q.some((t) => t.length >= 3)) return [];
    if (this.scores.length < this.entries.length) {
      this.scores = new Float64Array(this.entries.length);
      this.coreHits = new Uint8Array(this.entries.length);
    }
    const touched: number[] = [];
    let total = 0;
    for (const [i, t] of q.entries()) {
      const variants = this.expand(t, i === q.length - 1 && !/\s$/.test(query));
      const w = variants.length ? Math.max(...variants.map(([v]) => this.idf(v))) : Math.log(1 + this.entries.length);
      total += w;
      // per entry, the best variant of this query word counts once
      const best = new Map<number, { sim: number; core: boolean }>();
      for (const [v, sim] of variants) {
        for (const id of this.postings.get(v) ?? []) {
          const core = this.coreTokens[id].has(v);
          const b = best.get(id);
          if (!b || sim > b.sim || (sim === b.sim && core && !b.core)) best.set(id, { sim, core });
        }
      }
      for (const [id, b] of best) {
        if (this.scores[id] === 0 && this.coreHits[id] === 0) touched.push(id);
        this.scores[id] += w * b.sim;
        if (b.core) this.coreHits[id]++;
      }
    }
    const out: MatchCandidate[] = [];
    for (const id of touched) {
      const recall = this.scores[id] / total;
      const coverage = this.coreSize[id] ? Math.min(1, this.coreHits[id] / this.coreSize[id]) : 0;
      const score = recall * (0.4 + 0.6 * coverage);
      this.scores[id] = 0;
      this.coreHits[id] = 0;
      if (out.length < limit || score > out[out.length - 1].score) {
        out.push({ entry: this.entries[id], score, by: 'name' });
        out.sort((a, b) => b.score - a.score || this.coreSize[this.byGtin.get(a.entry.gtin13)!] - this.coreSize[this.byGtin.get(b.entry.gtin13)!]);
        if (out.length > limit) out.pop();
      }
    }
    return out;
  }
}

/** The offer threshold: below it the seller is not asked "Is it this?". */
export const OFFER_SCORE = 0.75;

/** "The Hunger Games — Suzanne Collins", "Coke — Zero 12 fl oz". */
export function offerLabel(e: CatalogEntry): string {
  if (isBook(e)) return e.creator ? `${e.title} — ${e.creator.split(',')[0].trim()}` : e.title;
  const brand = e.brand ?? e.creator;
  return [brand ? `${brand} — ${e.title}` : e.title, e.size && /\p{L}/u.test(e.size) ? e.size : ''].filter(Boolean).join(' ');
}
