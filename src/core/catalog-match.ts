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
  for (const raw of text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)) {
    if (!raw || STOP.has(raw)) continue;
    out.push(raw.length > 3 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw);
  }
  return out;
}

const rowA = new Int32Array(64);
const rowB = new Int32Array(64);

/** Levenshtein distance, or max+1 as soon as it must exceed `max` (no allocation: words are short). */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (b.length >= 63 || a.length >= 63) return a === b ? 0 : max + 1;
  let prev = rowA,
    cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let best = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

const isBook = (e: CatalogEntry) => e.gtin13.startsWith('978') || e.gtin13.startsWith('979');

export class CatalogMatcher {
  private entries: CatalogEntry[] = [];
  private byGtin = new Map<string, number>();
  /** token → entry ids, ascending; `corePostings` only where the token is one of the entry's core name words. */
  private postings = new Map<string, number[]>();
  private corePostings = new Map<string, number[]>();
  /** Distinct core tokens per entry (for coverage). */
  private coreSize: number[] = [];
  private vocab: string[] | null = null;
  private byLength: Map<number, string[]> | null = null;
  private scores = new Float64Array(0);
  private coreHits = new Uint8Array(0);
  private wordSim = new Float32Array(0);
  private wordCore = new Uint8Array(0);

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
      const post = (m: Map<string, number[]>, t: string) => {
        let p = m.get(t);
        if (!p) m.set(t, (p = []));
        if (p[p.length - 1] !== id) p.push(id);
      };
      for (const t of all) post(this.postings, t);
      for (const t of core) post(this.corePostings, t);
    }
    this.vocab = null;
    this.byLength = null;
  }

  /** Builds the word lists typo and prefix matching scan (otherwise built by the first query that needs them). */
  prepare(): void {
    this.sortedVocab();
    this.vocabOfLength(0);
  }

  clear(): void {
    this.entries = [];
    this.byGtin.clear();
    this.postings.clear();
    this.corePostings.clear();
    this.coreSize = [];
    this.vocab = null;
    this.byLength = null;
  }

  private sortedVocab(): string[] {
    return (this.vocab ??= [...this.postings.keys()].sort());
  }

  private vocabOfLength(n: number): string[] {
    if (!this.byLength) {
      this.byLength = new Map();
      for (const t of this.postings.keys()) {
        let b = this.byLength.get(t.length);
        if (!b) this.byLength.set(t.length, (b = []));
        b.push(t);
      }
    }
    return this.byLength.get(n) ?? [];
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
      let lo = 0,
        hi = vocab.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (vocab[mid] < q) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo, n = 0; i < vocab.length && n < 40 && vocab[i].startsWith(q); i++)
        if (vocab[i] !== q) {
          out.push([vocab[i], 0.85]);
          n++;
        }
    }
    if (!out.length && q.length >= 4 && !/^\d+$/.test(q)) {
      const max = q.length >= 8 ? 2 : 1;
      for (let len = q.length - max; len <= q.length + max; len++) {
        for (const v of this.vocabOfLength(len)) {
          if (v[0] !== q[0] && v[1] !== q[1]) continue;
          const d = editDistance(q, v, max);
          if (d <= max) out.push([v, d === 1 ? 0.8 : 0.65]);
        }
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
    const n = this.entries.length;
    if (this.scores.length < n) {
      this.scores = new Float64Array(n);
      this.coreHits = new Uint8Array(n);
      this.wordSim = new Float32Array(n);
      this.wordCore = new Uint8Array(n);
    }
    const { scores, coreHits, wordSim, wordCore } = this;
    // rare words first: a word in more than a tenth of the catalog only adds to entries a rarer word found
    const words = q
      .map((t, i) => {
        const variants = this.expand(t, i === q.length - 1 && !/\s$/.test(query));
        const df = variants.reduce((a, [v]) => a + (this.postings.get(v)?.length ?? 0), 0);
        return { variants, df, w: variants.length ? Math.max(...variants.map(([v]) => this.idf(v))) : Math.log(1 + n) };
      })
      .sort((a, b) => a.df - b.df);
    const touched: number[] = [];
    let total = 0;
    for (const { variants, df, w } of words) {
      total += w;
      const onlyKnown = touched.length > 0 && df > n / 10;
      const hit: number[] = [];
      // per entry, the best variant of this query word counts once
      for (const [v, sim] of variants) {
        for (const id of this.postings.get(v) ?? []) {
          if (onlyKnown && scores[id] === 0) continue;
          if (wordSim[id] === 0) hit.push(id);
          if (sim > wordSim[id]) wordSim[id] = sim;
        }
        for (const id of this.corePostings.get(v) ?? []) if (wordSim[id] > 0) wordCore[id] = 1;
      }
      for (const id of hit) {
        if (scores[id] === 0) touched.push(id);
        scores[id] += w * wordSim[id];
        coreHits[id] += wordCore[id];
        wordSim[id] = 0;
        wordCore[id] = 0;
      }
    }
    const out: MatchCandidate[] = [];
    for (const id of touched) {
      const recall = scores[id] / total;
      const coverage = this.coreSize[id] ? Math.min(1, coreHits[id] / this.coreSize[id]) : 0;
      const score = recall * (0.4 + 0.6 * coverage);
      scores[id] = 0;
      coreHits[id] = 0;
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
