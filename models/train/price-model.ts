/** Trains the price regressor on log1p(price) and calibrates its 80% interval on the validation rows. */
import { priceFeatures, fnv1a, intervalGroup, withCategoryPath, FEATURE_VERSION, type ListingInput, type SparseVec } from '../../src/core/text-features.ts';
import { cloneMlp, initMlp, mergeMlps, predict, trainMlp, type Mlp } from './sparse-mlp.ts';
import type { PricedRow } from './loaders.ts';
import { categoryId } from '../../src/core/taxonomy.ts';

export interface PriceMeta {
  kind: 'price';
  featureVersion: number;
  dim: number;
  hidden: number;
  /** Output is log1p(price in USD, Kaggle convention); price = expm1(output). */
  target: 'log1p_usd';
  /**
   * Log-space residual quantiles (validation rows) for the 80% interval; `byTop` overrides them for an
   * intervalGroup (first two levels of our path) with enough validation rows (else: rows of no such group).
   */
  interval: IntervalSpec;
  /** Training listings per node of our tree, id 'Fashion > Shoes' (for the "based on N similar listings" text). */
  categoryCounts: Record<string, number>;
  trainRows: number;
  seed: number;
  /* No timestamp: the sidecar is byte-identical across reproducible retrains (models/manifest.json pins sha256); the date is in CARD.md. */
}

export interface PriceTrainConfig {
  dim: number;
  hidden: number;
  epochs: number;
  lr: number;
  batch: number;
  seed: number;
  l2: number;
  /** Members of the averaged ensemble (each `hidden` wide, different seeds). */
  members: number;
  /** Each Kaggle-head training row is seen this many times per epoch (it is 7% of the rows but the broad marketplace). */
  kaggleRepeat: number;
  lrDecay: number;
  /** Percent of training rows that lose their Mercari category_name (keeping only our tree's path). */
  dropMercariPct: number;
  /** Add a wide linear term (x·WL) next to the MLP. */
  wide: boolean;
}

export const DEFAULT_PRICE_CONFIG: PriceTrainConfig = { dim: 1 << 15, hidden: 32, epochs: 4, lr: 0.003, batch: 64, seed: 42, l2: 0, members: 1, kaggleRepeat: 1, lrDecay: 1, wide: false, dropMercariPct: 10 };

export const rmsle = (pred: number[], actual: number[]) =>
  Math.sqrt(pred.reduce((s, p, i) => s + (Math.log1p(p) - Math.log1p(actual[i])) ** 2, 0) / pred.length);

export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (pos - lo);
}

export interface PriceTrainResult {
  model: Mlp;
  meta: PriceMeta;
  losses: number[];
  validRmsle: number[];
  ensembleValid: number;
}

export function trainPriceModel(
  train: PricedRow[],
  valid: PricedRow[],
  cfg: PriceTrainConfig,
  log: (msg: string) => void = () => {},
  progress?: (f: number) => void,
): PriceTrainResult {
  const rows = train.flatMap((r) => (r.source === 'kaggle' ? Array<PricedRow>(Math.max(1, cfg.kaggleRepeat)).fill(r) : [r]));
  // Some training rows (by id hash) lose their Mercari category_name and keep only our tree's path, so the
  // model also works from the app's form, which only knows our path.
  const xs = rows.map((r) => priceFeatures(fnv1a(`drop:${r.source}:${r.id}`) % 100 < cfg.dropMercariPct ? { ...r, category_name: '' } : r, cfg.dim));
  const y = Float64Array.from(rows, (r) => Math.log1p(r.price));
  const vx = valid.map((r) => priceFeatures(r, cfg.dim));
  const vy = valid.map((r) => Math.log1p(r.price));
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  const score = (m: Mlp, xsV: SparseVec[]) => {
    let s = 0;
    xsV.forEach((x, i) => (s += (predict(m, x, 'regression')[0] - vy[i]) ** 2));
    return Math.sqrt(s / Math.max(1, xsV.length));
  };
  const validRmsle: number[] = [];
  const losses: number[] = [];
  const members: Mlp[] = [];
  for (let mi = 0; mi < cfg.members; mi++) {
  const seed = cfg.seed + 1000 * mi;
  const model = initMlp({ dim: cfg.dim, hidden: cfg.hidden, outputs: 1 }, seed, [mean], cfg.wide);
  let best = { score: Infinity, model: cloneMlp(model) };
  const memberLosses = trainMlp(model, xs, y, {
    task: 'regression',
    hidden: cfg.hidden,
    epochs: cfg.epochs,
    lr: cfg.lr,
    batch: cfg.batch,
    seed,
    l2: cfg.l2,
    lrDecay: cfg.lrDecay,
    onProgress: progress && ((f) => progress((mi + f) / cfg.members)),
    onEpoch: (ep, loss, m) => {
      const v = vx.length ? score(m, vx) : loss;
      validRmsle.push(v);
      log(`price member ${mi + 1}/${cfg.members} epoch ${ep + 1}/${cfg.epochs}: train loss ${loss.toFixed(4)}, valid RMSLE ${v.toFixed(4)}`);
      if (v < best.score) best = { score: v, model: cloneMlp(m) };
    },
  });
  losses.push(...memberLosses);
  members.push(best.model);
  }
  const merged = mergeMlps(members);
  const ensembleValid = score(merged, vx);
  if (cfg.members > 1) log(`price ensemble of ${cfg.members}: valid RMSLE ${ensembleValid.toFixed(4)}`);
  const res = vx.map((x, i) => vy[i] - predict(merged, x, 'regression')[0]);
  const interval = calibrateInterval(valid, res);
  log(`price 80% interval (log residual q10/q90): ${JSON.stringify(interval)}`);
  const categoryCounts: Record<string, number> = {};
  for (const r of [...train, ...valid]) {
    const p = withCategoryPath(r).category_path ?? [];
    for (let i = 1; i <= p.length; i++) categoryCounts[categoryId(p.slice(0, i))] = (categoryCounts[categoryId(p.slice(0, i))] ?? 0) + 1;
  }
  const meta: PriceMeta = {
    kind: 'price',
    featureVersion: FEATURE_VERSION,
    dim: cfg.dim,
    hidden: cfg.hidden,
    target: 'log1p_usd',
    interval,
    categoryCounts,
    trainRows: train.length,
    seed: cfg.seed,
  };
  return { model: merged, meta: { ...meta, hidden: merged.hidden }, losses, validRmsle, ensembleValid };
}

export interface IntervalSpec {
  level: 0.8;
  q10: number;
  q90: number;
  byTop: Record<string, { q10: number; q90: number }>;
}

export function calibrateInterval(rows: ListingInput[], residuals: number[], minRows = 150): IntervalSpec {
  const groups = new Map<string, number[]>();
  rows.forEach((r, i) => groups.set(intervalGroup(r), [...(groups.get(intervalGroup(r)) ?? []), residuals[i]]));
  const q = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { q10: quantile(s, 0.1), q90: quantile(s, 0.9) };
  };
  const byTop: Record<string, { q10: number; q90: number }> = {};
  const rest: number[] = [];
  for (const [g, xs] of groups) {
    if (g && xs.length >= minRows) byTop[g] = q(xs);
    else rest.push(...xs);
  }
  const base = rest.length >= 50 ? q(rest) : q(residuals);
  return { level: 0.8, ...base, byTop };
}
