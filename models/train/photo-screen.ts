/**
 * npx tsx models/train/photo-screen.ts '<config JSON>' ['<config JSON>' …]
 * Screening of photo-head designs on the photos-train validation fold (fold 0 of photo-train.ts: home photos by
 * sender, Myntra/Flipkart seeded 20%); never reads the evaluation set's labels. Cached features only
 * (photo-cache.ts, photo-augment.ts, photo-colour-cache.ts). One JSON line per config on stdout, appended to
 * tests/bench/results/photo-screen.jsonl.
 * Config: { name, colour: 'v1'|'v2', probs: bool, crop: 'centre'|'pad', aug: ['flip','crop88'], seeds: n, ...TrainOpts }
 * `--dump rows.json` writes the labels and folds instead, for the faster numpy screen (photo-screen-numpy.py).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/ml/node-runtime.ts';
import { PhotoCache, EMB_DIM } from './photo-cache.ts';
import { targetsOf, type TrainEntry } from './photo-labels.ts';
import { initModel, train, logits, fitTemperature, softmaxT, type PhotoHeadModel, type Sample, type TrainOpts } from './photo-head-model.ts';
import { rng } from './sparse-mlp.ts';
import { OPTS, SEED, SPECS, foldOf } from './photo-train.ts';
import { variantDir, readVariant, type Variant } from './photo-augment.ts';
import { colourDir, readColour } from './photo-colour-cache.ts';
import { suggestFromProbabilities } from '../../src/core/photo-suggest.ts';
import { GROUP_TO_TOP } from '../../tests/bench/eval-photos.ts';
import { expectedCalibrationError } from '../../src/core/photo-head-calibration.ts';

const DATA_DIR = path.resolve(REPO_ROOT, process.env.DATA_DIR ?? '../shared/data');

export interface ScreenConfig extends Partial<TrainOpts> {
  name: string;
  colour?: 'v1' | 'v2' | 'none';
  probs?: boolean;
  crop?: 'centre' | 'pad';
  aug?: Variant[];
  seeds?: number;
}

interface Photo {
  e: TrainEntry;
  fold: number;
  hash: string;
  file: string;
  targets: number[][];
}

const photos: Photo[] = [];
const feats = new Map<string, Float32Array | null>(); // `${kind}:${hash}`
const cache = await PhotoCache.open('tfjs');
const dirs: Record<string, string> = { flip: await variantDir('flip'), crop88: await variantDir('crop88'), pad: await variantDir('pad') };

function load() {
  const entries: TrainEntry[] = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'photos-train', 'manifest.json'), 'utf8'));
  const r = rng(SEED);
  for (const e of entries) {
    const t = targetsOf(e);
    const fold = foldOf(e, r, 5);
    if (!t.cls.length && !t.colour.length) continue;
    const file = path.join(DATA_DIR, 'photos-train', e.file);
    photos.push({ e, fold, file, hash: createHash('sha256').update(fs.readFileSync(file)).digest('hex'), targets: [t.cls, t.dept, t.colour] });
  }
}

function feat(kind: string, p: Photo): Float32Array | null {
  const k = `${kind}:${p.hash}`;
  if (feats.has(k)) return feats.get(k)!;
  let v: Float32Array | null;
  if (kind === 'centre') {
    const b = fs.readFileSync(path.join(cache.dir, `${p.hash}.f32`));
    v = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
  } else if (kind === 'v1') {
    const b = fs.readFileSync(path.join(path.dirname(cache.dir), 'colour-v1', `${p.hash}.f32`));
    v = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
  } else if (kind === 'v2' || kind === 'v2pad') v = readColour(colourDir(kind === 'v2pad'), p.hash);
  else v = readVariant(dirs[kind], p.hash);
  feats.set(k, v);
  return v;
}

/** Input vector of one photo for a config (`view`: which embedding: centre, pad, flip, crop88). */
function input(c: ScreenConfig, p: Photo, view: string): Float32Array | null {
  const ep = feat(view, p);
  if (!ep) return null;
  const colour = c.colour ?? 'v1';
  const col = colour === 'none' ? new Float32Array(0) : feat(colour === 'v2' && c.crop === 'pad' ? 'v2pad' : colour, p);
  if (!col) return null;
  const x = new Float32Array(EMB_DIM + col.length + (c.probs ? 1000 : 0));
  x.set(ep.subarray(0, EMB_DIM), 0);
  x.set(col, EMB_DIM);
  if (c.probs) for (let i = 0; i < 1000; i++) x[EMB_DIM + col.length + i] = Math.log(ep[EMB_DIM + i] + 1e-4);
  return x;
}

const r1 = (x: number) => Math.round(x * 1000) / 10;

function run(c: ScreenConfig) {
  const t0 = Date.now();
  const opts: TrainOpts = { ...OPTS, ...c };
  const base = c.crop === 'pad' ? 'pad' : 'centre';
  const tr: Sample[] = [],
    va: { p: Photo; x: Float32Array }[] = [];
  let missing = 0;
  for (const p of photos) {
    const x = input(c, p, base);
    if (!x) {
      missing++;
      continue;
    }
    if (p.fold === 0) va.push({ p, x });
    else {
      tr.push({ x, targets: p.targets });
      for (const v of c.aug ?? []) {
        const xa = input(c, p, v);
        if (xa) tr.push({ x: xa, targets: p.targets });
        else missing++;
      }
    }
  }
  const models: PhotoHeadModel[] = [];
  for (let s = 0; s < (c.seeds ?? 1); s++) {
    const o = { ...opts, seed: opts.seed + 101 * s };
    const m = initModel(
      tr[0].x.length,
      SPECS,
      tr.map((t) => t.x),
      o,
    );
    train(m, tr, o);
    models.push(m);
  }
  const zOf = (x: Float32Array) => {
    const all = models.map((m) => logits(m, x));
    return all[0].map((_, hi) => all[0][hi].map((_, k) => all.reduce((a, z) => a + z[hi][k], 0) / all.length));
  };
  const zs = va.map((v) => zOf(v.x));
  const temps = SPECS.map((_, hi) =>
    fitTemperature(
      zs.map((z) => z[hi]),
      va.map((v) => v.p.targets[hi]),
    ),
  );
  const acc: Record<string, { n: number; ok: number; ok3: number }> = {};
  const conf: Record<string, { c: number[]; ok: boolean[] }> = {};
  const colourConfusion: Record<string, number> = {};
  let topN = 0,
    topOk = 0;
  va.forEach((v, i) => {
    SPECS.forEach((h, hi) => {
      const set = v.p.targets[hi];
      if (!set.length) return;
      const p = softmaxT(zs[i][hi], temps[hi]);
      const order = [...p.keys()].sort((a, b) => p[b] - p[a]);
      const t = (acc[`${h.name}.${v.p.e.source}`] ??= { n: 0, ok: 0, ok3: 0 });
      t.n++;
      t.ok += +set.includes(order[0]);
      t.ok3 += +order.slice(0, 3).some((k) => set.includes(k));
      const cc = (conf[h.name] ??= { c: [], ok: [] });
      cc.c.push(p[order[0]]);
      cc.ok.push(set.includes(order[0]));
      if (h.name === 'colour' && !set.includes(order[0])) colourConfusion[`${set[0]}→${order[0]}`] = (colourConfusion[`${set[0]}→${order[0]}`] ?? 0) + 1;
    });
    const ep = feat(base, v.p)!;
    const want = GROUP_TO_TOP[v.p.e.group as string];
    if (want) {
      topN++;
      topOk += +(suggestFromProbabilities(ep.subarray(EMB_DIM)).category.path[0] === want);
    }
  });
  const res = {
    name: c.name,
    config: c,
    train: tr.length,
    val: va.length,
    missing,
    ...Object.fromEntries(Object.entries(acc).map(([k, t]) => [k, `${r1(t.ok / t.n)}/${r1(t.ok3 / t.n)} n=${t.n}`])),
    ece: Object.fromEntries(Object.entries(conf).map(([k, t]) => [k, r1(expectedCalibrationError(t.c, t.ok))])),
    temps: temps.map((t) => Math.round(t * 100) / 100),
    imagenetTopLevel: `${r1(topOk / topN)} n=${topN}`,
    colourConfusion: Object.entries(colourConfusion)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12),
    seconds: Math.round((Date.now() - t0) / 1000),
  };
  console.log(JSON.stringify(res));
  fs.mkdirSync(path.join(REPO_ROOT, 'tests/bench/results'), { recursive: true });
  fs.appendFileSync(path.join(REPO_ROOT, 'tests/bench/results/photo-screen.jsonl'), JSON.stringify({ date: new Date().toISOString(), ...res }) + '\n');
}

load();
if (process.argv[2] === '--dump') {
  // labels and folds for the numpy screen (models/train/photo-screen-numpy.py)
  const rows = photos.map((p) => ({ hash: p.hash, fold: p.fold, source: p.e.source, cls: p.targets[0], dept: p.targets[1], colour: p.targets[2] }));
  fs.writeFileSync(process.argv[3], JSON.stringify(rows));
  console.error(`${rows.length} rows → ${process.argv[3]}`);
} else for (const a of process.argv.slice(2)) run(JSON.parse(a) as ScreenConfig);
