/**
 * Explicit-photo scores for every photo of the evaluation sets, cached (resumable) for `npm run eval:moderation`:
 * .cache/moderation/nsfw-<model sha12>.jsonl, one line {set, file, p: [Drawing, Hentai, Neutral, Porn, Sexy]}.
 * Same input as the app: decoded, centre-cropped and resized to 224 like the photo engine's crop.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { cropResizeRgb } from '../../src/core/preprocess.ts';
import { loadNodeNsfw, nsfwEntry } from '../../src/ml/nsfw-node.ts';
import { REPO_ROOT } from '../../src/ml/node-runtime.ts';

export const DATA_DIR = resolve(REPO_ROOT, process.env.DATA_DIR ?? '../shared/data');
export const SETS = ['photos-moderation', 'photos', 'photos-train'] as const;
export type SetName = (typeof SETS)[number];

export interface NsfwRow {
  set: SetName;
  file: string;
  p: number[];
}

export function listPhotos(set: SetName): string[] {
  const m = JSON.parse(readFileSync(join(DATA_DIR, set, 'manifest.json'), 'utf8')) as { file: string }[];
  return m.map((e) => e.file);
}

export async function nsfwCachePath(): Promise<string> {
  const entry = await nsfwEntry();
  const bin = entry.files.find((f) => f.path.endsWith('.bin'))!;
  return resolve(REPO_ROOT, '.cache/moderation', `nsfw-${bin.sha256.slice(0, 12)}.jsonl`);
}

export function readNsfwCache(path: string): Map<string, NsfwRow> {
  const out = new Map<string, NsfwRow>();
  if (!existsSync(path)) return out;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as NsfwRow;
      out.set(`${r.set}/${r.file}`, r);
    } catch {
      /* a line cut by an interrupted run is recomputed */
    }
  }
  return out;
}

/** Fills the cache for every photo not yet in it; returns all rows. */
export async function computeNsfwScores(log = console.log): Promise<Map<string, NsfwRow>> {
  const path = await nsfwCachePath();
  mkdirSync(resolve(path, '..'), { recursive: true });
  const rows = readNsfwCache(path);
  const todo = SETS.flatMap((set) => listPhotos(set).map((file) => ({ set, file }))).filter((x) => !rows.has(`${x.set}/${x.file}`));
  if (todo.length === 0) return rows;
  const { entry, model } = await loadNodeNsfw();
  const size = entry.input!.size;
  let n = 0;
  const t0 = performance.now();
  for (const { set, file } of todo) {
    const rgb = cropResizeRgb(await decodeImageFile(join(DATA_DIR, set, file), 512), size, entry.input!.crop);
    const p = [...(await model.classify(rgb))].map((x) => Number(x.toPrecision(4)));
    const row: NsfwRow = { set, file, p };
    appendFileSync(path, JSON.stringify(row) + '\n');
    rows.set(`${set}/${file}`, row);
    if (++n % 250 === 0) log(`nsfw: ${n}/${todo.length} (${((performance.now() - t0) / n).toFixed(0)} ms/photo)`);
  }
  model.dispose();
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await computeNsfwScores();
