/**
 * npm run train -- [--data <file.tsv|csv[.gz]>] [--out <dir>] [--quick]
 * Retrains the price regressor and the title → category classifier, exports both to ONNX and rewrites
 * models/{price,category}/ (ONNX, JSON sidecar, golden rows, model card) — all files renamed into
 * place only after everything was trained and written.
 */
import { resolve } from 'node:path';
import { categoryFeatures, priceFeatures } from '../../src/core/text-features.ts';
import { categoryId } from '../../src/core/taxonomy.ts';
import { buildCustomSplit, buildSplit, defaultDataDir, toSourceConvention, type PricedRow, type Split } from './loaders.ts';
import { QUICK_PRICE_CONFIG, rmsle, SHIPPED_PRICE_CONFIG, trainPriceModel } from './price-model.ts';
import { argmax, loadExtraTitled, QUICK_CATEGORY_CONFIG, SHIPPED_CATEGORY_CONFIG, toTitled, topLevelRanking, trainCategoryModel } from './category-model.ts';
import { catalogAndPhotoTitles, descriptionTitles, loadImagenetTitles } from './extra-titles.ts';
import { predict, type Mlp } from './sparse-mlp.ts';
import { mlpToOnnx, roundToHalf } from './onnx-writer.ts';
import { progressBar, writeAllAtomically, type PendingFile } from './artifacts.ts';
import { categoryCard, priceCard, type CardContext, type CategoryAccuracy } from './cards.ts';
import { DataFileError } from './csv.ts';
import { syncRepoModels } from '../sync-manifest.ts';
import { parseCli } from '../../src/cli/args.ts';

const { values: opts } = parseCli({
  usage: 'usage: npm run train -- [--data <file.tsv|csv[.gz]>] [--out <dir>] [--quick]',
  options: { data: { type: 'string' }, out: { type: 'string' }, quick: { type: 'boolean', default: false } },
});

const log = (m: string) => process.stderr.write(`${m}\n`);
const halve = (m: Mlp): Mlp => ({ ...m, w1: roundToHalf(m.w1), ...(m.wl ? { wl: roundToHalf(m.wl) } : {}) });
const textKey = (r: { name?: string | null; item_description?: string | null }) =>
  `${(r.name ?? '').trim().toLowerCase()}\u0001${(r.item_description ?? '').trim().toLowerCase()}`;
const pct = (x: number) => (x * 100).toFixed(1);

function holdoutPriceMetrics(m: Mlp, dim: number, rows: PricedRow[]): number {
  const pred = rows.map((r) => toSourceConvention(r.source, Math.expm1(predict(m, priceFeatures(r, dim), 'regression')[0]), r.shipping));
  return rmsle(
    pred,
    rows.map((r) => r.rawPrice),
  );
}

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

/** Top-1 accuracy of the exported category model: full path, top level, top level given the brand too. */
function categoryAccuracy(catModel: Mlp, classes: string[][], dim: number, rows: PricedRow[]): CategoryAccuracy {
  const t = toTitled(rows);
  let full = 0,
    top = 0,
    topBrand = 0;
  for (const r of t) {
    const p = predict(catModel, categoryFeatures(r.name, dim), 'classification');
    if (categoryId(classes[argmax(p)]) === categoryId(r.path)) full++;
    if (topLevelRanking(p, classes)[0] === r.path[0]) top++;
    const pb = r.brand ? predict(catModel, categoryFeatures(r.name, dim, r.brand), 'classification') : p;
    if (topLevelRanking(pb, classes)[0] === r.path[0]) topBrand++;
  }
  const n = Math.max(1, t.length);
  return { n: t.length, full: full / n, top: top / n, topBrand: topBrand / n };
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
  const priceModel = halve(price.model);

  const held = new Set([...split.holdoutKaggle, ...split.holdoutSkill].map(textKey));
  const extra = data ? [] : loadExtraTitled(dataDir).filter((r) => !held.has(textKey(r)));
  const listingTitles = [...toTitled(split.train), ...toTitled(extra)];
  if (listingTitles.length < 20)
    throw new DataFileError(`only ${listingTitles.length} rows have a category_name that maps onto our tree (need Mercari-style "Top/Sub/Leaf")`);
  // Descriptions as extra titles (not the women-only skill test's), then catalog names and the photo path's words.
  const descTitles = descriptionTitles(listingTitles.filter((r) => r.group !== 'skilltest'));
  const otherTitles = data ? loadImagenetTitles() : catalogAndPhotoTitles(dataDir);
  const titledTrain = [...listingTitles, ...descTitles, ...otherTitles];
  log(`category rows: ${listingTitles.length} listing titles, ${descTitles.length} descriptions, ${otherTitles.length} catalog/ImageNet names`);
  const ccfg = opts.quick ? QUICK_CATEGORY_CONFIG : SHIPPED_CATEGORY_CONFIG;
  const cat = trainCategoryModel(titledTrain, toTitled(split.valid), ccfg, log, progressBar('category'));
  const catModel = halve(cat.model);
  const classes = cat.meta.classes;

  // Metrics of the exported (float16-rounded) weights.
  const validRmsle = rmsle(
    split.valid.map((r) => Math.expm1(predict(priceModel, priceFeatures(r, pcfg.dim), 'regression')[0])),
    split.valid.map((r) => r.price),
  );
  const hk = split.holdoutKaggle.length ? holdoutPriceMetrics(priceModel, pcfg.dim, split.holdoutKaggle) : NaN;
  const hs = split.holdoutSkill.length ? holdoutPriceMetrics(priceModel, pcfg.dim, split.holdoutSkill) : NaN;
  const catAcc = (rows: PricedRow[]) => categoryAccuracy(catModel, classes, ccfg.dim, rows);
  const ck = catAcc(split.holdoutKaggle),
    cs = catAcc(split.holdoutSkill),
    cv = catAcc(split.valid);
  log(`price: valid RMSLE ${validRmsle.toFixed(4)}; hold-out RMSLE kaggle ${hk.toFixed(4)}, skill-test ${hs.toFixed(4)}`);
  log(
    `category top-1 full/top-level (top level with brand): valid ${pct(cv.full)}/${pct(cv.top)}% (${pct(cv.topBrand)}%), ` +
      `hold-out kaggle ${pct(ck.full)}/${pct(ck.top)}% (${pct(ck.topBrand)}%), skill-test ${pct(cs.full)}/${pct(cs.top)}%`,
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

  const priceBytes = mlpToOnnx(priceModel, { name: 'price', half: true });
  const catBytes = mlpToOnnx(catModel, { name: 'category', softmax: true, half: true });
  const ctx: CardContext = { data, dataDir, split, date: new Date().toISOString().slice(0, 10) };
  const priceMd = priceCard(ctx, {
    cfg: pcfg,
    price,
    hidden: priceModel.hidden,
    onnxBytes: priceBytes.length,
    validRmsle,
    holdout: { kaggle: hk, skilltest: hs },
  });
  const catMd = categoryCard(ctx, {
    cfg: ccfg,
    cat,
    onnxBytes: catBytes.length,
    extraRows: extra.length,
    descTitles: descTitles.length,
    otherTitles: otherTitles.length,
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
  if (resolve(outDir) === resolve(import.meta.dirname, '..')) log(syncRepoModels() ? 'models/manifest.json updated' : 'models/manifest.json unchanged');
}

try {
  main();
} catch (e) {
  log(`train: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
