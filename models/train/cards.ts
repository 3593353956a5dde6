/** The model cards (CARD.md) of the price and category models, one small function per section. */
import { modelCard, type CardSection } from './artifacts.ts';
import { SKILLTEST_BUYER_SHIP_OFFSET, type Split } from './loaders.ts';
import type { PriceTrainConfig, PriceTrainResult } from './price-model.ts';
import type { CategoryTrainConfig, CategoryTrainResult } from './category-model.ts';
import { EXTRA_CAPS } from './extra-titles.ts';
import type { WeightFormat } from './onnx-writer.ts';

/** How the first layer is stored in the ONNX file, for the cards. */
export function weightsLine(f: WeightFormat): string {
  if (f === 'int8' || f === 'int4')
    return `First layer stored as ${f} with a float scale per hashed feature (DequantizeLinear in the graph${f === 'int4' ? ', opset 21' : ''}); float16 vs int8 vs int4 on the hold-outs: tests/bench/results/listing-size-sweep.json.`;
  return f === 'f16' ? 'First layer stored as float16 (Cast in the graph).' : 'Weights stored as float32.';
}

/** Accuracy of the exported category model on one set of rows (fractions). */
export interface CategoryAccuracy {
  n: number;
  full: number;
  top: number;
  topBrand: number;
}

export interface CardContext {
  /** The operator's --data file, or undefined for the shipped data. */
  data?: string;
  dataDir: string;
  split: Split;
  date: string;
}

const pct = (x: number) => (x * 100).toFixed(1);

function dataLines({ data, dataDir, split }: CardContext): string[] {
  if (data) return [`- Operator file \`${data}\`: ${JSON.stringify(split.stats.custom)}; 10% of rows (by seller/row hash) kept aside for validation.`];
  return [
    `- Mercari Kaggle head (${JSON.stringify(split.stats.kaggle)}) and skill test (${JSON.stringify(split.stats.skilltest)}), from ${dataDir}/listings.`,
    `- Hold-out (never trained or tuned on): Kaggle \`train_id % 5 == 0\` (${split.holdoutKaggle.length} rows), ` +
      `skill test \`seller_id % 10 == 0\` (${split.holdoutSkill.length} rows); ` +
      `${split.stats.droppedDuplicates} training rows with a hold-out row's name + description dropped.`,
    `- Skill-test prices put into the Kaggle convention by adding $${SKILLTEST_BUYER_SHIP_OFFSET.toFixed(2)} when the buyer pays shipping ` +
      `(listings README); reported back in each set's own convention.`,
    `- Validation (early stopping, interval calibration): 10% of training rows by seller hash; ${split.train.length} train / ${split.valid.length} valid rows.`,
  ];
}

export interface PriceCardInput {
  cfg: PriceTrainConfig;
  price: PriceTrainResult;
  /** Hidden units of the exported (merged) model. */
  hidden: number;
  onnxBytes: number;
  weights: WeightFormat;
  validRmsle: number;
  holdout: { kaggle: number; skilltest: number };
}

function priceFeatureLines({ cfg, price }: PriceCardInput): string[] {
  return [
    `- \`priceFeatures\` (src/core/text-features.ts, feature version ${price.meta.featureVersion}): FNV-1a hashed into ${cfg.dim} dims: ` +
      'title word 1–2-grams and char 3–4-grams, description word 1–2-grams, brand, Mercari category path and prefixes, ' +
      `our tree's path prefixes (${cfg.dropMercariPct}% of training rows see only ours, so the app's form, which knows only our path, works), ` +
      'condition, shipping, condition×shipping, brand×condition, brand×category, brand×title-word and category×title-word crosses; ' +
      'each group L2-normalised.',
  ];
}

function priceModelLines({ cfg, hidden, onnxBytes, weights }: PriceCardInput): string[] {
  return [
    `- ${cfg.members} MLPs (${cfg.dim} → ${cfg.hidden} ReLU → 1), Adam lr ${cfg.lr}, batch ${cfg.batch}, ≤ ${cfg.epochs} epochs ` +
      `(best valid epoch kept), seeds ${cfg.seed}+1000·i; averaged into one ${hidden}-unit MLP. ${weightsLine(weights)}`,
    `- ONNX opset ${weights === 'int4' ? 21 : 13}: x[N,${cfg.dim}] → MatMul → Add → Relu → MatMul → Add → y[N,1] = log1p(USD, Kaggle convention). ${onnxBytes} bytes.`,
  ];
}

function priceMetricLines(ctx: CardContext, { price, validRmsle, holdout }: PriceCardInput): string[] {
  return [
    `- Validation RMSLE ${validRmsle.toFixed(4)}.`,
    ...(ctx.data
      ? []
      : [
          `- Hold-out RMSLE: Kaggle head ${holdout.kaggle.toFixed(4)}, skill test ${holdout.skilltest.toFixed(4)} (each in its own price convention). ` +
            'Baselines and the Ridge reference: `npm run eval:price` → tests/bench/results/price.json.',
        ]),
    `- 80% interval: log residual quantiles on validation (default, and per first two levels of our tree with ≥ 150 validation rows): ` +
      `\`${JSON.stringify(price.meta.interval)}\`.`,
  ];
}

export function priceCard(ctx: CardContext, p: PriceCardInput): string {
  const provenance =
    `- Trained ${ctx.date} with \`npm run train${ctx.data ? ` -- --data ${ctx.data}` : ''}\`, seed ${p.cfg.seed}. ` +
    'Training data licences: see the listings README (evaluation/prototyping only).';
  const sections: CardSection[] = [
    { title: 'Data', lines: dataLines(ctx) },
    { title: 'Features', lines: priceFeatureLines(p) },
    { title: 'Model', lines: priceModelLines(p) },
    { title: 'Metrics', lines: priceMetricLines(ctx, p) },
    { title: 'Provenance', lines: [provenance] },
  ];
  return modelCard('Price regressor (log1p price, sparse MLP ensemble)', sections);
}

export interface CategoryCardInput {
  cfg: CategoryTrainConfig;
  cat: CategoryTrainResult;
  onnxBytes: number;
  weights: WeightFormat;
  extraRows: number;
  descTitles: number;
  otherTitles: number;
  acc: { valid: CategoryAccuracy; kaggle: CategoryAccuracy & { top3?: number }; skill: CategoryAccuracy };
}

function categoryDataLines(ctx: CardContext, { cfg, cat, extraRows, descTitles, otherTitles }: CategoryCardInput): string[] {
  const extra = ctx.data
    ? []
    : [
        `- Plus titles with a category but no price: Kaggle head test file and the Mercari US scrape (${extraRows} rows, hold-out duplicates removed).`,
        `- Plus ${descTitles} descriptions as titles (first 25 words; every listing set but the women-only skill test) and ${otherTitles} names ` +
          'from the barcode catalogs and the photo model (models/train/extra-titles.ts): English UHTT product names by their catalog category ' +
          `(≤ ${EXTRA_CAPS.uhtt}/class), PriceCharting game titles (${EXTRA_CAPS.games}), goodbooks titles (${EXTRA_CAPS.books}), ` +
          "ImageNet class names → our tree. Weak labels by source, none by hand; the catalog sets' terms are in their README (evaluation/prototyping).",
      ];
  return [
    ...dataLines(ctx),
    ...extra,
    `- Labels: \`mapMercariCategory\` (src/core/taxonomy.ts); classes with < ${cfg.minRows} rows folded into their parent; ` +
      `at most ${cfg.maxPerClass} titles per class (seeded) → ${cat.meta.trainRows} titles, ${cat.meta.classes.length} classes.`,
  ];
}

function categoryMetricLines(ctx: CardContext, { acc }: CategoryCardInput): string[] {
  const line = (label: string, a: CategoryAccuracy) => `- ${label}: full path ${pct(a.full)}%, top level ${pct(a.top)}%`;
  return [
    `${line('Validation', acc.valid)} (${pct(acc.valid.topBrand)}%) (${acc.valid.n} rows).`,
    ...(ctx.data
      ? []
      : [
          `${line('Hold-out Kaggle head', acc.kaggle)} (${pct(acc.kaggle.topBrand)}%)` +
            `${acc.kaggle.top3 === undefined ? '' : `, top level in the top 3 ${pct(acc.kaggle.top3)}%`} (${acc.kaggle.n} rows).`,
          `${line("Hold-out skill test (women's clothing only)", acc.skill)} (${acc.skill.n} rows).`,
        ]),
  ];
}

export function categoryCard(ctx: CardContext, c: CategoryCardInput): string {
  const { cfg, onnxBytes, weights } = c;
  const classes = c.cat.meta.classes.length;
  const sections: CardSection[] = [
    { title: 'Data', lines: categoryDataLines(ctx, c) },
    {
      title: 'Features',
      lines: [
        `- \`categoryFeatures\`: hashed word 1–2-grams and char 3–4-grams of the title, plus the brand (whole and its words) when given, ` +
          `into ${cfg.dim} dims; ${cfg.brandDropPct}% of branded training rows (by hash) train without their brand.`,
      ],
    },
    {
      title: 'Model',
      lines: [
        `- MLP ${cfg.dim} → ${cfg.hidden} ReLU → ${classes} softmax, Adam lr ${cfg.lr}, batch ${cfg.batch}, ≤ ${cfg.epochs} epochs ` +
          `(best valid epoch kept), seed ${cfg.seed}. ${weightsLine(weights)} ${onnxBytes} bytes. Outputs y (logits) and probs.`,
      ],
    },
    { title: 'Metrics (top-1 from the title alone; top level with the brand too in brackets)', lines: categoryMetricLines(ctx, c) },
    { title: 'Provenance', lines: [`- Trained ${ctx.date}, seed ${cfg.seed}.`] },
  ];
  return modelCard('Title → category classifier (our tree)', sections);
}
