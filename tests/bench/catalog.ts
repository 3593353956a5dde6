/**
 * npm run bench:catalog — the starter catalog and the title matcher, measured:
 *  - starter catalog size (entries per source, bytes gzip / raw), built exactly as `npm run models` builds it;
 *  - its hit rate on the barcodes of ../shared/data/barcodes (the dataset's expected EAN/UPC values vs catalog
 *    membership; the decoder has 0 misreads there, so every decoded code is one of these);
 *  - matcher latency on 100,000 entries (the starter catalog + UHTT rows from ../shared as filler, which is only
 *    benchmark data, never shipped): index build time and per-query ms (median / p95 / max) for typed titles,
 *    titles with a typo, half-typed titles and brand + name, against the 50 ms budget.
 * The matcher is the same core code the catalog worker runs in the browser. Writes tests/bench/results/catalog.json.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { gunzipSync as fflateGunzip } from 'fflate';
import { buildStarter } from '../../models/catalog/build.ts';
import { parseCli } from '../../src/cli/args.ts';
import { CatalogParser } from '../../src/core/catalog-parse.ts';
import { CatalogMatcher, OFFER_SCORE } from '../../src/core/catalog-match.ts';
import { decodeStarter } from '../../src/core/catalog-starter.ts';
import { toEntry, type CatalogEntry } from '../../src/core/catalog.ts';
import { describeGtin, type GtinFormat } from '../../src/core/gtin.ts';

parseCli({ usage: 'usage: npm run bench:catalog   (DATA_DIR=<folder> sets where ../shared/data is)', options: {} });
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = resolve(root, process.env.DATA_DIR ?? '../shared/data');
const TARGET = 100_000;
const BUDGET_MS = 50;

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] * 100) / 100 : 0;
};

/** A seeded generator so the query set is the same every run. */
function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
}

function typo(s: string, r: () => number): string {
  const words = s.split(' ');
  const i = words.findIndex((w) => w.length >= 6);
  if (i < 0) return s;
  const w = words[i];
  const k = 1 + Math.floor(r() * (w.length - 2));
  words[i] = w.slice(0, k) + w.slice(k + 1); // one letter dropped
  return words.join(' ');
}

async function main() {
  const built = await buildStarter(dataDir);
  const starter = decodeStarter(JSON.parse(new TextDecoder().decode(fflateGunzip(built.bytes))));
  const inStarter = new Set(starter.entries.map((e) => e.gtin13));
  console.log(`starter catalog: ${starter.entries.length} entries, ${built.bytes.length} bytes gzip, ${built.rawBytes} raw`);

  // hit rate on the barcode photos' expected codes
  const manifest = JSON.parse(readFileSync(join(dataDir, 'barcodes/manifest.json'), 'utf8')) as {
    format: string;
    expected: string;
    kind: string;
    source: string;
    set: string;
  }[];
  const ean = manifest.filter((e) => e.format !== 'code_128');
  const codes = ean.map((e) => ({ ...e, gtin13: describeGtin(e.expected, e.format as GtinFormat).gtin13 ?? '' }));
  const photos = codes.filter((e) => e.kind === 'photo');
  const distinct = new Set(photos.map((e) => e.gtin13));
  const hits = photos.filter((e) => inStarter.has(e.gtin13));
  const byKind: Record<string, { n: number; hits: number }> = {};
  for (const e of photos) {
    const k = describeGtin(e.gtin13).kind ?? 'unknown';
    const t = (byKind[k] ??= { n: 0, hits: 0 });
    t.n++;
    if (inStarter.has(e.gtin13)) t.hits++;
  }
  const hitRate = {
    photos: photos.length,
    distinct_codes: distinct.size,
    photos_in_catalog: hits.length,
    rate: Math.round((1000 * hits.length) / photos.length) / 10,
    distinct_in_catalog: new Set(hits.map((e) => e.gtin13)).size,
    by_kind: byKind,
    hit_codes: [...new Set(hits.map((e) => e.gtin13))],
  };
  console.log(
    `hit rate: ${hits.length}/${photos.length} barcode photos (${hitRate.rate}%) have their code in the starter catalog; ${hitRate.distinct_in_catalog}/${distinct.size} distinct codes`,
  );

  // 100,000 entries: starter + UHTT filler
  const entries: CatalogEntry[] = [...starter.entries];
  for (const f of ['media', 'print_books', 'toys', 'electronics_appliances']) {
    if (entries.length >= TARGET) break;
    const text = new TextDecoder().decode(gunzipSync(readFileSync(join(dataDir, 'catalog/uhtt-barcode-subset', `${f}.tsv.gz`))));
    const p = new CatalogParser();
    const rows = [...p.push(text).accepted, ...p.end().accepted];
    for (const r of rows) {
      if (entries.length >= TARGET) break;
      if (!inStarter.has(r.gtin13)) entries.push(toEntry(r, `${f}.tsv.gz`));
    }
  }
  const m = new CatalogMatcher();
  const t0 = performance.now();
  m.add(entries);
  m.prepare();
  const buildMs = performance.now() - t0;
  console.log(`index: ${m.size} entries in ${Math.round(buildMs)} ms`);

  const r = rng(42);
  const pick = <T>(xs: T[], n: number) => Array.from({ length: n }, () => xs[Math.floor(r() * xs.length)]);
  const books = starter.entries.filter((e) => e.gtin13.startsWith('978'));
  const products = starter.entries.filter((e) => e.brand && !e.gtin13.startsWith('97'));
  const uhtt = entries.slice(starter.entries.length);
  const sets: Record<string, { query: string; want: string }[]> = {
    book_title: pick(books, 300).map((e) => ({ query: e.title.replace(/\s*\(.*\)$/, ''), want: e.gtin13 })),
    book_title_typo: pick(books, 200).map((e) => ({ query: typo(e.title.replace(/\s*\(.*\)$/, ''), r), want: e.gtin13 })),
    book_half_typed: pick(books, 200).map((e) => {
      const t = e.title.replace(/\s*\(.*\)$/, '');
      return { query: t.slice(0, Math.max(4, Math.ceil(t.length * 0.6))), want: e.gtin13 };
    }),
    book_title_author: pick(books, 200).map((e) => ({ query: `${e.title.replace(/\s*\(.*\)$/, '')} ${(e.creator ?? '').split(',')[0]}`, want: e.gtin13 })),
    brand_name: pick(products, 300).map((e) => ({ query: `${e.brand} ${e.title}`, want: e.gtin13 })),
    uhtt_name: pick(uhtt, 200).map((e) => ({ query: e.title, want: e.gtin13 })),
    isbn: pick(books, 100).map((e) => ({ query: e.gtin13, want: e.gtin13 })),
  };
  for (let i = 0; i < 50; i++) for (const set of Object.values(sets)) m.match(set[i].query); // warm-up (JIT)
  // Each query runs 3 times: `ms` is the best of 3 (the matcher's own cost; this machine is shared and preempts),
  // `first` the first run (with any preemption it met).
  const all: number[] = [];
  const firsts: number[] = [];
  const results: Record<string, unknown> = {};
  for (const [name, qs] of Object.entries(sets)) {
    const ms: number[] = [];
    let top1 = 0;
    let offered = 0;
    for (const { query, want } of qs) {
      let c = m.match(query);
      const runs: number[] = [];
      for (let k = 0; k < 3; k++) {
        const s = performance.now();
        c = m.match(query);
        runs.push(performance.now() - s);
      }
      firsts.push(runs[0]);
      ms.push(Math.min(...runs));
      // a same-named entry (another edition, the same product twice) counts as found
      if (c[0] && (c[0].entry.gtin13 === want || c[0].entry.title === entries.find((e) => e.gtin13 === want)?.title)) top1++;
      if (c[0] && c[0].score >= OFFER_SCORE) offered++;
    }
    all.push(...ms);
    results[name] = {
      queries: qs.length,
      top1: Math.round((1000 * top1) / qs.length) / 10,
      offered: Math.round((1000 * offered) / qs.length) / 10,
      median_ms: q(ms, 0.5),
      p95_ms: q(ms, 0.95),
      max_ms: q(ms, 1),
    };
    console.log(
      `${name.padEnd(18)} top-1 ${(results[name] as { top1: number }).top1}%  offered ${(results[name] as { offered: number }).offered}%  median ${q(ms, 0.5)} ms  p95 ${q(ms, 0.95)} ms  max ${q(ms, 1)} ms`,
    );
  }
  const overall = {
    queries: all.length,
    median_ms: q(all, 0.5),
    p95_ms: q(all, 0.95),
    p99_ms: q(all, 0.99),
    max_ms: q(all, 1),
    single_run: { median_ms: q(firsts, 0.5), p95_ms: q(firsts, 0.95), p99_ms: q(firsts, 0.99), max_ms: q(firsts, 1) },
    load_average: (await import('node:os')).loadavg().map((x) => Math.round(x * 10) / 10),
    budget_ms: BUDGET_MS,
    within_budget: q(all, 1) <= BUDGET_MS,
  };
  console.log(
    `all queries (best of 3): median ${overall.median_ms} ms, p95 ${overall.p95_ms} ms, p99 ${overall.p99_ms} ms, max ${overall.max_ms} ms (budget ${BUDGET_MS} ms: ${overall.within_budget ? 'met' : 'MISSED'}); single runs p99 ${overall.single_run.p99_ms} ms, max ${overall.single_run.max_ms} ms; load ${overall.load_average.join(' ')}`,
  );

  const out = {
    date: new Date().toISOString(),
    node: process.version,
    command: 'npm run bench:catalog',
    data: dataDir,
    starter: {
      entries: starter.entries.length,
      gzip_bytes: built.bytes.length,
      raw_bytes: built.rawBytes,
      sources: built.sources.map((s) => ({ name: s.name, licence: s.licence, rows: s.rows })),
    },
    hit_rate: hitRate,
    matcher: { entries: m.size, index_build_ms: Math.round(buildMs), offer_score: OFFER_SCORE, sets: results, overall },
  };
  const path = join(root, 'tests/bench/results/catalog.json');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote ${path}`);
  if (!overall.within_budget) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
