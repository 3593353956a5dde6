/**
 * npm run eval:photos -- [--engine tfjs|onnx|litert] [--backend wasm|cpu] [--batch 200] [--limit N]
 *
 * Photo → top-level category accuracy on the 1,444 labelled photos of $DATA_DIR/photos/manifest.json, through the
 * real CLI (`tsx src/cli/suggest.ts --json`), ~200 files per process. Prints a markdown report and writes
 * tests/bench/results/photos-<engine>.json.
 *
 * - expected top level: the manifest's `group` (the data curator's resale department), mapped below;
 * - top-1: the suggested category's top level; top-3: the first 3 distinct top levels of category + alternatives;
 * - "not a product": photos (all of them products) that the suggestion called not a product;
 * - label hit: for entries with `imagenet_index` / `imagenet_related`, whether one of those classes is among the
 *   5 labels the CLI returns (lenient; the related list is the curator's judgement, not ground truth).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IMAGENET_LABELS } from '../../src/core/imagenet-labels.ts';
import { median, round } from './stats.ts';
import { parseCli } from '../../src/cli/args.ts';
import { categoryId } from '../../src/core/taxonomy.ts';
import type { EvalEntry } from './photo-fields.ts';
import { fieldMarkdown, fieldStats } from './photo-fields.ts';

/** The head's sidecar (for the training-data cross-validation figure), if installed. */
function headCard(engine: string): { metrics?: { crossValidation?: unknown } } | null {
  const p = path.join(ROOT, 'models', engine === 'onnx' ? 'photo-onnx' : 'photo', 'photo-head.json');
  return fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, 'utf8')) : null;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DATA_DIR = path.resolve(ROOT, process.env.DATA_DIR ?? '../shared/data');

export const GROUP_TO_TOP: Record<string, string> = {
  clothing: 'Fashion',
  shoes: 'Fashion',
  bags_accessories_jewelry_watches: 'Fashion',
  electronics: 'Electronics',
  kitchen_dining: 'Home',
  home_decor_furniture: 'Home',
  home_appliances: 'Home',
  tools_diy: 'Home',
  toys_games_baby: 'Toys & Games',
  books_office: 'Books & Media',
  sports_outdoors: 'Sports & Outdoors',
  beauty: 'Beauty',
  musical_instruments: 'Musical Instruments',
};

export interface Entry {
  file: string;
  label: string;
  source: string;
  group: string;
  imagenet_index: number | null;
  imagenet_related?: number[];
}
export interface CliOk {
  file: string;
  title: string;
  category: { path: string[]; score: number };
  alternatives: { path: string[]; score: number }[];
  product: boolean;
  reason?: string;
  labels: { label: string; score: number }[];
  department?: { name: string; score: number } | null;
  colour?: { name: string; score: number } | null;
  scores?: { category: number; department: number | null; colour: number | null };
  unsure?: boolean;
  source?: string;
  kind?: string | null;
  item?: string;
  engine: string;
  backend: string;
  ms: { total: number; infer: number };
}
export interface CliErr {
  file: string;
  error: { code: string; message: string };
}

export function runCli(files: string[], engine: string, backend: string, head = 'on'): Promise<(CliOk | CliErr)[]> {
  return new Promise((resolve, reject) => {
    const args = ['tsx', 'src/cli/suggest.ts', '--json', '--engine', engine, '--backend', backend, '--head', head, ...files];
    const child = spawn('npx', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const rows = out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as CliOk | CliErr);
      if (rows.length === 0) reject(new Error(`CLI gave no results (exit ${code}): ${err.slice(-2000)}`));
      else resolve(rows);
    });
  });
}

/** label short name → indices (a few short names, e.g. "maillot" and "crane", name two classes). */
const LABEL_TO_INDEX = new Map<string, number[]>();
IMAGENET_LABELS.forEach((l, i) => {
  const k = l.split(',')[0];
  LABEL_TO_INDEX.set(k, [...(LABEL_TO_INDEX.get(k) ?? []), i]);
});

/** Distinct top levels of the suggestion: its category first, then the alternatives'. */
export const topLevels = (r: CliOk): string[] => [r.category.path[0], ...r.alternatives.map((a) => a.path[0])].filter((v, i, a) => a.indexOf(v) === i);

type Tally = { n: number; top1: number; top3: number; notProduct: number; errors: number };
const newTally = (): Tally => ({ n: 0, top1: 0, top3: 0, notProduct: 0, errors: 0 });
const pct = (a: number, n: number) => (n ? round((100 * a) / n, 1) : NaN);

async function main() {
  const { values: o } = parseCli({
    usage: 'usage: npm run eval:photos -- [--engine tfjs|onnx|litert] [--backend wasm|cpu] [--head on|off] [--batch 200] [--limit N]',
    options: {
      engine: { type: 'string', default: 'tfjs' },
      backend: { type: 'string', default: 'wasm' },
      head: { type: 'string', default: 'on' },
      batch: { type: 'string', default: '200' },
      limit: { type: 'string', default: '0' },
    },
  });
  const { engine, backend } = o;
  const batch = Math.max(1, Number(o.batch));
  const limit = Number(o.limit);
  const manifestPath = path.join(DATA_DIR, 'photos', 'manifest.json');
  let entries: Entry[] = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  if (limit > 0) entries = entries.filter((_, i) => i % Math.ceil(entries.length / limit) === 0);
  const byFile = new Map(entries.map((e) => [path.join(DATA_DIR, 'photos', e.file), e]));
  const files = [...byFile.keys()];

  const results: (CliOk | CliErr)[] = [];
  const t0 = Date.now();
  for (let i = 0; i < files.length; i += batch) {
    results.push(...(await runCli(files.slice(i, i + batch), engine, backend, o.head)));
    console.error(`${Math.min(i + batch, files.length)}/${files.length} photos, ${round((Date.now() - t0) / 1000, 0)} s`);
  }

  const overall = newTally();
  const bySource: Record<string, Tally> = {};
  const byGroup: Record<string, Tally> = {};
  const confusions: Record<string, number> = {};
  const notProductReasons: Record<string, number> = {};
  const labelHit = { n: 0, top1: 0, top5: 0 };
  const ms: number[] = [];
  const misses: unknown[] = []; // wrong top-1, not a product, or error (kept small for the results file)
  for (const r of results) {
    const e = byFile.get(r.file);
    if (!e) continue;
    const expected = GROUP_TO_TOP[e.group];
    const tallies = [overall, (bySource[e.source] ??= newTally()), (byGroup[e.group] ??= newTally())];
    for (const t of tallies) t.n++;
    if ('error' in r) {
      for (const t of tallies) t.errors++;
      misses.push({ file: e.file, expected, error: r.error.code });
      continue;
    }
    ms.push(r.ms.total);
    const tops = topLevels(r);
    const ok1 = tops[0] === expected;
    const ok3 = tops.slice(0, 3).includes(expected);
    for (const t of tallies) {
      t.top1 += +ok1;
      t.top3 += +ok3;
      t.notProduct += +!r.product;
    }
    if (!ok1) confusions[`${expected} → ${tops[0]}`] = (confusions[`${expected} → ${tops[0]}`] ?? 0) + 1;
    if (!r.product) notProductReasons[r.reason ?? '?'] = (notProductReasons[r.reason ?? '?'] ?? 0) + 1;
    const related = new Set([...(e.imagenet_index != null ? [e.imagenet_index] : []), ...(e.imagenet_related ?? [])]);
    if (related.size) {
      const idx = r.labels.map((l) => LABEL_TO_INDEX.get(l.label) ?? []);
      labelHit.n++;
      labelHit.top1 += +(idx[0] ?? []).some((i) => related.has(i));
      labelHit.top5 += +idx.flat().some((i) => related.has(i));
    }
    if (!ok1 || !r.product) misses.push({ file: e.file, expected, got: categoryId(r.category.path), product: r.product, top: r.labels[0]?.label });
  }

  const row = (name: string, t: Tally) => `| ${name} | ${t.n} | ${pct(t.top1, t.n)}% | ${pct(t.top3, t.n)}% | ${t.notProduct} | ${t.errors} |`;
  const head = '| set | photos | top-1 | top-3 | not a product | errors |\n|---|---|---|---|---|---|';
  const usedBackend = results.find((r): r is CliOk => 'backend' in r)?.backend ?? backend;
  const topConf = Object.entries(confusions)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10);
  const md = [
    `## Photo → top-level category (${engine}/${usedBackend})`,
    '',
    head,
    row('**all**', overall),
    ...Object.entries(bySource).map(([k, t]) => row(k, t)),
    '',
    head.replace('| set', '| group'),
    ...Object.entries(byGroup)
      .sort((a, b) => b[1].n - a[1].n)
      .map(([k, t]) => row(`${k} (${GROUP_TO_TOP[k]})`, t)),
    '',
    '| most frequent confusions (expected → got) | photos |\n|---|---|',
    ...topConf.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    `Not a product: ${overall.notProduct}/${overall.n} (${pct(overall.notProduct, overall.n)}%), reasons ${JSON.stringify(notProductReasons)}.`,
    `ImageNet label hit (entries with imagenet_index/related, n=${labelHit.n}): top-1 ${pct(labelHit.top1, labelHit.n)}%, top-5 ${pct(labelHit.top5, labelHit.n)}%.`,
    `Median time per photo ${round(median(ms), 1)} ms (CLI total incl. decode; process start-up excluded).`,
  ].join('\n');
  const fieldPairs = results.flatMap((r) => (byFile.has(r.file) && !('error' in r) ? [{ e: byFile.get(r.file) as unknown as EvalEntry, r }] : []));
  const fields = fieldStats(fieldPairs);
  const crossValidation = o.head === 'on' ? headCard(engine)?.metrics?.crossValidation : undefined;
  const fieldsMd = [
    '',
    `## Photo → leaf, department, colour, title (${engine}/${usedBackend}, head ${o.head})`,
    '',
    fieldMarkdown(fields),
    ...(crossValidation ? ['', `Home photos (clothing-dataset), training data, 5-fold: category top-1 ${JSON.stringify(crossValidation)}.`] : []),
  ].join('\n');
  console.log(md + fieldsMd);

  const outDir = path.join(ROOT, 'tests', 'bench', 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const summary = {
    engine,
    backend: usedBackend,
    date: new Date().toISOString(),
    photos: overall.n,
    overall: { ...overall, top1Pct: pct(overall.top1, overall.n), top3Pct: pct(overall.top3, overall.n), notProductPct: pct(overall.notProduct, overall.n) },
    bySource,
    byGroup,
    confusions: Object.fromEntries(topConf),
    notProductReasons,
    labelHit,
    medianMs: round(median(ms), 1),
    head: o.head,
    fields,
    crossValidation,
    misses,
  };
  fs.writeFileSync(path.join(outDir, `photos-${engine}${o.head === 'off' ? '-imagenet-only' : ''}.json`), JSON.stringify(summary, null, 1) + '\n');
  if (overall.errors === overall.n) process.exit(1);
}

// Only as a program (tests/models/gates.test.ts imports runCli and topLevels).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
