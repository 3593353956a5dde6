/** Loads our own price + text→category models in the listing worker (files checked against the manifest). */
import { AppError } from '../core/errors.ts';
import type { ModelEntry, ModelManifest } from '../core/model-manifest.ts';
import { ListingModels, type CategorySidecar, type PriceSidecar } from './listing-models.ts';
import type { ModelFiles } from './image-classifier.ts';

export function listingEntries(manifest: ModelManifest): { price: ModelEntry; category: ModelEntry } {
  const price = manifest.models.find((m) => m.task === 'price');
  const category = manifest.models.find((m) => m.task === 'text-category');
  if (!price || !category) throw new AppError('model-missing', 'models/manifest.json lists no price or category model.');
  return { price, category };
}

export async function loadListingModels(
  manifest: ModelManifest,
  files: (entry: ModelEntry) => ModelFiles,
  /** Left unset in the app: the listing worker already fixed ORT's env (1 thread, src/workers/listing.worker.ts). */
  numThreads?: number,
  executionProviders: string[] = ['wasm'],
): Promise<ListingModels> {
  const { price, category } = listingEntries(manifest);
  const pf = files(price);
  const cf = files(category);
  const dec = new TextDecoder();
  const [pm, pj, cm, cj] = await Promise.all([pf.read('price.onnx'), pf.read('price.json'), cf.read('category.onnx'), cf.read('category.json')]);
  return ListingModels.create(
    { price: { model: pm, meta: JSON.parse(dec.decode(pj)) as PriceSidecar }, category: { model: cm, meta: JSON.parse(dec.decode(cj)) as CategorySidecar } },
    { numThreads, executionProviders },
  );
}
