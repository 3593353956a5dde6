/**
 * Runtime for our own listing models (issue 4): price range and title → category, both ONNX graphs run by
 * onnxruntime-web (WASM EP by default) through the one ORT module (src/ml/ort-runtime.ts), which serialises every
 * call. The caller passes the model bytes and JSON sidecars (fetch in the browser worker, readFile in Node), so
 * this module is the same everywhere.
 */
import { OrtSession, configureOrt, floatTensor, type OrtResults } from './ort-runtime.ts';
import {
  categoryFeatures,
  intervalGroup,
  priceFeatures,
  withCategoryPath,
  scatterDense,
  FEATURE_VERSION,
  type ListingInput,
  type SparseVec,
} from '../core/text-features.ts';
import { AppError } from '../core/errors.ts';
import type { CategoryScore } from '../core/types.ts';

export interface PriceSidecar {
  kind: 'price';
  featureVersion: number;
  dim: number;
  target: 'log1p_usd';
  interval: { level: number; q10: number; q90: number; byTop?: Record<string, { q10: number; q90: number }> };
  categoryCounts?: Record<string, number>;
  trainRows?: number;
}

export interface CategorySidecar {
  kind: 'category';
  featureVersion: number;
  dim: number;
  classes: string[][];
}

export interface PriceRange {
  /** USD; the 80% interval and its middle (median). */
  low: number;
  mid: number;
  high: number;
}

export interface CategoryPrediction extends CategoryScore {
  alternatives: CategoryScore[];
}

export interface ModelSource<M> {
  model: Uint8Array | ArrayBuffer;
  meta: M | string;
}

export interface ListingModelOptions {
  executionProviders?: string[];
  /** Set once, before the first ORT session in this page/process (ORT ignores later changes). */
  numThreads?: number;
}

function parseMeta<M extends { kind: string; featureVersion: number; dim: number }>(m: M | string, kind: string): M {
  let meta: M;
  try {
    meta = typeof m === 'string' ? (JSON.parse(m) as M) : m;
  } catch {
    throw new AppError('model-corrupt', `The ${kind} model's sidecar JSON is not valid JSON.`);
  }
  if (!meta || meta.kind !== kind || !Number.isInteger(meta.dim) || meta.dim <= 0)
    throw new AppError('model-corrupt', `The ${kind} model's sidecar is not a ${kind} sidecar.`);
  if (meta.featureVersion !== FEATURE_VERSION)
    throw new AppError(
      'model-corrupt',
      `The ${kind} model was trained with feature version ${meta.featureVersion}, this app computes version ${FEATURE_VERSION}: retrain it (npm run train).`,
    );
  return meta;
}

/** A fresh dense row per call: overlapping calls never share (and so never corrupt) an input buffer. */
function runSparse(session: OrtSession, v: SparseVec, dim: number, signal?: AbortSignal): Promise<OrtResults> {
  return session.run({ x: floatTensor(scatterDense(v, dim, new Float32Array(dim)), [1, dim]) }, signal);
}

const round2 = (x: number) => Math.round(Math.max(0, x) * 100) / 100;

export class ListingModels {
  private constructor(
    private readonly priceSession: OrtSession,
    readonly priceMeta: PriceSidecar,
    private readonly catSession: OrtSession,
    readonly categoryMeta: CategorySidecar,
  ) {}

  static async create(
    src: { price: ModelSource<PriceSidecar>; category: ModelSource<CategorySidecar> },
    opts: ListingModelOptions = {},
  ): Promise<ListingModels> {
    if (opts.numThreads) configureOrt({ threads: opts.numThreads });
    const eps = opts.executionProviders ?? ['wasm'];
    const priceMeta = parseMeta(src.price.meta, 'price');
    const categoryMeta = parseMeta(src.category.meta, 'category');
    if (!Array.isArray(categoryMeta.classes) || categoryMeta.classes.length === 0)
      throw new AppError('model-corrupt', 'The category sidecar has no class list.');
    const [p, c] = await Promise.all([
      OrtSession.create(src.price.model, { executionProviders: eps, label: 'price', dequantizedWeights: true }),
      OrtSession.create(src.category.model, { executionProviders: eps, label: 'category', dequantizedWeights: true }),
    ]);
    return new ListingModels(p, priceMeta, c, categoryMeta);
  }

  /**
   * The graph's raw output: log1p(price in USD). The row may carry a Mercari `category_name`, our tree's
   * `category_path` (what the app's form holds), both, or neither.
   */
  async predictLogPrice(row: ListingInput, signal?: AbortSignal): Promise<number> {
    const dim = this.priceMeta.dim;
    const out = await runSparse(this.priceSession, priceFeatures(withCategoryPath(row), dim), dim, signal);
    return (out.y.data as Float32Array)[0];
  }

  /** 80% price interval (calibrated on validation residuals, per Mercari top level where known) and its median, in USD. */
  async predictPrice(row: ListingInput, signal?: AbortSignal): Promise<PriceRange> {
    const z = await this.predictLogPrice(row, signal);
    const iv = this.priceMeta.interval;
    const { q10, q90 } = iv.byTop?.[intervalGroup(row)] ?? iv;
    return { low: round2(Math.expm1(z + q10)), mid: round2(Math.expm1(z)), high: round2(Math.expm1(z + q90)) };
  }

  /** Class probabilities, in the order of categoryMeta.classes; the brand (when known) is evidence too. */
  async categoryProbs(text: string, brand?: string | null, signal?: AbortSignal): Promise<Float32Array> {
    const dim = this.categoryMeta.dim;
    const out = await runSparse(this.catSession, categoryFeatures(text, dim, brand), dim, signal);
    return out.probs.data as Float32Array;
  }

  /** Best category for a title (or labels / catalog text) plus `k - 1` alternatives. */
  async predictCategory(text: string, k = 3, brand?: string | null, signal?: AbortSignal): Promise<CategoryPrediction> {
    const p = await this.categoryProbs(text, brand, signal);
    const order = [...p.keys()].sort((a, b) => p[b] - p[a]).slice(0, Math.max(1, k));
    const scored = order.map((i) => ({ path: [...this.categoryMeta.classes[i]], score: p[i] }));
    return { ...scored[0], alternatives: scored.slice(1) };
  }

  async release(): Promise<void> {
    await Promise.all([this.priceSession.release(), this.catSession.release()]);
  }
}
