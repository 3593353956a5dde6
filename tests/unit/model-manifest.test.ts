/** models/manifest.json is the source of truth the app verifies against: keep it honest. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { imageModel, parseLabels, type ModelManifest } from '../../src/core/model-manifest.ts';

const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8')) as ModelManifest;

describe('models/manifest.json', () => {
  it('lists the three photo engines with an input spec and labels, and our own price + category models', () => {
    expect(imageModel(manifest, 'tfjs').input).toMatchObject({ size: 224, layout: 'NHWC' });
    expect(imageModel(manifest, 'litert').input).toMatchObject({ size: 224, layout: 'NHWC' });
    expect(imageModel(manifest, 'onnx').input).toMatchObject({ size: 224, layout: 'NCHW' });
    expect(manifest.models.map((m) => m.task).sort()).toEqual([
      'catalog',
      'explicit-photo',
      'image-classification',
      'image-classification',
      'image-classification',
      'photo-head',
      'photo-head', // one per embedding: tfjs (+ LiteRT) and onnx
      'price',
      'text-category',
    ]);
    for (const m of manifest.models) {
      expect(m.licence.length).toBeGreaterThan(5);
      for (const f of m.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('our committed models match their recorded sha256 and size (run `npx tsx models/sync-manifest.ts` after training)', () => {
    for (const m of manifest.models.filter((x) => x.source === 'repo')) {
      for (const f of m.files) {
        const bytes = readFileSync(`models/${m.dir}/${f.path}`);
        expect(bytes.length, `${m.dir}/${f.path}`).toBe(f.bytes);
        expect(createHash('sha256').update(bytes).digest('hex'), `${m.dir}/${f.path}`).toBe(f.sha256);
        expect(bytes.length).toBeLessThanOrEqual(5 * 1024 * 1024);
      }
    }
  });

  it('parses both label file styles into the same 1000 names', () => {
    expect(parseLabels('background\ntench, Tinca tinca\ngoldfish\n', { file: '', skip: 1 })).toEqual(['tench', 'goldfish']);
    expect(parseLabels('n01440764 tench, Tinca tinca\nn01443537 goldfish, Carassius auratus\n', { file: '', skip: 0, stripWnid: true })).toEqual([
      'tench',
      'goldfish',
    ]);
  });
});
