/**
 * npx tsx tests/bench/photo-head-speed.ts [--photos 60] [--runs 5]
 * Node, ORT wasm 1 thread: our photo head's time per photo (after warm-up) and the colour statistics' time on the
 * same 224×224 crops (src/core/colour-features.ts), on the first photos of ../shared/data/photos, and the fusion with
 * the ImageNet mapping (suggestWithHead, with and without the Fashion override) on those head outputs. Run it alone
 * (flock -x /tmp/cpu.lock). Writes tests/bench/results/photo-head-speed.json. The in-browser head time is
 * bench:vision's `head` column (the worker's ms.head).
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { cropResizeRgb, softmax } from '../../src/core/preprocess.ts';
import { colourFeatures, COLOUR_FEATURES } from '../../src/core/colour-features.ts';
import { loadNodePhotoHead, REPO_ROOT } from '../../src/ml/node-runtime.ts';
import { parseCli } from '../../src/cli/args.ts';
import { suggestWithHead, type HeadOutputs } from '../../src/core/photo-head.ts';

const { values: o } = parseCli({
  usage: 'usage: npx tsx tests/bench/photo-head-speed.ts [--photos 60] [--runs 5]',
  options: { photos: { type: 'string', default: '60' }, runs: { type: 'string', default: '5' } },
});
const DATA = path.resolve(REPO_ROOT, process.env.DATA_DIR ?? '../shared/data', 'photos');
const files = (JSON.parse(fs.readFileSync(path.join(DATA, 'manifest.json'), 'utf8')) as { file: string }[]).slice(0, Number(o.photos));
const head = await loadNodePhotoHead('tfjs');
if (!head) throw new Error('no photo head in the manifest');
const crops = await Promise.all(files.map(async (f) => cropResizeRgb(await decodeImageFile(path.join(DATA, f.file)), 224, 1)));
const emb = new Float32Array(1280).fill(0.3);
// an ImageNet distribution with a little Fashion mass (deterministic), so the override's checks all run
let seed = 7;
const probs = softmax(Float32Array.from({ length: 1000 }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 8));
const headMs: number[] = [],
  colourMs: number[] = [],
  fuseMs: number[] = [],
  fuseNoOverrideMs: number[] = [];
for (let r = 0; r < Number(o.runs); r++) {
  for (const rgb of crops) {
    let t = performance.now();
    const c = colourFeatures(rgb, 224);
    colourMs.push(performance.now() - t);
    t = performance.now();
    const out: HeadOutputs = await head.run(emb, c);
    headMs.push(performance.now() - t);
    t = performance.now();
    suggestWithHead(probs, out, head.labels);
    fuseMs.push(performance.now() - t);
    t = performance.now();
    suggestWithHead(probs, out, head.labels, { fashionOverride: null });
    fuseNoOverrideMs.push(performance.now() - t);
  }
}
head.dispose();
const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] * 1000) / 1000;
  return { median: q(0.5), p95: q(0.95), n: s.length };
};
const onnx = path.join(REPO_ROOT, 'models/photo/photo-head.onnx');
const result = {
  date: new Date().toISOString(),
  node: process.version,
  photos: crops.length,
  runs: Number(o.runs),
  headBytes: fs.statSync(onnx).size,
  colourFeatures: COLOUR_FEATURES,
  headMs: stat(headMs),
  colourMs: stat(colourMs),
  fuseMs: stat(fuseMs),
  fuseWithoutOverrideMs: stat(fuseNoOverrideMs),
};
fs.mkdirSync(path.join(REPO_ROOT, 'tests/bench/results'), { recursive: true });
fs.writeFileSync(path.join(REPO_ROOT, 'tests/bench/results/photo-head-speed.json'), JSON.stringify(result, null, 1) + '\n');
console.log(JSON.stringify(result));
