/**
 * npm run eval:litert-agreement -- [--limit 100]
 *
 * Does our photo head (models/photo, trained on the tfjs engine's float embeddings) work on the LiteRT engine's
 * embeddings (uint8 AvgPool output, dequantised)? Both engines in Node (tfjs wasm, LiteRT wasm 1 thread) on the same
 * crops of an evenly spaced sample of $DATA_DIR/photos-train (the head's training photos' folder, not the evaluation
 * set ../photos): cosine similarity of the two embeddings, ImageNet top-1 agreement, and the head's top-1 agreement
 * per output (category, department, colour) with each engine's own embedding. Writes
 * tests/bench/results/litert-agreement.json.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { classifyRgba } from '../../src/ml/classify-image.ts';
import { loadNodeEngine, loadNodePhotoHead, REPO_ROOT } from '../../src/ml/node-runtime.ts';
import { parseCli } from '../../src/cli/args.ts';
import { argmax } from '../../src/core/preprocess.ts';
import { cosine } from './stats.ts';

const { values } = parseCli({ usage: 'usage: npm run eval:litert-agreement -- [--limit N]', options: { limit: { type: 'string' } } });
const limit = Number(values.limit ?? 100);
const DATA = resolve(REPO_ROOT, process.env.DATA_DIR ?? '../shared/data', 'photos-train');
const all = (JSON.parse(readFileSync(join(DATA, 'manifest.json'), 'utf8')) as { file: string; source: string }[]).sort((a, b) => a.file.localeCompare(b.file));
const step = all.length / limit;
const sample = Array.from({ length: Math.min(limit, all.length) }, (_, i) => all[Math.floor(i * step)]);

const tfjs = await loadNodeEngine('tfjs');
const litert = await loadNodeEngine('litert');
const head = await loadNodePhotoHead('tfjs');
if (!head) throw new Error('no photo head in models/manifest.json');

const cos: number[] = [];
let imagenet = 0;
const agree = { category: 0, department: 0, colour: 0 };
const bySource: Record<string, { n: number; category: number }> = {};
for (const item of sample) {
  const img = await decodeImageFile(join(DATA, item.file));
  const a = await classifyRgba(tfjs.classifier, tfjs.entry, img);
  const b = await classifyRgba(litert.classifier, litert.entry, img);
  cos.push(cosine(a.embedding!, b.embedding!));
  if (argmax(a.probs) === argmax(b.probs)) imagenet++;
  const ha = await head.run(a.embedding!, a.colour);
  const hb = await head.run(b.embedding!, b.colour);
  const s = (bySource[item.source] ??= { n: 0, category: 0 });
  s.n++;
  for (const k of ['category', 'department', 'colour'] as const) {
    if (argmax(ha[k]) === argmax(hb[k])) {
      agree[k]++;
      if (k === 'category') s.category++;
    }
  }
}
const n = sample.length;
const sorted = [...cos].sort((x, y) => x - y);
const pct = (k: number, of = n) => Math.round((1000 * k) / of) / 10;
const result = {
  photos: n,
  from: 'photos-train (every ' + step.toFixed(1) + 'th file by name)',
  engines: { a: `tfjs ${tfjs.classifier.backend}`, b: `litert ${litert.classifier.backend}` },
  cosine: { mean: cos.reduce((s, v) => s + v, 0) / n, min: sorted[0], p5: sorted[Math.floor(0.05 * n)], median: sorted[Math.floor(n / 2)] },
  imagenetTop1AgreementPct: pct(imagenet),
  headTop1AgreementPct: { category: pct(agree.category), department: pct(agree.department), colour: pct(agree.colour) },
  headCategoryAgreementBySource: Object.fromEntries(Object.entries(bySource).map(([k, v]) => [k, { photos: v.n, pct: pct(v.category, v.n) }])),
};
console.log(JSON.stringify(result, null, 2));
mkdirSync(resolve(REPO_ROOT, 'tests/bench/results'), { recursive: true });
writeFileSync(resolve(REPO_ROOT, 'tests/bench/results/litert-agreement.json'), JSON.stringify(result, null, 2) + '\n');
tfjs.classifier.dispose();
litert.classifier.dispose();
head.dispose();
