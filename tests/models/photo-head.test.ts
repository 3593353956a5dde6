/**
 * Our photo head (models/photo) in Node: the ONNX graph equals the trainer's own prediction (golden.json, 1e-4), and
 * real photos of the evaluation set get the expected leaf / department / colour through the real engine + head.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { classifyRgba } from '../../src/ml/classify-image.ts';
import { REPO_ROOT } from '../../src/ml/node-runtime.ts';
import { suggestWithHead } from '../../src/core/photo-head.ts';
import { engineAndHead, expectGolden, readGolden } from './engine-and-head.ts';

const DATA = path.resolve(REPO_ROOT, process.env.DATA_DIR ?? '../shared/data', 'photos');

/** [file, expected leaf (last path element), department or null, colour or null]: the photos' own labels. */
const M = 'myntra-fashion-product-images/images/',
  C = 'clothing-dataset/images/',
  I = 'imagenet-sample-images/';
export const PHOTOS: [string, string, string | null, string | null][] = [
  [`${M}2707.jpg`, 'Dresses', null, 'pink'], // "Disney Kids Girl's Dress Pink Pooh"
  [`${M}2093.jpg`, 'Shirts', 'Men', 'blue'], // "Lee Men checks Blue Shirt"
  [`${M}2095.jpg`, 'Shirts', 'Men', 'blue'], // "Lee Men Light Blue Shirt"
  [`${M}1164.jpg`, 'T-Shirts', 'Men', 'blue'], // "Nike Men Blue T20 Indian Cricket Jersey"
  [`${M}1625.jpg`, 'T-Shirts', 'Men', null], // "Domyos Men Quick Dry T-shirt"
  [`${M}2249.jpg`, 'Backpacks', 'Unisex', 'blue'], // "ADIDAS Unisex Classic Blue Backpack"
  [`${C}ddfd02ed-5717-4dfa-a7d6-277dbaec7f7d.jpg`, 'Dresses', null, 'black'],
  [`${C}d18d6d32-50d0-4746-95e5-0b812e926f54.jpg`, 'Dresses', null, null],
  [`${C}967cd983-84e9-4812-ab2e-bdf67cc85051.jpg`, 'Pants', null, null], // label "Pants" (the first head said Pants & Leggings: both right)
  [`${C}755595ad-51a0-419f-b132-b412c2523ae4.jpg`, 'Hats & Caps', null, null],
  [`${C}1aac00cd-b42a-40f1-a82a-dcc44a0879d4.jpg`, 'Hats & Caps', null, null],
  [`${I}n04069434_reflex_camera.JPEG`, 'Digital Cameras', null, null], // the head was not trained for cameras: ImageNet path
];

describe('photo head', () => {
  const loaded = engineAndHead('tfjs', 'npm run train:photo, npm run models');

  it('ONNX output = the trainer’s prediction (1e-4) on the golden inputs', () => expectGolden(loaded.head, readGolden('photo')));

  it('the ONNX file is our small model (≤ 2 MB) and its sidecar names every output class', () => {
    expect(fs.statSync(path.join(REPO_ROOT, 'models/photo/photo-head.onnx')).size).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(loaded.head.labels.department).toEqual(['Women', 'Men', 'Kids', 'Unisex']);
    expect(loaded.head.labels.colour).toContain('navy');
  });

  const run = async (file: string) => {
    const { probs, embedding, colour } = await classifyRgba(loaded.engine.classifier, loaded.engine.entry, await decodeImageFile(path.join(DATA, file)));
    return suggestWithHead(probs, await loaded.head.run(embedding!, colour), loaded.head.labels);
  };

  it('a dress photo gets Dresses, not T-Shirts, and a real title', async () => {
    const s = await run(`${C}ddfd02ed-5717-4dfa-a7d6-277dbaec7f7d.jpg`);
    expect(s.category.path).toEqual(['Fashion', 'Women', 'Dresses']);
    expect(s.title).toMatch(/^(Women's )?(Black )?Dress$/);
  });

  it.each(PHOTOS)('%s → %s / %s / %s', async (file, leaf, dept, colour) => {
    const s = await run(file);
    expect(s.category.path[s.category.path.length - 1]).toBe(leaf);
    if (dept) expect(s.department?.name).toBe(dept);
    if (colour) expect(s.colour?.name).toBe(colour);
  });
});
