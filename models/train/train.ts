/**
 * npm run train -- [--data <file.tsv|csv[.gz]>] [--out <dir>] [--quick]
 * Retrains the price regressor and the title → category classifier, exports both to ONNX and rewrites
 * models/{price,category}/ (ONNX, JSON sidecar, golden rows, model card) — all files renamed into
 * place only after everything was trained and written.
 */
import { resolve } from 'node:path';
import { categoryFeatures, priceFeatures } from '../../src/core/text-features.ts';
import { categoryId } from '../../src/core/taxonomy.ts';
import { buildCustomSplit, buildSplit, defaultDataDir, toSourceConvention, SKILLTEST_BUYER_SHIP_OFFSET, type PricedRow, type Split } from './loaders.ts';
import { DEFAULT_PRICE_CONFIG, rmsle, trainPriceModel } from './price-model.ts';
import { argmax, DEFAULT_CATEGORY_CONFIG, loadExtraTitled, toTitled, topLevelRanking, trainCategoryModel } from './category-model.ts';
import { catalogAndPhotoTitles, descriptionTitles, EXTRA_CAPS, loadImagenetTitles } from './extra-titles.ts';
import { predict, type Mlp } from './sparse-mlp.ts';
import { mlpToOnnx, roundToHalf } from './onnx-writer.ts';
import { modelCard, progressBar, writeAllAtomically, type PendingFile } from './artifacts.ts';
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

function holdoutPriceMetrics(m: Mlp, dim: number, rows: PricedRow[]): number {
  const pred = rows.map((r) => toSourceConvention(r.source, Math.expm1(predict(m, priceFeatures(r, dim), 'regression')[0]), r.shipping));
  return rmsle(pred, rows.map((r) => r.rawPrice));
}

function main(): void {
  const data = opts.data;
  const outDir = resolve(opts.out ?? resolve(import.meta.dirname, '..'));
  const quick = opts.quick;
  const dataDir = defaultDataDir();
  let split: Split;
  try {
    split = data ? buildCustomSplit(resolve(data)) : buildSplit(dataDir);
  } catch (e) {
    if (e instanceof DataFileError) {
      log(`train: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  for (const [set, s] of Object.entries(split.stats)) if (typeof s === 'object') log(`loaded ${set}: ${JSON.stringify(s)}`);
  log(`rows: train ${split.train.length}, valid ${split.valid.length}, hold-out kaggle ${split.holdoutKaggle.length}, skill-test ${split.holdoutSkill.length}; dropped ${split.stats.droppedDuplicates} training rows duplicating a hold-out row`);

  const pcfg = { ...DEFAULT_PRICE_CONFIG, dim: 1 << 16, hidden: 8, members: 4, epochs: 2, ...(quick ? { members: 1, epochs: 1 } : {}) };
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
  const ccfg = { ...DEFAULT_CATEGORY_CONFIG, epochs: quick ? 2 : 6 };
  // Class prior the deployed model assumes: the broad marketplace (Kaggle head + extra titles), or the operator's own rows.
  const priorRows = data ? listingTitles : [...toTitled(split.train.filter((r) => r.source === 'kaggle')), ...toTitled(extra)];
  const cat = trainCategoryModel(titledTrain, toTitled(split.valid), ccfg, log, progressBar('category'), priorRows);
  const catModel = halve(cat.model);
  const classes = cat.meta.classes;

  // Metrics of the exported (float16-rounded) weights.
  const validRmsle = rmsle(
    split.valid.map((r) => Math.expm1(predict(priceModel, priceFeatures(r, pcfg.dim), 'regression')[0])),
    split.valid.map((r) => r.price),
  );
  const hk = split.holdoutKaggle.length ? holdoutPriceMetrics(priceModel, pcfg.dim, split.holdoutKaggle) : NaN;
  const hs = split.holdoutSkill.length ? holdoutPriceMetrics(priceModel, pcfg.dim, split.holdoutSkill) : NaN;
  const catAcc = (rows: PricedRow[]) => {
    const t = toTitled(rows);
    let full = 0, top = 0, topBrand = 0;
    for (const r of t) {
      const p = predict(catModel, categoryFeatures(r.name, ccfg.dim), 'classification');
      if (categoryId(classes[argmax(p)]) === categoryId(r.path)) full++;
      if (topLevelRanking(p, classes)[0] === r.path[0]) top++;
      const pb = r.brand ? predict(catModel, categoryFeatures(r.name, ccfg.dim, r.brand), 'classification') : p;
      if (topLevelRanking(pb, classes)[0] === r.path[0]) topBrand++;
    }
    const n = Math.max(1, t.length);
    return { n: t.length, full: full / n, top: top / n, topBrand: topBrand / n };
  };
  const ck = catAcc(split.holdoutKaggle), cs = catAcc(split.holdoutSkill), cv = catAcc(split.valid);
  log(`price: valid RMSLE ${validRmsle.toFixed(4)}; hold-out RMSLE kaggle ${hk.toFixed(4)}, skill-test ${hs.toFixed(4)}`);
  log(`category top-1 full/top-level (top level with brand): valid ${(cv.full * 100).toFixed(1)}/${(cv.top * 100).toFixed(1)}% (${(cv.topBrand * 100).toFixed(1)}%), hold-out kaggle ${(ck.full * 100).toFixed(1)}/${(ck.top * 100).toFixed(1)}% (${(ck.topBrand * 100).toFixed(1)}%), skill-test ${(cs.full * 100).toFixed(1)}/${(cs.top * 100).toFixed(1)}%`);

  // Golden rows: the trainer's own predictions, checked against onnxruntime-web by tests/models.
  const goldenRows = [...(split.holdoutKaggle.length ? split.holdoutKaggle.slice(0, 12) : split.valid.slice(0, 12)), ...split.holdoutSkill.slice(0, 8)];
  const golden = goldenRows.map((r, i) => ({
    row: { name: r.name, brand_name: r.brand_name, category_name: r.category_name, category_path: r.category_path, item_condition_id: r.item_condition_id, shipping: r.shipping, item_description: r.item_description },
    log1pPrice: predict(priceModel, priceFeatures(r, pcfg.dim), 'regression')[0],
    // Every other golden title carries its brand, so the brand features are checked too.
    categoryBrand: i % 2 ? r.brand_name || null : null,
    categoryProbs: Array.from(predict(catModel, categoryFeatures(r.name, ccfg.dim, i % 2 ? r.brand_name : null), 'classification')),
  }));

  const priceBytes = mlpToOnnx(priceModel, { name: 'price', half: true });
  const catBytes = mlpToOnnx(catModel, { name: 'category', softmax: true, half: true });
  const date = new Date().toISOString().slice(0, 10);
  const dataLine = data
    ? [`- Operator file \`${data}\`: ${JSON.stringify(split.stats.custom)}; 10% of rows (by seller/row hash) kept aside for validation.`]
    : [
        `- Mercari Kaggle head (${JSON.stringify(split.stats.kaggle)}) and skill test (${JSON.stringify(split.stats.skilltest)}), from ${dataDir}/listings.`,
        `- Hold-out (never trained or tuned on): Kaggle \`train_id % 5 == 0\` (${split.holdoutKaggle.length} rows), skill test \`seller_id % 10 == 0\` (${split.holdoutSkill.length} rows); ${split.stats.droppedDuplicates} training rows with a hold-out row's name + description dropped.`,
        `- Skill-test prices put into the Kaggle convention by adding $${SKILLTEST_BUYER_SHIP_OFFSET.toFixed(2)} when the buyer pays shipping (listings README); reported back in each set's own convention.`,
        `- Validation (early stopping, interval calibration): 10% of training rows by seller hash; ${split.train.length} train / ${split.valid.length} valid rows.`,
      ];
  const priceCard = modelCard('Price regressor (log1p price, sparse MLP ensemble)', [
    { title: 'Data', lines: dataLine },
    { title: 'Features', lines: [`- \`priceFeatures\` (src/core/text-features.ts, feature version ${price.meta.featureVersion}): FNV-1a hashed into ${pcfg.dim} dims: title word 1–2-grams and char 3–4-grams, description word 1–2-grams, brand, Mercari category path and prefixes, our tree's path prefixes (${pcfg.dropMercariPct}% of training rows see only ours, so the app's form, which knows only our path, works), condition, shipping, condition×shipping, brand×condition, brand×category, brand×title-word and category×title-word crosses; each group L2-normalised.`] },
    { title: 'Model', lines: [`- ${pcfg.members} MLPs (${pcfg.dim} → ${pcfg.hidden} ReLU → 1), Adam lr ${pcfg.lr}, batch ${pcfg.batch}, ≤ ${pcfg.epochs} epochs (best valid epoch kept), seeds ${pcfg.seed}+1000·i; averaged into one ${priceModel.hidden}-unit MLP. First layer stored as float16 (Cast in the graph).`, `- ONNX opset 13: x[N,${pcfg.dim}] → MatMul → Add → Relu → MatMul → Add → y[N,1] = log1p(USD, Kaggle convention). ${priceBytes.length} bytes.`] },
    { title: 'Metrics', lines: [`- Validation RMSLE ${validRmsle.toFixed(4)}.`, ...(data ? [] : [`- Hold-out RMSLE: Kaggle head ${hk.toFixed(4)}, skill test ${hs.toFixed(4)} (each in its own price convention). Baselines and the Ridge reference: \`npm run eval:price\` → tests/bench/results/price.json.`]), `- 80% interval: log residual quantiles on validation (default, and per first two levels of our tree with ≥ 150 validation rows): \`${JSON.stringify(price.meta.interval)}\`.`] },
    { title: 'Provenance', lines: [`- Trained ${date} with \`npm run train${data ? ` -- --data ${data}` : ''}\`, seed ${pcfg.seed}. Training data licences: see the listings README (evaluation/prototyping only).`] },
  ]);
  const catCard = modelCard('Title → category classifier (our tree)', [
    { title: 'Data', lines: [...dataLine, ...(data ? [] : [`- Plus titles with a category but no price: Kaggle head test file and the Mercari US scrape (${extra.length} rows, hold-out duplicates removed).`, `- Plus ${descTitles.length} descriptions as titles (first 25 words; every listing set but the women-only skill test) and ${otherTitles.length} names from the barcode catalogs and the photo model (models/train/extra-titles.ts): English UHTT product names by their catalog category (≤ ${EXTRA_CAPS.uhtt}/class), PriceCharting game titles (${EXTRA_CAPS.games}), goodbooks titles (${EXTRA_CAPS.books}), ImageNet class names → our tree. Weak labels by source, none by hand; the catalog sets' terms are in their README (evaluation/prototyping).`]), `- Labels: \`mapMercariCategory\` (src/core/taxonomy.ts); classes with < ${ccfg.minRows} rows folded into their parent; at most ${ccfg.maxPerClass} titles per class (seeded) → ${cat.meta.trainRows} titles, ${classes.length} classes.`] },
    ...(!ccfg.logitAdjust ? [] : [{ title: 'Prior', lines: [`- Output bias logit-adjusted from the capped training class mix to the class mix of ${data ? 'all training rows' : 'the Kaggle head + extra titles (the broad marketplace, not the women-only skill test)'}.`] }]),
    { title: 'Features', lines: [`- \`categoryFeatures\`: hashed word 1–2-grams and char 3–4-grams of the title, plus the brand (whole and its words) when given, into ${ccfg.dim} dims; ${ccfg.brandDropPct}% of branded training rows (by hash) train without their brand.`] },
    { title: 'Model', lines: [`- MLP ${ccfg.dim} → ${ccfg.hidden} ReLU → ${classes.length} softmax, Adam lr ${ccfg.lr}, batch ${ccfg.batch}, ≤ ${ccfg.epochs} epochs (best valid epoch kept), seed ${ccfg.seed}; first layer float16. ${catBytes.length} bytes. Outputs y (logits) and probs.`] },
    { title: 'Metrics (top-1 from the title alone; top level with the brand too in brackets)', lines: [`- Validation: full path ${(cv.full * 100).toFixed(1)}%, top level ${(cv.top * 100).toFixed(1)}% (${(cv.topBrand * 100).toFixed(1)}%) (${cv.n} rows).`, ...(data ? [] : [`- Hold-out Kaggle head: full path ${(ck.full * 100).toFixed(1)}%, top level ${(ck.top * 100).toFixed(1)}% (${(ck.topBrand * 100).toFixed(1)}%) (${ck.n} rows).`, `- Hold-out skill test (women's clothing only): full path ${(cs.full * 100).toFixed(1)}%, top level ${(cs.top * 100).toFixed(1)}% (${cs.n} rows).`])] },
    { title: 'Provenance', lines: [`- Trained ${date}, seed ${ccfg.seed}.`] },
  ]);
  const files: PendingFile[] = [
    { path: resolve(outDir, 'price/price.onnx'), data: priceBytes },
    { path: resolve(outDir, 'price/price.json'), data: JSON.stringify({ ...price.meta, hidden: priceModel.hidden, metrics: { validRmsle, holdoutRmsle: { kaggle: hk, skilltest: hs } } }, null, 1) + '\n' },
    { path: resolve(outDir, 'price/golden.json'), data: JSON.stringify(golden.map(({ row, log1pPrice }) => ({ row, log1pPrice }))) + '\n' },
    { path: resolve(outDir, 'price/CARD.md'), data: priceCard },
    { path: resolve(outDir, 'category/category.onnx'), data: catBytes },
    { path: resolve(outDir, 'category/category.json'), data: JSON.stringify(cat.meta, null, 1) + '\n' },
    { path: resolve(outDir, 'category/golden.json'), data: JSON.stringify(golden.map(({ row, categoryBrand, categoryProbs }) => ({ text: row.name, brand: categoryBrand, probs: categoryProbs }))) + '\n' },
    { path: resolve(outDir, 'category/CARD.md'), data: catCard },
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
