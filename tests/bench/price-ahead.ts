/**
 * npx tsx tests/bench/price-ahead.ts [--every 4] — how often the early price of src/state/pricing.svelte.ts is the one
 * shown: on every n-th photo of ../shared/data/photos (LiteRT + photo head in Node, as the app fuses them), the
 * category the listing has before the text model ranks the photo's labels, against the one it has after
 * (fuseCategories, text weight 0.3 as without a typed title). Kept = the price asked for beside the ranking is used;
 * moved = a second price request. Writes tests/bench/results/price-ahead.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { loadListingModels } from '../../src/cli/price.ts';
import { parseCli } from '../../src/cli/args.ts';
import { fuseCategories } from '../../src/core/category-fusion.ts';
import { suggestWithHead } from '../../src/core/photo-head.ts';
import { classifyRgba } from '../../src/ml/classify-image.ts';
import { loadNodeEngine, loadNodePhotoHead, REPO_ROOT } from '../../src/ml/node-runtime.ts';

const { values: o } = parseCli({
  usage: 'usage: npx tsx tests/bench/price-ahead.ts [--every 4]',
  options: { every: { type: 'string', default: '4' } },
});
const DATA = path.resolve(REPO_ROOT, process.env.DATA_DIR ?? '../shared/data', 'photos');
const every = Math.max(1, Number(o.every));
const photos = (JSON.parse(fs.readFileSync(path.join(DATA, 'manifest.json'), 'utf8')) as { file: string; source: string }[]).filter((_, i) => i % every === 0);
const engine = await loadNodeEngine('litert');
const head = await loadNodePhotoHead('litert');
if (!head) throw new Error('no photo head in the manifest');
const models = await loadListingModels(path.join(REPO_ROOT, 'models'));
const bySource: Record<string, { photos: number; kept: number }> = {};
let notProduct = 0;
for (const f of photos) {
  const { probs, embedding, colour } = await classifyRgba(engine.classifier, engine.entry, await decodeImageFile(path.join(DATA, f.file)));
  const s = suggestWithHead(probs, await head.run(embedding!, colour), head.labels);
  if (!s.product) {
    notProduct++; // no category to price in before the text model: nothing is asked early
    continue;
  }
  const photo = [s.category, ...s.alternatives];
  const ranked = await models.predictCategory(s.labels.map((l) => l.label).join(' '), 3, null);
  const before = fuseCategories(photo, null, 0.3)[0]?.path.join(' > ');
  const after = fuseCategories(photo, [ranked, ...ranked.alternatives], 0.3)[0]?.path.join(' > ');
  const b = (bySource[f.source] ??= { photos: 0, kept: 0 });
  b.photos++;
  if (before === after) b.kept++;
}
const all = Object.values(bySource).reduce((a, b) => ({ photos: a.photos + b.photos, kept: a.kept + b.kept }), { photos: 0, kept: 0 });
const result = { date: new Date().toISOString(), every, notProduct, ...all, keptShare: Math.round((all.kept / all.photos) * 1000) / 1000, bySource };
fs.mkdirSync(path.join(REPO_ROOT, 'tests/bench/results'), { recursive: true });
fs.writeFileSync(path.join(REPO_ROOT, 'tests/bench/results/price-ahead.json'), JSON.stringify(result, null, 2));
console.log(JSON.stringify(result, null, 2));
process.exit(0);
