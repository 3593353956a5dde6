/** Trains the price regressor on log1p(price) and calibrates its 80% interval on the validation rows. */
import { priceFeatures, fnv1a, intervalGroup, withCategoryPath, FEATURE_VERSION, type ListingInput, type SparseVec } from '../../src/core/text-features.ts';
import { initMlp, mergeMlps, predict, type Mlp } from './sparse-mlp.ts';
import { trainEnsemble, type EnsembleConfig } from './ensemble.ts';
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

/** The ensemble's trainer options (hidden, epochs, lr, batch, seed, members, …: EnsembleConfig) and the price features'. */
export interface PriceTrainConfig extends EnsembleConfig {
  dim: number;
  /** Percent of training rows that lose their Mercari category_name (keeping only our tree's path). */
  dropMercariPct: number;
}

/** The configuration the committed price model was trained with (`npm run train`). */
export const SHIPPED_PRICE_CONFIG: PriceTrainConfig = { dim: 1 << 16, hidden: 8, epochs: 2, lr: 0.003, batch: 64, seed: 42, members: 4, dropMercariPct: 10 };
/** `npm run train -- --quick`: one member, one epoch (a smoke run, not for shipping). */
export const QUICK_PRICE_CONFIG: PriceTrainConfig = { ...SHIPPED_PRICE_CONFIG, members: 1, epochs: 1 };

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
  // Some training rows (by id hash) lose their Mercari category_name and keep only our tree's path, so the
  // model also works from the app's form, which only knows our path.
  const drop = (r: PricedRow) => fnv1a(`drop:${r.source}:${r.id}`) % 100 < cfg.dropMercariPct;
  const xs = train.map((r) => priceFeatures(drop(r) ? { ...r, category_name: '' } : r, cfg.dim));
  const y = Float64Array.from(train, (r) => Math.log1p(r.price));
  const vx = valid.map((r) => priceFeatures(r, cfg.dim));
  const vy = valid.map((r) => Math.log1p(r.price));
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  const score = (m: Mlp, xsV: SparseVec[]) => {
    let s = 0;
    xsV.forEach((x, i) => (s += (predict(m, x, 'regression')[0] - vy[i]) ** 2));
    return Math.sqrt(s / Math.max(1, xsV.length));
  };
  const validRmsle: number[] = [];
  const { members, losses } = trainEnsemble(xs, y, 'regression', cfg, {
    init: (seed) => initMlp({ dim: cfg.dim, hidden: cfg.hidden, outputs: 1 }, seed, [mean]),
    progress,
    onEpoch: (mi, ep, loss, m) => {
      const v = vx.length ? score(m, vx) : loss;
      validRmsle.push(v);
      log(`price member ${mi + 1}/${cfg.members} epoch ${ep + 1}/${cfg.epochs}: train loss ${loss.toFixed(4)}, valid RMSLE ${v.toFixed(4)}`);
      return { score: -v, model: m }; // lower RMSLE is better
    },
  });
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
