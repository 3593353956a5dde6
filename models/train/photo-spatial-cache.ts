/**
 * npx tsx models/train/photo-spatial-cache.ts [centre|flip] [train|eval] [--limit N]
 * Spatial MobileNet features for the photo-head experiment (issue 10, "can spatial / item-masked features lift the
 * head?"; models/train/photo-screen-numpy.py reads them with "spatial" configs). Runs the app's tfjs engine in Node
 * on the app's own preprocessing (sharp decode ≤ 1024 px → centre crop → bilinear 224 RGB, src/core/preprocess.ts;
 * `flip`: the mirrored photo, models/train/photo-views.ts) and executes the graph once for
 *   SPATIAL_NODE (`MobilenetV2/Conv_1/Relu6`, [1,7,7,1280], the input of the AvgPool) and POOLED_NODE.
 * Cached per photo in .cache/photo-embeddings/<tfjs key>-spatial[-flip]/<sha256 of the photo>.f16, float16 LE:
 *   [0, 62720)        the 7×7×1280 map, row-major (row, col, channel);
 *   [62720, 62769)    per 7×7 cell the share of its 32×32 pixels that are "item" (farther than 40 from the crop's border
 *                     colour, src/core/colour-features.ts borderMean / rgbStats' rule);
 *   [62769, 62818)    the same with skin-like pixels (colour-region.ts' YCbCr box) counted 0.2, so a model's arms
 *                     and face count less than the garment.
 * The pooled output is checked against the 7×7 mean (and, on the first photos, against the plain embedding cache).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { modelsDir, readManifest } from '../../src/ml/node-runtime.ts';
import { verifiedModelFiles } from '../../src/ml/model-files.ts';
import { memoryModelHandler } from '../../src/ml/tfjs-memory-model.ts';
import { sha256Hex } from '../../src/ml/sha256-node.ts';
import { POOLED_NODE } from '../../src/ml/tfjs-mobilenet.ts';
import { imageModel } from '../../src/core/model-manifest.ts';
import { inputRange, cropResizeRgb } from '../../src/core/preprocess.ts';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { CACHE_ROOT, EMB_DIM, N_CLASSES, modelKey } from './photo-cache.ts';
import { manifestFiles } from './photo-embed.ts';
import { flipImage } from './photo-views.ts';
import { GRID, itemShares, toHalf } from './photo-spatial-pixels.ts';
import { writeAllAtomically } from './artifacts.ts';
import { numberArg, oneOf, parseCli } from '../../src/cli/args.ts';

export const SPATIAL_NODE = 'MobilenetV2/Conv_1/Relu6';
export const SPATIAL_LEN = GRID * GRID * EMB_DIM + 2 * GRID * GRID;

export async function spatialDir(view: 'centre' | 'flip'): Promise<string> {
  return path.join(CACHE_ROOT, `${modelKey(imageModel(await readManifest(), 'tfjs'))}-spatial${view === 'flip' ? '-flip' : ''}`);
}

async function loadModel(): Promise<{ model: GraphModel; range: [number, number]; size: number; key: string }> {
  const entry = imageModel(await readManifest(), 'tfjs');
  const files = verifiedModelFiles(
    entry,
    modelsDir(),
    async (p) => new Uint8Array(fs.readFileSync(p)),
    async (b) => sha256Hex(b),
  );
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend failed to initialise');
  await tf.ready();
  const model = await loadGraphModel(await memoryModelHandler(entry, files));
  return { model, range: inputRange(entry.input!), size: entry.input!.size, key: modelKey(entry) };
}

async function main() {
  const usage = 'usage: npx tsx models/train/photo-spatial-cache.ts [centre|flip] [train|eval] [--limit N]';
  const { values, positionals } = parseCli({ usage, positionals: true, options: { limit: { type: 'string' } } });
  const view = oneOf(usage, 'view', positionals[0] ?? 'centre', ['centre', 'flip']);
  const set = oneOf(usage, 'set', positionals[1] ?? 'train', ['train', 'eval']) === 'eval' ? 'photos' : 'photos-train';
  const limit = values.limit === undefined ? Infinity : numberArg(usage, '--limit', values.limit);
  const { model, range, size, key } = await loadModel();
  const dir = await spatialDir(view);
  fs.mkdirSync(dir, { recursive: true });
  const plainDir = path.join(CACHE_ROOT, key + (view === 'flip' ? '-flip' : ''));
  const files = manifestFiles(set).slice(0, limit);
  const t0 = Date.now();
  let done = 0,
    checked = 0,
    maxPoolErr = 0,
    maxCacheErr = 0;
  const out = new Uint16Array(SPATIAL_LEN);
  for (let i = 0; i < files.length; i++) {
    const hash = createHash('sha256').update(fs.readFileSync(files[i])).digest('hex');
    const p = path.join(dir, `${hash}.f16`);
    if (!fs.existsSync(p) || fs.statSync(p).size !== SPATIAL_LEN * 2) {
      try {
        const decoded = await decodeImageFile(files[i]);
        const rgb = cropResizeRgb(view === 'flip' ? flipImage(decoded) : decoded, size, 1);
        const [lo, hi] = range;
        const [spatial, pooled] = tf.tidy(() => {
          const x = tf.add(tf.mul(tf.tensor4d(rgb, [1, size, size, 3], 'float32'), (hi - lo) / 255), lo);
          return model.execute(x, [SPATIAL_NODE, POOLED_NODE]) as tf.Tensor[];
        });
        const [s, e] = [await spatial.data(), await pooled.data()];
        spatial.dispose();
        pooled.dispose();
        if (s.length !== GRID * GRID * EMB_DIM) throw new Error(`${SPATIAL_NODE} gave ${s.length} values`);
        for (let c = 0; c < EMB_DIM; c++) {
          let m = 0;
          for (let k = 0; k < GRID * GRID; k++) m += s[k * EMB_DIM + c];
          maxPoolErr = Math.max(maxPoolErr, Math.abs(m / (GRID * GRID) - e[c]));
        }
        if (checked < 50) {
          const q = path.join(plainDir, `${hash}.f32`);
          if (fs.existsSync(q)) {
            const b = fs.readFileSync(q);
            const ref = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
            if (ref.length === EMB_DIM + N_CLASSES) {
              for (let c = 0; c < EMB_DIM; c++) maxCacheErr = Math.max(maxCacheErr, Math.abs(ref[c] - e[c]));
              checked++;
            }
          }
        }
        for (let k = 0; k < s.length; k++) out[k] = toHalf(s[k]);
        const [item, noSkin] = itemShares(rgb, size);
        for (let c = 0; c < GRID * GRID; c++) {
          out[s.length + c] = toHalf(item[c]);
          out[s.length + GRID * GRID + c] = toHalf(noSkin[c]);
        }
        writeAllAtomically([{ path: p, data: new Uint8Array(out.buffer) }]);
        done++;
      } catch (err) {
        console.error(`${files[i]}: ${(err as Error).message}`);
      }
    }
    if ((i + 1) % 250 === 0 || i === files.length - 1)
      console.error(
        `spatial ${view} ${set} ${i + 1}/${files.length} (${done} computed) ${Math.round((Date.now() - t0) / 1000)} s; ` +
          `max |mean(7×7) − AvgPool| ${maxPoolErr.toExponential(2)}; max |AvgPool − plain cache| ${maxCacheErr.toExponential(2)} on ${checked}`,
      );
  }
  model.dispose();
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
