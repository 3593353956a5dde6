/**
 * npm run train:photo -- [--cv] [--engine tfjs|onnx]
 * Trains our photo head (models/photo/; `--engine onnx`: models/photo-onnx/, the same design, data and seed on the ONNX
 * engine's dequantised pooled feature) on the cached MobileNet embeddings of $DATA_DIR/photos-train (see
 * photo-cache.ts; missing embeddings are computed). Validation: clothing-dataset by sender (no sender in both),
 * Myntra/Flipkart by a seeded random 20%. Temperatures are fitted on validation, then the head is retrained on all
 * training photos with the same settings. Never reads $DATA_DIR/photos (the evaluation set).
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, readManifest } from '../../src/ml/node-runtime.ts';
import { HEAD_CLASSES, DEPARTMENTS } from '../../src/core/photo-head-classes.ts';
import { COLOURS } from '../../src/core/colour-names.ts';
import { expectedCalibrationError } from '../../src/core/photo-head-calibration.ts';
import { PhotoCache, EMB_DIM } from './photo-cache.ts';
import type { Variant } from './photo-views.ts';
import { COLOUR_FEATURES } from '../../src/core/colour-features.ts';
import { targetsOf, type TrainEntry } from './photo-labels.ts';
import { initModel, train, logits, softmaxT, fitTemperature, type PhotoHeadModel, type Sample, type TrainOpts } from './photo-head-model.ts';
import { rng } from './sparse-mlp.ts';
import { exportPhotoHead } from './photo-export.ts';
import { syncRepoModels } from '../sync-manifest.ts';
import { imageModel, type ModelEntry, type ModelManifest } from '../../src/core/model-manifest.ts';
import { writeAllAtomically } from './artifacts.ts';
import { oneOf, parseCli } from '../../src/cli/args.ts';

/** The manifest entry of the photo head trained on `engine`'s embeddings (files' hashes filled in by the sync). */
function headEntry(engine: HeadEngine): ModelManifest['models'][number] {
  const [id, dir, name] =
    engine === 'onnx'
      ? ['photo-head-onnx', 'photo-onnx', 'Photo head for the ONNX engine: category, department, colour (our own, on MobileNetV2-12 int8 embeddings)']
      : ['photo-head', 'photo', 'Photo head: category, department, colour (our own, on MobileNet V2 embeddings)'];
  return {
    id,
    name,
    engine: 'onnx',
    task: 'photo-head',
    imageEngine: engine,
    dir,
    entry: 'photo-head.onnx',
    licence: `Our own work (trained from ../shared/data/photos-train; see models/${dir}/CARD.md for its data terms)`,
    source: 'repo',
    files: [
      { path: 'photo-head.onnx', bytes: 0, sha256: '', url: null },
      { path: 'photo-head.json', bytes: 0, sha256: '', url: null },
    ],
  };
}

/** Adds the photo head's entry to models/manifest.json once (read-modify-write at once), then syncs its hashes. */
export function registerInManifest(engine: HeadEngine = 'tfjs'): void {
  const p = path.join(REPO_ROOT, 'models', 'manifest.json');
  const m = JSON.parse(fs.readFileSync(p, 'utf8')) as ModelManifest;
  const entry = headEntry(engine);
  if (!m.models.some((x) => x.id === entry.id)) {
    m.models.push(entry);
    writeAllAtomically([{ path: p, data: JSON.stringify(m, null, 2) + '\n' }]);
  }
  console.error(
    syncRepoModels()
      ? 'models/manifest.json updated; `npm run models` installs the new files into public/models (the app, CLI and evals read them there)'
      : 'models/manifest.json unchanged',
  );
}

const DATA_DIR = path.resolve(REPO_ROOT, process.env.DATA_DIR ?? '../shared/data');
export const OUT_DIR = path.join(REPO_ROOT, 'models', 'photo');
/** The image engines a photo head is trained for (the manifest's `imageEngine`; LiteRT reads the tfjs head). */
export type HeadEngine = NonNullable<ModelEntry['imageEngine']>;
export const outDir = (engine: HeadEngine) => (engine === 'onnx' ? path.join(REPO_ROOT, 'models', 'photo-onnx') : OUT_DIR);
/** `--engine onnx` trains without the mirrored copies: only the tfjs engine's flipped views are cached (computing
 *  8,078 more ONNX passes would not fit the session); everything else is the same. */
export const augmentFor = (engine: HeadEngine): Variant[] => (engine === 'onnx' ? [] : AUGMENT);
export const SEED = 20261201;
// Chosen on the validation fold (models/photo/CARD.md, "Design choices"): L2 1e-2 (was 1e-4), mirrored copies of the
// training photos (AUGMENT), colour features v2b (src/core/colour-features.ts).
export const OPTS: TrainOpts = { epochs: 12, lr: 4e-3, l2: 1e-2, batch: 64, seed: SEED, hidden: 128, headWeights: [1, 0.7, 0.7] };
/** Extra views of every training photo (photo-views.ts), embedded offline; the app still makes one pass. */
export const AUGMENT: Variant[] = ['flip'];
export const SPECS = [
  { name: 'category', classes: HEAD_CLASSES.length },
  { name: 'department', classes: DEPARTMENTS.length },
  { name: 'colour', classes: COLOURS.length },
];

interface Row {
  e: TrainEntry;
  s: Sample;
  fold: number;
  of?: Row; // an augmented copy of this photo's row: trains with it, never validates
}
const orig = (r: Row) => r.of ?? r;

/** Fold 0..k-1: by sender for home photos (hash of sender_id), seeded random otherwise. */
export function foldOf(e: TrainEntry, r: () => number, k: number): number {
  if (e.source === 'clothing-dataset') {
    let h = 2166136261;
    for (const ch of `s${e.sender_id}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    return (h >>> 0) % k;
  }
  return Math.floor(r() * k);
}

const r1 = (x: number) => Math.round(x * 1000) / 10;

function evaluate(m: PhotoHeadModel, rows: Row[]) {
  const out: Record<string, Record<string, { n: number; top1: number; top3?: number }>> = {};
  const conf: Record<string, { raw: number[]; cal: number[]; ok: boolean[] }> = {};
  for (const { e, s } of rows) {
    const zs = logits(m, s.x);
    zs.forEach((z, hi) => {
      const set = s.targets[hi];
      if (!set.length) return;
      const head = m.heads[hi];
      const pRaw = softmaxT(z),
        pCal = softmaxT(z, head.temperature);
      const order = [...pRaw.keys()].sort((a, b) => pRaw[b] - pRaw[a]);
      const t = ((out[head.name] ??= {})[e.source] ??= { n: 0, top1: 0, top3: 0 });
      t.n++;
      t.top1 += +set.includes(order[0]);
      t.top3! += +order.slice(0, 3).some((k) => set.includes(k));
      const c = (conf[head.name] ??= { raw: [], cal: [], ok: [] });
      c.raw.push(pRaw[order[0]]);
      c.cal.push(pCal[order[0]]);
      c.ok.push(set.includes(order[0]));
    });
  }
  const acc = Object.fromEntries(
    Object.entries(out).map(([h, bySrc]) => [
      h,
      Object.fromEntries(Object.entries(bySrc).map(([src, t]) => [src, { n: t.n, top1: r1(t.top1 / t.n), top3: r1(t.top3! / t.n) }])),
    ]),
  );
  const ece = Object.fromEntries(
    Object.entries(conf).map(([h, c]) => [h, { before: r1(expectedCalibrationError(c.raw, c.ok)), after: r1(expectedCalibrationError(c.cal, c.ok)) }]),
  );
  return { acc, ece };
}

export async function loadRows(k = 5, engine: HeadEngine = 'tfjs'): Promise<Row[]> {
  const entries: TrainEntry[] = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'photos-train', 'manifest.json'), 'utf8'));
  const cache = await PhotoCache.open(engine);
  const augment = augmentFor(engine);
  const r = rng(SEED);
  const rows: Row[] = [];
  for (const e of entries) {
    const t = targetsOf(e);
    const fold = foldOf(e, r, k);
    if (!t.cls.length && !t.colour.length) continue;
    const file = path.join(DATA_DIR, 'photos-train', e.file);
    const colour = await cache.colour(file);
    const input = (embedding: Float32Array) => {
      const x = new Float32Array(EMB_DIM + COLOUR_FEATURES);
      x.set(embedding, 0);
      x.set(colour, EMB_DIM); // the colour statistics of the plain crop: the mirror changes only their 3×3 grid
      return x;
    };
    const row: Row = { e, fold, s: { x: input((await cache.get(file)).embedding), targets: [t.cls, t.dept, t.colour] } };
    rows.push(row);
    for (const v of augment) rows.push({ e, fold, of: row, s: { x: input((await cache.get(file, v)).embedding), targets: row.s.targets } });
  }
  console.error(`${rows.length} training rows (${augment.length} augmented copies each; ${cache.hits} cached embeddings, ${cache.misses} computed)`);
  cache.dispose();
  return rows;
}

function fit(rows: Row[], opts: TrainOpts): PhotoHeadModel {
  const m = initModel(
    EMB_DIM + COLOUR_FEATURES,
    SPECS,
    rows.map((r) => r.s.x),
    opts,
  );
  const t0 = Date.now();
  const losses = train(
    m,
    rows.map((r) => r.s),
    { ...opts, onEpoch: (ep, l) => console.error(`  epoch ${ep + 1}/${opts.epochs} loss ${l.toFixed(3)} ${Math.round((Date.now() - t0) / 1000)} s`) },
  );
  console.error(`  loss ${losses[0].toFixed(3)} → ${losses[losses.length - 1].toFixed(3)}`);
  return m;
}

async function main() {
  const usage = 'usage: npm run train:photo -- [--cv] [--cv-only] [--engine tfjs|onnx]';
  const { values } = parseCli({ usage, options: { cv: { type: 'boolean' }, 'cv-only': { type: 'boolean' }, engine: { type: 'string', default: 'tfjs' } } });
  const cv = !!values.cv;
  const engine: HeadEngine = oneOf(usage, '--engine', values.engine, ['tfjs', 'onnx']);
  const rows = await loadRows(5, engine);
  const t0 = Date.now();
  // 1. hold-out fold 0 for validation and temperature fitting
  const trainRows = rows.filter((r) => orig(r).fold !== 0),
    valRows = rows.filter((r) => !r.of && r.fold === 0);
  const m = fit(trainRows, OPTS);
  const temps = m.heads.map((h, hi) =>
    fitTemperature(
      valRows.map((r) => logits(m, r.s.x)[hi]),
      valRows.map((r) => r.s.targets[hi]),
    ),
  );
  m.heads.forEach((h, hi) => (h.temperature = temps[hi]));
  const validation = evaluate(m, valRows);
  console.error(JSON.stringify({ temperatures: temps, validation }, null, 1));
  // 2. the same hold-out size drawn at random instead of by sender, for the home photos: how much a sender's
  //    background flatters a random split (the model card reports both)
  let crossValidation: object | undefined;
  if (cv) {
    const rr = rng(SEED + 7);
    const isHome = (r: Row) => r.e.source === 'clothing-dataset';
    const valShare = valRows.filter(isHome).length / rows.filter((r) => isHome(r) && !r.of).length;
    const randomVal = new Set(rows.filter((r) => isHome(r) && !r.of && rr() < valShare));
    const mr = fit(
      rows.filter((r) => !randomVal.has(orig(r)) && !(isHome(r) ? false : orig(r).fold === 0)),
      OPTS,
    );
    const top1 = (mf: PhotoHeadModel, rs: Row[]) => {
      let ok = 0;
      for (const r of rs) {
        const z = logits(mf, r.s.x)[0];
        let best = 0;
        for (let c = 1; c < z.length; c++) if (z[c] > z[best]) best = c;
        ok += +r.s.targets[0].includes(best);
      }
      return r1(ok / rs.length);
    };
    crossValidation = {
      homePhotosCategoryTop1: { senderGrouped: top1(m, valRows.filter(isHome)), randomSplit: top1(mr, [...randomVal]), heldOut: randomVal.size },
    };
    console.error(JSON.stringify(crossValidation));
    if (values['cv-only']) {
      console.log(JSON.stringify({ validation, crossValidation }));
      return;
    }
  }
  // 3. final head on every training photo, with the validation temperatures
  const final = fit(rows, OPTS);
  final.heads.forEach((h, hi) => (h.temperature = temps[hi]));
  const metrics = {
    date: new Date().toISOString().slice(0, 10),
    seed: SEED,
    opts: OPTS,
    photos: rows.filter((r) => !r.of).length,
    ...(engine === 'onnx' ? { engine } : {}),
    augment: augmentFor(engine),
    temperatures: temps,
    validation,
    crossValidation,
    trainSeconds: Math.round((Date.now() - t0) / 1000),
  };
  const pooled = engine === 'onnx' ? imageModel(await readManifest(), 'onnx').embedding?.name : undefined;
  exportPhotoHead(final, outDir(engine), metrics, engine, pooled);
  registerInManifest(engine);
  console.log(JSON.stringify(metrics));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
