/**
 * Listing safety with the real models on the 12 photos of $DATA_DIR/photos-moderation: each prohibited item gets its
 * warning from the tfjs engine's probabilities (LiteRT, the app's default, gives the same top-1; tests/e2e/litert.test.ts), the kitchen cleaver gets none, and our
 * loading of the nsfwjs model gives the same probabilities as nsfwjs's own classify().
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as nsfwjs from 'nsfwjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { cropResizeRgb } from '../../src/core/preprocess.ts';
import { explicitScore, isExplicit, listingWarnings } from '../../src/core/moderation.ts';
import { classifyRgba } from '../../src/ml/classify-image.ts';
import { loadNodeEngine, type LoadedEngine } from '../../src/ml/node-runtime.ts';
import { loadNodeNsfw } from '../../src/ml/nsfw-node.ts';
import type { NsfwModel } from '../../src/ml/nsfw-model.ts';
import { nsfwEntry } from '../../src/ml/nsfw-node.ts';
import { npmModelFile } from '../../models/nsfw-extract.ts';
import { REPO_ROOT } from '../../src/ml/node-runtime.ts';

const DIR = resolve(process.env.DATA_DIR ?? '../shared/data', 'photos-moderation');
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as { file: string; imagenet_label: string; concern: string }[];

/** The warning each photo must raise (the cleaver: none — kitchen knives are allowed by most marketplaces). */
const EXPECTED: Record<string, string[]> = {
  'n02749479_assault_rifle.JPEG': ['firearm'],
  'n04086273_revolver.JPEG': ['firearm'],
  'n04090263_rifle.JPEG': ['firearm'],
  'n03527444_holster.JPEG': ['gun-accessory'],
  'n04008634_projectile.JPEG': ['ammunition'],
  'n03937543_pill_bottle.JPEG': ['medicine'],
  'n04376876_syringe.JPEG': ['drug-paraphernalia'],
  'n02823428_beer_bottle.JPEG': ['alcohol'],
  'n04591713_wine_bottle.JPEG': ['alcohol'],
  'n04579145_whiskey_jug.JPEG': ['alcohol'],
  'n02916936_bulletproof_vest.JPEG': ['body-armour'],
  'n03041632_cleaver.JPEG': [],
};

describe('prohibited-item rules on photos-moderation (tfjs engine)', () => {
  let e: LoadedEngine;
  beforeAll(async () => {
    e = await loadNodeEngine('tfjs');
  });
  afterAll(() => e?.classifier.dispose());

  it('the data set is the one these expectations were written for', () => {
    expect(manifest.map((m) => m.file).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s → %j', async (file, ids) => {
    const { probs } = await classifyRgba(e.classifier, e.entry, await decodeImageFile(join(DIR, file)));
    const w = listingWarnings({ photos: [{ probs }] });
    expect(w.map((x) => x.id)).toEqual(ids);
    for (const x of w) expect(x.photos).toEqual([0]);
  });

  it('one revolver among product photos warns the whole listing, naming that photo', async () => {
    const photos = [];
    for (const f of ['n03041632_cleaver.JPEG', 'n04086273_revolver.JPEG'])
      photos.push({ probs: (await classifyRgba(e.classifier, e.entry, await decodeImageFile(join(DIR, f)))).probs });
    expect(listingWarnings({ photos })).toMatchObject([{ id: 'firearm', concern: 'a firearm', photos: [1] }]);
  });
});

describe('explicit-photo model (nsfwjs MobileNet V2, loaded by src/ml/nsfw-model.ts)', () => {
  let m: NsfwModel;
  let ref: nsfwjs.NSFWJS;
  beforeAll(async () => {
    m = (await loadNodeNsfw('wasm')).model;
    ref = await nsfwjs.load('MobileNetV2'); // nsfwjs's own loader and weights, straight from the package
  });
  afterAll(() => m?.dispose());

  it('npm run models unwraps the files from node_modules/nsfwjs byte for byte as the manifest pins them', async () => {
    const entry = await nsfwEntry();
    expect(entry).toMatchObject({ source: 'npm', lazy: true, npm: { package: 'nsfwjs', version: '4.4.0' } });
    for (const f of entry.files) {
      const b = npmModelFile(REPO_ROOT, entry, f.path);
      expect(b.length, f.path).toBe(f.bytes);
      expect(createHash('sha256').update(b).digest('hex'), f.path).toBe(f.sha256);
    }
    expect(() => npmModelFile(REPO_ROOT, entry, 'other.bin')).toThrow(/not a file/);
  });

  it('loads the verified, installed files with the 5 classes in output order', () => {
    expect(m.classes).toEqual(['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy']);
    expect(m.backend).toBe('wasm');
  });

  it.each(['n04090263_rifle.JPEG', 'n03041632_cleaver.JPEG', 'n04591713_wine_bottle.JPEG'])('%s: same probabilities as nsfwjs itself', async (file) => {
    const rgb = cropResizeRgb(await decodeImageFile(join(DIR, file)), 224, 1);
    const ours = await m.classify(rgb);
    const theirs = await ref.classify(tf.tensor3d(rgb, [224, 224, 3], 'int32') as tf.Tensor3D, 5);
    for (const p of theirs) expect(ours[m.classes.indexOf(p.className)]).toBeCloseTo(p.probability, 4);
    expect(ours.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  });

  it('none of the 12 item photos is called explicit', async () => {
    for (const { file } of manifest) {
      const p = await m.classify(cropResizeRgb(await decodeImageFile(join(DIR, file)), 224, 1));
      expect(isExplicit(explicitScore(p, m.classes)), file).toBe(false);
    }
  });

  it('rejects an input of the wrong size', async () => {
    await expect(m.classify(new Uint8Array(10))).rejects.toThrow(RangeError);
  });
});
