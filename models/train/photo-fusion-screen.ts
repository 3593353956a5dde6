/**
 * Screens the fusion of the photo head with the ImageNet mapping on the validation fold (never the evaluation set):
 * how often the fused suggestion names the right top level and the right kind of item, per source, for each Fashion
 * override setting (src/core/photo-head.ts TopOverride). Inputs: the rows and folds of photo-screen.ts and the fold
 * head's calibrated validation outputs from the numpy screen; the ImageNet probabilities come from the embedding cache.
 *
 *   npx tsx models/train/photo-screen.ts --dump /tmp/rows.json
 *   python3 models/train/photo-screen-numpy.py /tmp/rows.json '{"name":"v","colour":"v2b","l2":1e-2,"aug":["flip"],"reps":1,"dumpVal":"/tmp/val.json"}'
 *   npx tsx models/train/photo-fusion-screen.ts /tmp/rows.json /tmp/val.json
 */
import fs from 'node:fs';
import path from 'node:path';
import { suggestWithHead, type HeadLabels, type TopOverride } from '../../src/core/photo-head.ts';
import { HEAD_CLASSES, DEPARTMENTS, topLevelOf } from '../../src/core/photo-head-classes.ts';
import { COLOURS } from '../../src/core/colour-names.ts';
import { REPO_ROOT } from '../../src/ml/node-runtime.ts';
import { parseCli, usageError } from '../../src/cli/args.ts';

interface Row {
  hash: string;
  fold: number;
  source: string;
  cls: number[];
}

const usage = 'usage: npx tsx models/train/photo-fusion-screen.ts <rows.json> <val.json>';
const { positionals } = parseCli({ usage, options: {}, positionals: true });
if (positionals.length !== 2) usageError(usage, 'two files expected');
const rows = JSON.parse(fs.readFileSync(positionals[0], 'utf8')) as Row[];
const val = JSON.parse(fs.readFileSync(positionals[1], 'utf8')) as Record<string, number[][]>;
const cacheDir = path.join(process.env.PHOTO_CACHE_DIR ?? path.join(REPO_ROOT, '.cache/photo-embeddings'), process.env.PHOTO_KEY ?? 'tfjs-115ec0edd7e9');
const labels: HeadLabels = { category: HEAD_CLASSES.map((c) => c.id), department: DEPARTMENTS, colour: COLOURS };

const items = rows
  .filter((r) => val[r.hash] && r.cls.length)
  .map((r) => {
    const buf = fs.readFileSync(path.join(cacheDir, `${r.hash}.f32`));
    const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    const [category, department, colour] = val[r.hash].map((v) => Float32Array.from(v));
    return { r, probs: all.slice(1280, 2280), head: { category, department, colour }, tops: new Set(r.cls.map((k) => topLevelOf(HEAD_CLASSES[k]))) };
  });

const settings: [string, TopOverride | null][] = [['off (ImageNet top level always)', null]];
for (const m of [0.8, 0.9, 0.95, 0.98])
  for (const s of [0, 0.05, 0.1, 0.2, 0.3]) settings.push([`head ≥ ${m}, ImageNet Fashion ≥ ${s}`, { minHeadMass: m, minImagenetShare: s }]);

const sources = ['clothing-dataset', 'myntra', 'flipkart'];
const pct = (n: number, of: number) => ((100 * n) / of).toFixed(1);
console.log(`| setting | ${sources.map((s) => `${s}: top / kind`).join(' | ')} | non-Fashion Flipkart top |`);
console.log(`|---|${sources.map(() => '---|').join('')}---|`);
for (const [name, o] of settings) {
  // each photo fused once per setting: is its top level right, and its kind?
  const judged = items.map((x) => {
    const s = suggestWithHead(x.probs, x.head, labels, { fashionOverride: o });
    const top = s.product && x.tops.has(s.category.path[0]);
    return { x, top, kind: top && s.kind !== null && x.r.cls.some((k) => HEAD_CLASSES[k].id === s.kind) };
  });
  const cells = sources.map((src) => {
    const sel = judged.filter((j) => j.x.r.source === src);
    return `${pct(sel.filter((j) => j.top).length, sel.length)} / ${pct(sel.filter((j) => j.kind).length, sel.length)} (n=${sel.length})`;
  });
  const nf = judged.filter((j) => j.x.r.source === 'flipkart' && !j.x.tops.has('Fashion'));
  console.log(`| ${name} | ${cells.join(' | ')} | ${pct(nf.filter((j) => j.top).length, nf.length)} (n=${nf.length}) |`);
}
