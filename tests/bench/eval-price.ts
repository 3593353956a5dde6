/**
 * npm run eval:price — issue 4's numbers side by side, on each hold-out separately (each in its own set's
 * price convention): RMSLE of the ONNX price model, the global- and category-median baselines, and a
 * TF-IDF + Ridge reference (Python scikit-learn, same training rows); 80% interval coverage; top-1/top-3
 * category accuracy from titles (full path and top level); model sizes; Node prediction latency.
 * Writes tests/bench/results/price.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSplit, toSourceConvention, type PricedRow, type Split } from '../../models/train/loaders.ts';
import { quantile, rmsle } from '../../models/train/price-model.ts';
import { toTitled, topLevelRanking } from '../../models/train/category-model.ts';
import { categoryId } from '../../src/core/taxonomy.ts';
import { rng } from '../../models/train/sparse-mlp.ts';
import { loadListingModels } from '../../src/cli/price.ts';
import type { ListingModels } from '../../src/ml/listing-models.ts';
import { parseCli } from '../../src/cli/args.ts';

const root = resolve(import.meta.dirname, '../..');
const median = (xs: number[]) =>
  quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );
const log = (m: string) => process.stderr.write(`${m}\n`);

function ridgeReference(train: PricedRow[], valid: PricedRow[], tests: PricedRow[][]): { alpha: number; preds: number[][] } | { error: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ridge-'));
  const dump = (name: string, rows: PricedRow[]) => {
    const p = join(dir, name);
    writeFileSync(p, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    return p;
  };
  const args = [
    resolve(root, 'tests/bench/ridge_reference.py'),
    dump('train.jsonl', train),
    dump('valid.jsonl', valid),
    ...tests.map((t, i) => dump(`test${i}.jsonl`, t)),
  ];
  try {
    return JSON.parse(execFileSync('/usr/bin/python3', args, { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] }).toString());
  } catch (e) {
    return { error: `Ridge reference failed (apt-get install -y python3-sklearn?): ${(e as Error).message.split('\n')[0]}` };
  }
}

/** Share of paired bootstrap resamples of the rows in which `a`'s RMSLE is below `b`'s. */
function bootstrapBelow(a: number[], b: number[], actual: number[], n = 2000): number {
  const ea = a.map((p, i) => (Math.log1p(p) - Math.log1p(actual[i])) ** 2);
  const eb = b.map((p, i) => (Math.log1p(p) - Math.log1p(actual[i])) ** 2);
  const r = rng(20261129);
  let below = 0;
  for (let k = 0; k < n; k++) {
    let sa = 0,
      sb = 0;
    for (let j = 0; j < ea.length; j++) {
      const i = Math.floor(r() * ea.length);
      sa += ea[i];
      sb += eb[i];
    }
    if (sa < sb) below++;
  }
  return below / n;
}

export type HoldoutName = 'kaggle-head' | 'skill-test';
export type HoldoutReport = Awaited<ReturnType<typeof evaluateHoldout>>;

/**
 * Every figure of one hold-out set (ONNX models through the app's ListingModels). `ridgePreds`: log1p prices, or null.
 * `extras: false` (the CI gates) skips the second passes: price from our path only and category with the brand (NaN).
 */
export async function evaluateHoldout(split: Split, models: ListingModels, rows: PricedRow[], ridgePreds: number[] | null = null, { extras = true } = {}) {
  const classes = models.categoryMeta.classes;
  const source = rows[0].source;
  const trainOwn = [...split.train, ...split.valid].filter((r) => r.source === source);
  const actual = rows.map((r) => r.rawPrice);
  const global = median(trainOwn.map((r) => r.rawPrice));
  const byCat = new Map<string, number[]>();
  for (const r of trainOwn) {
    const k = (r.category_name ?? '').toLowerCase();
    if (k) byCat.set(k, [...(byCat.get(k) ?? []), r.rawPrice]);
  }
  const catMed = new Map([...byCat].map(([k, v]) => [k, median(v)]));
  const mids: number[] = [];
  const oursOnly: number[] = [];
  let covered = 0;
  for (const r of rows) {
    const p = await models.predictPrice(r);
    const conv = (x: number) => toSourceConvention(r.source, x, r.shipping);
    mids.push(conv(p.mid));
    // As the app's form gives it: our tree's path, no Mercari category_name.
    if (extras) oursOnly.push(conv((await models.predictPrice({ ...r, category_name: '' })).mid));
    if (r.rawPrice >= conv(p.low) && r.rawPrice <= conv(p.high)) covered++;
  }
  const ridgePrices = ridgePreds ? ridgePreds.map((z, i) => toSourceConvention(rows[i].source, Math.expm1(z), rows[i].shipping)) : null;
  const ridgeRmsle = ridgePrices ? rmsle(ridgePrices, actual) : null;
  const titled = toTitled(rows);
  const acc = { top1Full: 0, top3Full: 0, top1Top: 0, top3Top: 0, top1TopBrand: 0 };
  const confident: [number, boolean][] = []; // (top level's summed probability, right?)
  for (const t of titled) {
    const p = await models.categoryProbs(t.name);
    if (extras && topLevelRanking(t.brand ? await models.categoryProbs(t.name, t.brand) : p, classes)[0] === t.path[0]) acc.top1TopBrand++;
    const order = [...p.keys()]
      .sort((a, b) => p[b] - p[a])
      .slice(0, 3)
      .map((i) => categoryId(classes[i]));
    const tops = topLevelRanking(p, classes);
    const id = categoryId(t.path);
    if (order[0] === id) acc.top1Full++;
    if (order.includes(id)) acc.top3Full++;
    if (tops[0] === t.path[0]) acc.top1Top++;
    confident.push([classes.reduce((sum, c, k) => (c[0] === tops[0] ? sum + p[k] : sum), 0), tops[0] === t.path[0]]);
    if (tops.slice(0, 3).includes(t.path[0])) acc.top3Top++;
  }
  const n = Math.max(1, titled.length);
  // Top-level accuracy on the most confident half / 80% of titles (the app can say "not sure" below that).
  confident.sort((a, b) => b[0] - a[0]);
  const atCoverage = (f: number) => {
    const k = Math.max(1, Math.round(confident.length * f));
    return { coverage: f, accuracy: confident.slice(0, k).filter(([, ok]) => ok).length / k, minProb: confident[k - 1]?.[0] ?? 0 };
  };
  return {
    rows: rows.length,
    rmsle: {
      model: rmsle(mids, actual),
      modelOurPathOnly: extras ? rmsle(oursOnly, actual) : NaN,
      globalMedian: rmsle(
        rows.map(() => global),
        actual,
      ),
      categoryMedian: rmsle(
        rows.map((r) => catMed.get((r.category_name ?? '').toLowerCase()) ?? global),
        actual,
      ),
      ridgeReference: ridgeRmsle,
      // Paired bootstrap over the hold-out rows (2,000 resamples, seeded): how often our RMSLE is below Ridge's.
      pBelowRidgeBootstrap: ridgePrices ? bootstrapBelow(mids, ridgePrices, actual) : null,
    },
    interval80Coverage: covered / rows.length,
    category: {
      rows: titled.length,
      top1Full: acc.top1Full / n,
      top3Full: acc.top3Full / n,
      top1TopLevel: acc.top1Top / n,
      top3TopLevel: acc.top3Top / n,
      top1TopLevelWithBrand: extras ? acc.top1TopBrand / n : NaN,
      topLevelByConfidence: [atCoverage(0.5), atCoverage(0.8)],
    },
  };
}

async function main(): Promise<void> {
  parseCli({ usage: 'usage: npm run eval:price   (DATA_DIR=<folder> sets the data)', options: {} });
  const split = buildSplit();
  const models = await loadListingModels(resolve(root, 'models'));
  log('running the Ridge reference (Python, scikit-learn)…');
  const t0 = Date.now();
  const ridge = ridgeReference(split.train, split.valid, [split.holdoutKaggle, split.holdoutSkill]);
  log(`ridge: ${(Date.now() - t0) / 1000}s`);

  const sets: Partial<Record<HoldoutName, HoldoutReport>> = {};
  for (const [si, [name, rows]] of (
    [
      ['kaggle-head', split.holdoutKaggle],
      ['skill-test', split.holdoutSkill],
    ] as const
  ).entries())
    sets[name] = await evaluateHoldout(split, models, rows, 'preds' in ridge ? ridge.preds[si] : null);

  const lat = async (f: () => Promise<unknown>) => {
    for (let i = 0; i < 20; i++) await f();
    const ts: number[] = [];
    for (let i = 0; i < 200; i++) {
      const s = performance.now();
      await f();
      ts.push(performance.now() - s);
    }
    return median(ts);
  };
  const sample = split.holdoutKaggle[3];
  const result = {
    date: new Date().toISOString(),
    split: { train: split.train.length, valid: split.valid.length, droppedDuplicates: split.stats.droppedDuplicates, load: split.stats },
    ridge: 'alpha' in ridge ? { alpha: ridge.alpha } : ridge,
    holdout: sets,
    sizes: {
      priceOnnxBytes: statSync(resolve(root, 'models/price/price.onnx')).size,
      categoryOnnxBytes: statSync(resolve(root, 'models/category/category.onnx')).size,
    },
    nodeMsMedian: { price: await lat(() => models.predictPrice(sample)), category: await lat(() => models.categoryProbs(sample.name ?? '')) },
  };
  mkdirSync(resolve(root, 'tests/bench/results'), { recursive: true });
  writeFileSync(resolve(root, 'tests/bench/results/price.json'), JSON.stringify(result, null, 1) + '\n');
  await models.release();

  const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));
  const pc = (x: number) => `${(x * 100).toFixed(1)}%`;
  /* eslint-disable @typescript-eslint/no-explicit-any -- report rows read back from the result object */
  const lines = ['hold-out        rows  model   (our-path) global-med cat-med  ridge   80%-cover | cat top1/top3 full  top1/top3 top-level (top1 +brand)'];
  for (const [name, s] of Object.entries(sets) as [string, any][]) {
    const r = s.rmsle;
    lines.push(
      `${name.padEnd(14)} ${String(s.rows).padStart(5)}  ${f(r.model)}  ${f(r.modelOurPathOnly)}     ${f(r.globalMedian)}     ${f(r.categoryMedian)}   ${f(r.ridgeReference)}  ${pc(s.interval80Coverage).padStart(6)}   | ${pc(s.category.top1Full)}/${pc(s.category.top3Full)}        ${pc(s.category.top1TopLevel)}/${pc(s.category.top3TopLevel)} (${pc(s.category.top1TopLevelWithBrand)})`,
    );
  }
  for (const [name, s] of Object.entries(sets) as [string, any][])
    lines.push(
      `${name}: top-level accuracy on the most confident ${s.category.topLevelByConfidence.map((c: any) => `${pc(c.coverage)} of titles ${pc(c.accuracy)} (p ≥ ${c.minProb.toFixed(2)})`).join(', ')}`,
    );
  for (const [name, s] of Object.entries(sets) as [string, any][])
    if (s.rmsle.pBelowRidgeBootstrap !== null)
      lines.push(`${name}: model below Ridge in ${pc(s.rmsle.pBelowRidgeBootstrap)} of 2,000 paired bootstrap resamples`);
  /* eslint-enable @typescript-eslint/no-explicit-any */
  lines.push(
    `sizes: price ${result.sizes.priceOnnxBytes} B, category ${result.sizes.categoryOnnxBytes} B; Node median ms: price ${result.nodeMsMedian.price.toFixed(3)}, category ${result.nodeMsMedian.category.toFixed(3)}`,
  );
  process.stdout.write(lines.join('\n') + '\nwrote tests/bench/results/price.json\n');
}

// Only as a program (tests/models/gates.test.ts imports evaluateHoldout).
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename))
  main().catch((e) => {
    process.stderr.write(`eval-price: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
