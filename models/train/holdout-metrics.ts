/** Metrics of an exported (stored-precision) price or category model on hold-out rows, and the category training rows. */
import { categoryFeatures, priceFeatures } from '../../src/core/text-features.ts';
import { categoryId } from '../../src/core/taxonomy.ts';
import { toSourceConvention, type PricedRow, type Split } from './loaders.ts';
import { rmsle } from './price-model.ts';
import { argmax, loadExtraTitled, toTitled, topLevelRanking, type TitledRow } from './category-model.ts';
import { catalogAndPhotoTitles, descriptionTitles, loadImagenetTitles } from './extra-titles.ts';
import { predict, type Mlp } from './sparse-mlp.ts';
import type { CategoryAccuracy } from './cards.ts';
import { DataFileError } from './csv.ts';

const textKey = (r: { name?: string | null; item_description?: string | null }) =>
  `${(r.name ?? '').trim().toLowerCase()}\u0001${(r.item_description ?? '').trim().toLowerCase()}`;

/** RMSLE in each row's own price convention. */
export function holdoutPriceRmsle(m: Mlp, dim: number, rows: PricedRow[]): number {
  const pred = rows.map((r) => toSourceConvention(r.source, Math.expm1(predict(m, priceFeatures(r, dim), 'regression')[0]), r.shipping));
  return rmsle(
    pred,
    rows.map((r) => r.rawPrice),
  );
}

/** Top-1 accuracy of the exported category model: full path, top level, top level given the brand too; top-3 top level. */
export function categoryAccuracy(catModel: Mlp, classes: string[][], dim: number, rows: PricedRow[]): CategoryAccuracy & { top3: number } {
  const t = toTitled(rows);
  let full = 0,
    top = 0,
    top3 = 0,
    topBrand = 0;
  for (const r of t) {
    const p = predict(catModel, categoryFeatures(r.name, dim), 'classification');
    if (categoryId(classes[argmax(p)]) === categoryId(r.path)) full++;
    const ranked = topLevelRanking(p, classes);
    if (ranked[0] === r.path[0]) top++;
    if (ranked.slice(0, 3).includes(r.path[0])) top3++;
    const pb = r.brand ? predict(catModel, categoryFeatures(r.name, dim, r.brand), 'classification') : p;
    if (topLevelRanking(pb, classes)[0] === r.path[0]) topBrand++;
  }
  const n = Math.max(1, t.length);
  return { n: t.length, full: full / n, top: top / n, topBrand: topBrand / n, top3: top3 / n };
}

export interface CategoryRows {
  /** Everything the classifier trains on. */
  train: TitledRow[];
  extraRows: number;
  descTitles: number;
  otherTitles: number;
  listingTitles: number;
}

/** Listing titles (train split + priceless extra titles, hold-out duplicates removed), descriptions as titles, catalog/ImageNet names. */
export function categoryTrainingRows(split: Split, data: string | undefined, dataDir: string): CategoryRows {
  const held = new Set([...split.holdoutKaggle, ...split.holdoutSkill].map(textKey));
  const extra = data ? [] : loadExtraTitled(dataDir).filter((r) => !held.has(textKey(r)));
  const listingTitles = [...toTitled(split.train), ...toTitled(extra)];
  if (listingTitles.length < 20)
    throw new DataFileError(`only ${listingTitles.length} rows have a category_name that maps onto our tree (need Mercari-style "Top/Sub/Leaf")`);
  // Descriptions as extra titles (not the women-only skill test's), then catalog names and the photo path's words.
  const descTitles = descriptionTitles(listingTitles.filter((r) => r.group !== 'skilltest'));
  const otherTitles = data ? loadImagenetTitles() : catalogAndPhotoTitles(dataDir);
  return {
    train: [...listingTitles, ...descTitles, ...otherTitles],
    extraRows: extra.length,
    descTitles: descTitles.length,
    otherTitles: otherTitles.length,
    listingTitles: listingTitles.length,
  };
}
