/**
 * Title → category classifier over our tree (src/core/taxonomy.ts), trained on Mercari titles whose
 * category_name maps onto the tree with the taxonomy's own mapMercariCategory.
 */
import { resolve } from 'node:path';
import { categoryFeatures, fnv1a, FEATURE_VERSION, type ListingInput, type SparseVec } from '../../src/core/text-features.ts';
import { categoryId, mapMercariCategory, pathOf } from '../../src/core/taxonomy.ts';
import { initMlp, mergeMlps, predict, type Mlp } from './sparse-mlp.ts';
import { trainEnsemble, type EnsembleConfig } from './ensemble.ts';
import { readTable } from './csv.ts';

export interface CategoryMeta {
  kind: 'category';
  featureVersion: number;
  dim: number;
  hidden: number;
  /** Output index → path in our tree. */
  classes: string[][];
  trainRows: number;
  seed: number;
}

/** The ensemble's trainer options (hidden, epochs, lr, batch, seed, members, …: EnsembleConfig) and the category data's. */
export interface CategoryTrainConfig extends EnsembleConfig {
  dim: number;
  /** Classes with fewer rows are folded into their parent node. */
  minRows: number;
  /** At most this many rows per class (the skill-test set is 90% women's clothing). */
  maxPerClass: number;
  /** Percent of branded training rows (by hash) that train without their brand. */
  brandDropPct: number;
}

/** The configuration the committed category model was trained with (`npm run train`). */
export const SHIPPED_CATEGORY_CONFIG: CategoryTrainConfig = {
  dim: 1 << 15,
  hidden: 64,
  epochs: 6,
  lr: 0.003,
  batch: 32,
  seed: 7,
  minRows: 3,
  maxPerClass: 2000,
  members: 1,
  brandDropPct: 30,
};
/** `npm run train -- --quick`: two epochs (a smoke run, not for shipping). */
export const QUICK_CATEGORY_CONFIG: CategoryTrainConfig = { ...SHIPPED_CATEGORY_CONFIG, epochs: 2 };

export interface TitledRow {
  name: string;
  /** The listing's description, when it has one (for description-as-title rows). */
  description?: string;
  path: string[];
  /** The listing's brand, when the data has one. */
  brand?: string;
  /** Data set the row came from; validation accuracy is averaged over sets. */
  group?: string;
}

/** Mercari rows → (title, our path); rows without a title or a mappable category are skipped. */
export function toTitled(rows: (ListingInput & { source?: string })[]): TitledRow[] {
  const out: TitledRow[] = [];
  for (const r of rows) {
    const path = r.category_name ? mapMercariCategory(r.category_name) : null;
    if (path && r.name && r.name.trim())
      out.push({
        name: r.name,
        path,
        group: r.source,
        ...(r.brand_name ? { brand: r.brand_name } : {}),
        ...(r.item_description ? { description: r.item_description } : {}),
      });
  }
  return out;
}

/** Extra titled rows without prices: the Kaggle head's test file and the Mercari US scrape. */
export function loadExtraTitled(dir: string): (ListingInput & { source: string })[] {
  const k = readTable(resolve(dir, 'listings/mercari-kaggle-head5000/test_head2000_noprice.tsv'), ['name', 'category_name']).map((o) => ({
    ...o,
    source: 'kaggle-test',
  }));
  const us = readTable(resolve(dir, 'listings/mercari-us-scrape-300/mercari.csv'), ['name', 'itemCategoryNameLevel0']).map((o) => ({
    name: o.name,
    item_description: o.description,
    brand_name: o.brandName,
    source: 'us-scrape',
    category_name: [o.itemCategoryNameLevel0, o.itemCategoryNameLevel1, o.itemCategoryNameLevel2].filter(Boolean).join('/'),
  }));
  return [...k, ...us];
}

/** Folds rare classes into their parents; returns the class list (sorted ids) and each row's class. */
export function chooseClasses(rows: TitledRow[], minRows: number): { classes: string[][]; label: (p: string[]) => number } {
  const count = new Map<string, number>();
  for (const r of rows)
    for (let i = 1; i <= r.path.length; i++) count.set(categoryId(r.path.slice(0, i)), (count.get(categoryId(r.path.slice(0, i))) ?? 0) + 1);
  const fold = (p: string[]): string => {
    for (let i = p.length; i > 1; i--) {
      const id = categoryId(p.slice(0, i));
      if ((count.get(id) ?? 0) >= minRows) return id;
    }
    return categoryId(p.slice(0, 1));
  };
  const ids = [...new Set(rows.map((r) => fold(r.path)))].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  return { classes: ids.map(pathOf), label: (p) => index.get(fold(p)) ?? -1 };
}

/** The first `max` items of each key, in the given order. */
export function firstPerKey<T, K>(ordered: T[], key: (t: T) => K, max: number): T[] {
  const seen = new Map<K, number>();
  return ordered.filter((t) => {
    const c = seen.get(key(t)) ?? 0;
    seen.set(key(t), c + 1);
    return c < max;
  });
}

/** Deterministic per-class cap (keeps the first rows of each class in a seeded shuffle). */
function capPerClass(rows: TitledRow[], labels: number[], max: number, seed: number): number[] {
  const r = (i: number) => (Math.imul(i + 1, 0x9e3779b1) ^ seed) >>> 0;
  return firstPerKey(
    [...rows.keys()].sort((a, b) => r(a) - r(b)),
    (i) => labels[i],
    max,
  );
}

export interface CategoryTrainResult {
  model: Mlp;
  meta: CategoryMeta;
  losses: number[];
  validAcc: number[];
}

export function trainCategoryModel(
  train: TitledRow[],
  valid: TitledRow[],
  cfg: CategoryTrainConfig,
  log: (msg: string) => void = () => {},
  progress?: (f: number) => void,
): CategoryTrainResult {
  const { classes, label } = chooseClasses(train, cfg.minRows);
  const allLabels = train.map((r) => label(r.path));
  const keep = capPerClass(train, allLabels, cfg.maxPerClass, cfg.seed);
  // Some rows (by hash) train without their brand, so the model also ranks titles typed with no brand.
  const brandOf = (r: TitledRow) => (r.brand && fnv1a(`brand:${r.name}`) % 100 >= cfg.brandDropPct ? r.brand : null);
  const xs: SparseVec[] = keep.map((i) => categoryFeatures(train[i].name, cfg.dim, brandOf(train[i])));
  const y = keep.map((i) => allLabels[i]);
  log(`category: ${classes.length} classes, ${xs.length} training titles (of ${train.length}, capped ${cfg.maxPerClass}/class)`);
  const vx = valid.map((r) => categoryFeatures(r.name, cfg.dim, r.brand));
  const vy = valid.map((r) => label(r.path));
  // Validation score: top-1 full path, each data set counting equally (the skill test is 94% of the
  // validation rows and women-only).
  const evaluate = (m: Mlp) => {
    let ok = 0;
    let okTop = 0;
    const byGroup = new Map<string, [number, number]>();
    vx.forEach((x, i) => {
      const p = predict(m, x, 'classification');
      const hit = argmax(p) === vy[i] ? 1 : 0;
      ok += hit;
      const g = byGroup.get(valid[i].group ?? '') ?? [0, 0];
      byGroup.set(valid[i].group ?? '', [g[0] + hit, g[1] + 1]);
      if (vy[i] >= 0 && topLevelRanking(p, classes)[0] === classes[vy[i]][0]) okTop++;
    });
    const mean = [...byGroup.values()].reduce((s, [h, n]) => s + h / n, 0) / Math.max(1, byGroup.size);
    const pct = (v: number) => `${((v / Math.max(1, vx.length)) * 100).toFixed(1)}%`;
    return { mean, text: `valid top-1 ${pct(ok)} (top level ${pct(okTop)}; mean over sets ${(mean * 100).toFixed(1)}%)` };
  };
  const validAcc: number[] = [];
  const { members, losses } = trainEnsemble(xs, y, 'classification', cfg, {
    init: (seed) => initMlp({ dim: cfg.dim, hidden: cfg.hidden, outputs: classes.length }, seed),
    progress,
    onEpoch: (mi, ep, loss, m) => {
      const v = vx.length ? evaluate(m) : { mean: -loss, text: '' };
      validAcc.push(v.mean);
      log(`category member ${mi + 1}/${cfg.members} epoch ${ep + 1}/${cfg.epochs}: train loss ${loss.toFixed(4)}, ${v.text}`);
      return { score: v.mean, model: m };
    },
  });
  const model = mergeMlps(members);
  if (cfg.members > 1 && vx.length) log(`category ensemble of ${cfg.members}: ${evaluate(model).text}`);
  const meta: CategoryMeta = {
    kind: 'category',
    featureVersion: FEATURE_VERSION,
    dim: cfg.dim,
    hidden: model.hidden,
    classes,
    trainRows: xs.length,
    seed: cfg.seed,
  };
  return { model, meta, losses, validAcc };
}

export function argmax(p: ArrayLike<number>): number {
  let a = 0;
  for (let k = 1; k < p.length; k++) if (p[k] > p[a]) a = k;
  return a;
}

/** Top levels ranked by the summed probability of their classes. */
export function topLevelRanking(p: ArrayLike<number>, classes: string[][]): string[] {
  const sum = new Map<string, number>();
  classes.forEach((c, k) => sum.set(c[0], (sum.get(c[0]) ?? 0) + p[k]));
  return [...sum].sort((a, b) => b[1] - a[1]).map(([t]) => t);
}
