/**
 * CI gates for our photo head on the evaluation set (../shared/data/photos, never trained on): a deterministic
 * subset (every 5th clothing-dataset / Myntra photo), computed through the real engines in-process (the default
 * LiteRT and TF.js, which share the head), no cache. Floors = the figures measured on this subset minus 2 points.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { classifyRgba } from '../../src/ml/classify-image.ts';
import { loadNodeEngine, loadNodePhotoHead, REPO_ROOT, type LoadedEngine } from '../../src/ml/node-runtime.ts';
import { suggestWithHead } from '../../src/core/photo-head.ts';
import type { PhotoHead } from '../../src/ml/photo-head.ts';
import { fieldStats, type EvalEntry, type FieldResult } from '../bench/photo-fields.ts';

const DATA = path.resolve(REPO_ROOT, process.env.DATA_DIR ?? '../shared/data', 'photos');
/**
 * Measured 2026-12-01 on this subset (237 photos) with the second head and the Fashion override (src/core/photo-head.ts),
 * per engine; floors = those figures minus 2 points.
 * tfjs: leaf 71.3% (ImageNet top level always: 67.9%; first head 62.4%), department 80.4% (n=56; 76.8%), department where
 * the title shows it 88.9% (n=45; 88.6%), colour 57.1% (n=84; 56.0%), Fashion 96.2% (90.7%).
 * litert (the default engine, same head): leaf 69.2%, department 78.6% (n=56), department shown 89.1% (n=46), colour
 * 57.1% (n=84), Fashion 95.8%.
 */
export const FLOORS: Record<'tfjs' | 'litert', Floors> = {
  tfjs: { leafTop1: 69.3, department: 78.4, departmentShown: 86.9, colour: 55.1, topLevel: 94.2 },
  litert: { leafTop1: 67.2, department: 76.6, departmentShown: 87.1, colour: 55.1, topLevel: 93.8 },
};
interface Floors {
  leafTop1: number;
  department: number;
  departmentShown: number;
  colour: number;
  topLevel: number;
}

for (const engineName of ['litert', 'tfjs'] as const) {
  const floors = FLOORS[engineName];
  describe(`photo head gates (eval subset, real ${engineName} engine)`, () => {
    let engine: LoadedEngine;
    let head: PhotoHead | null;
    let stats: ReturnType<typeof fieldStats>;
    let topLevelOk = 0;
    let n = 0;
    beforeAll(async () => {
      const manifest = path.join(DATA, 'manifest.json');
      expect(fs.existsSync(manifest), `${manifest} is missing`).toBe(true);
      const all: EvalEntry[] = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      const subset = all.filter((e) => e.source !== 'imagenet-sample-images').filter((_, i) => i % 5 === 0);
      engine = await loadNodeEngine(engineName);
      head = await loadNodePhotoHead(engineName);
      expect(head, 'the manifest lists no photo head').not.toBeNull();
      const pairs: { e: EvalEntry; r: FieldResult }[] = [];
      for (const e of subset) {
        const { probs, embedding, colour } = await classifyRgba(engine.classifier, engine.entry, await decodeImageFile(path.join(DATA, e.file)));
        const s = suggestWithHead(probs, await head!.run(embedding!, colour), head!.labels);
        pairs.push({ e, r: { ...s, scores: { category: s.confidence } } });
        n++;
        topLevelOk += +(s.category.path[0] === 'Fashion'); // every clothing-dataset / Myntra photo in the set is Fashion
      }
      stats = fieldStats(pairs);
      console.log(
        `photo gates (${engineName}) on ${n} photos: ${JSON.stringify(stats.table.all)}; top level Fashion ${((100 * topLevelOk) / n).toFixed(1)}%; leaf ECE ${stats.leafEce}%`,
      );
    }, 600_000);
    afterAll(() => {
      engine?.classifier.dispose();
      head?.dispose();
    });

    it('leaf top-1', () => expect(stats.table.all['leaf top-1'].pct).toBeGreaterThanOrEqual(floors.leafTop1));
    it('department on garments with a known wearer', () => expect(stats.table.all.department.pct).toBeGreaterThanOrEqual(floors.department));
    it('department where the title shows it (score ≥ DEPARTMENT_MIN)', () =>
      expect(stats.table.all['department shown'].pct).toBeGreaterThanOrEqual(floors.departmentShown));
    it('colour on Myntra photos', () => expect(stats.table.all.colour.pct).toBeGreaterThanOrEqual(floors.colour));
    it('top level stays Fashion', () => expect((100 * topLevelOk) / n).toBeGreaterThanOrEqual(floors.topLevel));
  });
}
