/**
 * npx tsx models/train/photo-finetune-cache.ts [centre|flip] [train|eval] [--limit N]
 * Features for the fine-tuning screen (issue 10: "do MobileNet's last blocks, or a second backbone, lift the head past
 * the frozen pooled feature?"; models/train/photo-finetune-screen.py reads them). The app's own preprocessing (sharp
 * decode ≤ 1024 px → centre crop → bilinear 224 RGB; `flip`: the mirrored photo) and, per photo, one pass of each of:
 *   - the tfjs MobileNet V2 (the head's engine): BLOCK_INPUT (`MobilenetV2/expanded_conv_15/add`, [1,7,7,160], the
 *     input of the last inverted-residual block) and the pooled embedding (POOLED_NODE), so the screen can recompute
 *     block 16 and Conv_1 with their pretrained weights (checked against the pooled output) or train them;
 *   - the explicit-photo check's MobileNet V2 (nsfwjs, trained on other photos than ImageNet, already run on every
 *     photo by the app): its pooled 1280-d feature (`flatten_1`) and its first dense layer (`dense_1`, 256);
 *   - the head's colour statistics (colourFeatures(), the same 162 inputs as the shipped head).
 * Written to .cache/photo-finetune/<set>-<view>.{block,pool,colour,nsfw} (row-major, float16 for `block`, float32
 * otherwise) and .index.json (the photos' paths relative to the repo, in row order); `weights.json` holds block 16's,
 * Conv_1's and the logits' weights as the tfjs graph has them (written with the first train/centre run).
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import * as tfl from '@tensorflow/tfjs-layers';
import { modelsDir, readManifest, REPO_ROOT } from '../../src/ml/node-runtime.ts';
import { verifiedModelFiles } from '../../src/ml/model-files.ts';
import { memoryModelHandler } from '../../src/ml/tfjs-memory-model.ts';
import { sha256Hex } from '../../src/ml/sha256-node.ts';
import { POOLED_NODE } from '../../src/ml/tfjs-mobilenet.ts';
import { nsfwEntry } from '../../src/ml/nsfw-node.ts';
import { imageModel, type ModelEntry } from '../../src/core/model-manifest.ts';
import { inputRange, cropResizeRgb, normalise } from '../../src/core/preprocess.ts';
import { colourFeatures } from '../../src/core/colour-features.ts';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { manifestFiles } from './photo-embed.ts';
import { flipImage } from './photo-views.ts';
import { toHalf } from './photo-spatial-pixels.ts';
import { numberArg, oneOf, parseCli } from '../../src/cli/args.ts';

export const BLOCK_INPUT = 'MobilenetV2/expanded_conv_15/add';
export const FINETUNE_DIR = path.join(REPO_ROOT, '.cache/photo-finetune');
const NSFW_OUTPUTS = ['flatten_1', 'dense_1'];

const readVerified = (entry: ModelEntry) =>
  verifiedModelFiles(
    entry,
    modelsDir(),
    async (p) => new Uint8Array(fs.readFileSync(p)),
    async (b) => sha256Hex(b),
  );

async function main() {
  const usage = 'usage: npx tsx models/train/photo-finetune-cache.ts [centre|flip] [train|eval] [--limit N]';
  const { values, positionals } = parseCli({ usage, positionals: true, options: { limit: { type: 'string' } } });
  const view = oneOf(usage, 'view', positionals[0] ?? 'centre', ['centre', 'flip']);
  const set = oneOf(usage, 'set', positionals[1] ?? 'train', ['train', 'eval']) === 'eval' ? 'photos' : 'photos-train';
  const limit = values.limit === undefined ? Infinity : numberArg(usage, '--limit', values.limit);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed to initialise');
  await tf.ready();
  const entry = imageModel(await readManifest(), 'tfjs');
  const mobilenet = await loadGraphModel(await memoryModelHandler(entry, readVerified(entry)));
  const nEntry = await nsfwEntry();
  const nsfwFull = await tfl.loadLayersModel(await memoryModelHandler(nEntry, readVerified(nEntry)));
  const nsfw = tfl.model({ inputs: nsfwFull.inputs, outputs: NSFW_OUTPUTS.map((n) => nsfwFull.getLayer(n).output as tfl.SymbolicTensor) });
  fs.mkdirSync(FINETUNE_DIR, { recursive: true });
  if (view === 'centre' && set === 'photos-train') {
    const weights: Record<string, { shape: number[]; data: number[] }> = {};
    for (const name of Object.keys(mobilenet.weights))
      if (/expanded_conv_16|Conv_1\/|Logits/.test(name) && /weights|biases/.test(name)) {
        const t = mobilenet.weights[name][0];
        weights[name] = { shape: t.shape, data: Array.from(t.dataSync()) };
      }
    if (Object.keys(weights).length !== 10) throw new Error(`expected 10 weight tensors of block 16 / Conv_1 / Logits, got ${Object.keys(weights).length}`);
    fs.writeFileSync(path.join(FINETUNE_DIR, 'weights.json'), JSON.stringify(weights));
  }
  const [lo, hi] = inputRange(entry.input!);
  const size = entry.input!.size;
  if (nEntry.input!.size !== size) throw new Error(`the explicit check's input is ${nEntry.input!.size} px, the photo engine's ${size}`);
  const files = manifestFiles(set).slice(0, limit);
  const base = path.join(FINETUNE_DIR, `${set}-${view}`);
  const out = Object.fromEntries(['block', 'pool', 'colour', 'nsfw'].map((k) => [k, fs.openSync(`${base}.${k}.part`, 'w')]));
  const index: string[] = [];
  const t0 = Date.now();
  for (let i = 0; i < files.length; i++) {
    try {
      const decoded = await decodeImageFile(files[i]);
      const rgb = cropResizeRgb(view === 'flip' ? flipImage(decoded) : decoded, size, 1);
      const [block, pooled] = tf.tidy(() => {
        const x = tf.add(tf.mul(tf.tensor4d(rgb, [1, size, size, 3], 'float32'), (hi - lo) / 255), lo);
        return mobilenet.execute(x, [BLOCK_INPUT, POOLED_NODE]) as tf.Tensor[];
      });
      const nsfwOut = tf.tidy(() => nsfw.predict(tf.tensor4d(normalise(rgb, nEntry.input!), [1, size, size, 3])) as tf.Tensor[]);
      const [b, p, n0, n1] = await Promise.all([block, pooled, ...nsfwOut].map((t) => t.data() as Promise<Float32Array>));
      for (const t of [block, pooled, ...nsfwOut]) t.dispose();
      const half = new Uint16Array(b.length);
      for (let k = 0; k < b.length; k++) half[k] = toHalf(b[k]);
      const nsfwRow = new Float32Array(n0.length + n1.length);
      nsfwRow.set(n0);
      nsfwRow.set(n1, n0.length);
      fs.writeSync(out.block, new Uint8Array(half.buffer));
      fs.writeSync(out.pool, new Uint8Array(Float32Array.from(p).buffer));
      fs.writeSync(out.colour, new Uint8Array(colourFeatures(rgb, size).buffer));
      fs.writeSync(out.nsfw, new Uint8Array(nsfwRow.buffer));
      index.push(path.relative(REPO_ROOT, files[i]));
    } catch (err) {
      console.error(`${files[i]}: ${(err as Error).message}`);
    }
    if ((i + 1) % 500 === 0 || i === files.length - 1) console.error(`${set} ${view} ${i + 1}/${files.length} ${Math.round((Date.now() - t0) / 1000)} s`);
  }
  for (const [k, fd] of Object.entries(out)) {
    fs.closeSync(fd);
    fs.renameSync(`${base}.${k}.part`, `${base}.${k}`);
  }
  fs.writeFileSync(`${base}.index.json`, JSON.stringify(index));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
