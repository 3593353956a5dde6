/**
 * npm run train -- [--data <file.tsv|csv[.gz]>] [--out <dir>] [--quick]
 * Retrains the price regressor and the title → category classifier, exports both to ONNX and rewrites
 * models/{price,category}/ (ONNX, JSON sidecar, golden rows, model card) — all files renamed into
 * place only after everything was trained and written.
 */
import { resolve } from 'node:path';
import { categoryFeatures, priceFeatures } from '../../src/core/text-features.ts';
import { buildCustomSplit, buildSplit, defaultDataDir, type PricedRow, type Split } from './loaders.ts';
import { QUICK_PRICE_CONFIG, rmsle, SHIPPED_PRICE_CONFIG, trainPriceModel } from './price-model.ts';
import { QUICK_CATEGORY_CONFIG, SHIPPED_CATEGORY_CONFIG, toTitled, trainCategoryModel } from './category-model.ts';
import { predict, type Mlp } from './sparse-mlp.ts';
import { mlpToOnnx, storedValues, type WeightFormat } from './onnx-writer.ts';
import { progressBar, writeAllAtomically, type PendingFile } from './artifacts.ts';
import { categoryCard, priceCard, type CardContext } from './cards.ts';
import { categoryAccuracy, categoryTrainingRows, holdoutPriceRmsle } from './holdout-metrics.ts';
import { DataFileError } from './csv.ts';
import { syncRepoModels } from '../sync-manifest.ts';
import { parseCli } from '../../src/cli/args.ts';

const { values: opts } = parseCli({
  usage: 'usage: npm run train -- [--data <file.tsv|csv[.gz]>] [--out <dir>] [--quick]',
  options: { data: { type: 'string' }, out: { type: 'string' }, quick: { type: 'boolean', default: false } },
});

const log = (m: string) => process.stderr.write(`${m}\n`);
/**
 * How the first layer (and a wide term) is stored: int8 per hashed feature halved both files against float16 with the
 * same hold-out metrics; int4 (±7 per hashed feature, opset 21) halves them again for +0.0003 / +0.0004 price RMSLE and
 * ±0.4 points of category accuracy (issue 13; `npx tsx models/train/size-sweep.ts --price-dims 65536 --category-dims 32768 --formats int8,int4` →
 * tests/bench/results/listing-size-sweep.json).
 */
const WEIGHTS: WeightFormat = 'int4';
/** The model as the exported file holds it (golden rows and every metric below are of these values). */
const asStored = (m: Mlp): Mlp => ({
  ...m,
  w1: storedValues(m.w1, m.dim, m.hidden, WEIGHTS),
  ...(m.wl ? { wl: storedValues(m.wl, m.dim, m.outputs, WEIGHTS) } : {}),
});
const pct = (x: number) => (x * 100).toFixed(1);

function loadSplit(data: string | undefined, dataDir: string): Split {
  try {
    return data ? buildCustomSplit(resolve(data)) : buildSplit(dataDir);
  } catch (e) {
    if (e instanceof DataFileError) {
      log(`train: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
}

function main(): void {
  const data = opts.data;
  const outDir = resolve(opts.out ?? resolve(import.meta.dirname, '..'));
  const dataDir = defaultDataDir();
  const split = loadSplit(data, dataDir);
  for (const [set, s] of Object.entries(split.stats)) if (typeof s === 'object') log(`loaded ${set}: ${JSON.stringify(s)}`);
  log(
    `rows: train ${split.train.length}, valid ${split.valid.length}, hold-out kaggle ${split.holdoutKaggle.length}, ` +
      `skill-test ${split.holdoutSkill.length}; dropped ${split.stats.droppedDuplicates} training rows duplicating a hold-out row`,
  );

  const pcfg = opts.quick ? QUICK_PRICE_CONFIG : SHIPPED_PRICE_CONFIG;
  const price = trainPriceModel(split.train, split.valid, pcfg, log, progressBar('price'));
  const priceModel = asStored(price.model);

  const rows = categoryTrainingRows(split, data, dataDir);
  log(`category rows: ${rows.listingTitles} listing titles, ${rows.descTitles} descriptions, ${rows.otherTitles} catalog/ImageNet names`);
  const ccfg = opts.quick ? QUICK_CATEGORY_CONFIG : SHIPPED_CATEGORY_CONFIG;
  const cat = trainCategoryModel(rows.train, toTitled(split.valid), ccfg, log, progressBar('category'));
  const catModel = asStored(cat.model);
  const classes = cat.meta.classes;

  // Metrics of the exported (stored-precision) weights.
  const validRmsle = rmsle(
    split.valid.map((r) => Math.expm1(predict(priceModel, priceFeatures(r, pcfg.dim), 'regression')[0])),
    split.valid.map((r) => r.price),
  );
  const hk = split.holdoutKaggle.length ? holdoutPriceRmsle(priceModel, pcfg.dim, split.holdoutKaggle) : NaN;
  const hs = split.holdoutSkill.length ? holdoutPriceRmsle(priceModel, pcfg.dim, split.holdoutSkill) : NaN;
  const catAcc = (set: PricedRow[]) => categoryAccuracy(catModel, classes, ccfg.dim, set);
  const ck = catAcc(split.holdoutKaggle),
    cs = catAcc(split.holdoutSkill),
    cv = catAcc(split.valid);
  log(`price: valid RMSLE ${validRmsle.toFixed(4)}; hold-out RMSLE kaggle ${hk.toFixed(4)}, skill-test ${hs.toFixed(4)}`);
  log(
    `category top-1 full/top-level (top level with brand): valid ${pct(cv.full)}/${pct(cv.top)}% (${pct(cv.topBrand)}%), ` +
      `hold-out kaggle ${pct(ck.full)}/${pct(ck.top)}% (${pct(ck.topBrand)}%; top-3 top level ${pct(ck.top3)}%), skill-test ${pct(cs.full)}/${pct(cs.top)}%`,
  );

  // Golden rows: the trainer's own predictions, checked against onnxruntime-web by tests/models.
  const kaggleOrValid = split.holdoutKaggle.length ? split.holdoutKaggle : split.valid;
  const goldenRows = [...kaggleOrValid.slice(0, 12), ...split.holdoutSkill.slice(0, 8)];
  const golden = goldenRows.map((r, i) => ({
    row: {
      name: r.name,
      brand_name: r.brand_name,
      category_name: r.category_name,
      category_path: r.category_path,
      item_condition_id: r.item_condition_id,
      shipping: r.shipping,
      item_description: r.item_description,
    },
    log1pPrice: predict(priceModel, priceFeatures(r, pcfg.dim), 'regression')[0],
    // Every other golden title carries its brand, so the brand features are checked too.
    categoryBrand: i % 2 ? r.brand_name || null : null,
    categoryProbs: Array.from(predict(catModel, categoryFeatures(r.name, ccfg.dim, i % 2 ? r.brand_name : null), 'classification')),
  }));

  // From the trained float weights: the writer stores them as WEIGHTS itself (int8 of the int8 values would re-scale).
  const priceBytes = mlpToOnnx(price.model, { name: 'price', weights: WEIGHTS });
  const catBytes = mlpToOnnx(cat.model, { name: 'category', softmax: true, weights: WEIGHTS });
  const ctx: CardContext = { data, dataDir, split, date: new Date().toISOString().slice(0, 10) };
  const priceMd = priceCard(ctx, {
    cfg: pcfg,
    price,
    hidden: priceModel.hidden,
    onnxBytes: priceBytes.length,
    weights: WEIGHTS,
    validRmsle,
    holdout: { kaggle: hk, skilltest: hs },
  });
  const catMd = categoryCard(ctx, {
    cfg: ccfg,
    cat,
    onnxBytes: catBytes.length,
    weights: WEIGHTS,
    extraRows: rows.extraRows,
    descTitles: rows.descTitles,
    otherTitles: rows.otherTitles,
    acc: { valid: cv, kaggle: ck, skill: cs },
  });
  const priceJson = { ...price.meta, hidden: priceModel.hidden, metrics: { validRmsle, holdoutRmsle: { kaggle: hk, skilltest: hs } } };
  const files: PendingFile[] = [
    { path: resolve(outDir, 'price/price.onnx'), data: priceBytes },
    { path: resolve(outDir, 'price/price.json'), data: JSON.stringify(priceJson, null, 1) + '\n' },
    { path: resolve(outDir, 'price/golden.json'), data: JSON.stringify(golden.map(({ row, log1pPrice }) => ({ row, log1pPrice }))) + '\n' },
    { path: resolve(outDir, 'price/CARD.md'), data: priceMd },
    { path: resolve(outDir, 'category/category.onnx'), data: catBytes },
    { path: resolve(outDir, 'category/category.json'), data: JSON.stringify(cat.meta, null, 1) + '\n' },
    {
      path: resolve(outDir, 'category/golden.json'),
      data: JSON.stringify(golden.map(({ row, categoryBrand, categoryProbs }) => ({ text: row.name, brand: categoryBrand, probs: categoryProbs }))) + '\n',
    },
    { path: resolve(outDir, 'category/CARD.md'), data: catMd },
  ];
  writeAllAtomically(files);
  log(`wrote ${files.map((f) => f.path).join(', ')}`);
  // The app verifies every model file against models/manifest.json: record the new hashes (and a new version,
  // so installed PWAs cache the new files). Only for the repo's own models folder.
  // Only these two entries: the photo head (also "repo") is someone else's to sync.
  if (resolve(outDir) === resolve(import.meta.dirname, '..'))
    log(
      syncRepoModels(undefined, ['price', 'category'])
        ? 'models/manifest.json updated; `npm run models` installs the new files into public/models'
        : 'models/manifest.json unchanged',
    );
}

try {
  main();
} catch (e) {
  log(`train: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
