/**
 * npm run eval:moderation — the listing-safety checks over every photo of $DATA_DIR/photos (evaluation),
 * photos-train and photos-moderation, exactly as the app decides (src/core/moderation.ts, default rules table).
 *
 * ImageNet probabilities: the tfjs engine (the app's default), read from the shared photo-embedding cache
 * (.cache/photo-embeddings/<engine>-<model hash>/<sha256 of file>.f32: 1280 features then 1000 probabilities) when
 * it has the photo, else computed and cached in .cache/moderation/. NSFW scores: tests/bench/moderation-scores.ts.
 * Prints flagged counts by rule and set, every flagged file with its score, a threshold sweep, and the 12
 * moderation photos' outcomes; writes tests/bench/results/moderation.json.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decodeImageFile } from '../../src/cli/decode-image.ts';
import { imageModel } from '../../src/core/model-manifest.ts';
import { IMAGENET_LABELS } from '../../src/core/imagenet-labels.ts';
import { DEFAULT_RULES, defaultRules, explicitScore, listingWarnings, ruleScores } from '../../src/core/moderation.ts';
import { classifyRgba } from '../../src/ml/classify-image.ts';
import { loadNodeEngine, readManifest, REPO_ROOT, type LoadedEngine } from '../../src/ml/node-runtime.ts';
import { computeNsfwScores, DATA_DIR, listPhotos, SETS, type SetName } from './moderation-scores.ts';
import { argmax } from '../../src/core/preprocess.ts';

const NSFW_CLASSES = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'];

async function imagenetProbs(log: (s: string) => void): Promise<Map<string, Float32Array>> {
  const entry = imageModel(await readManifest(), 'tfjs');
  const h = createHash('sha256');
  for (const f of entry.files) h.update(`${f.path}:${f.sha256};`);
  const key = `${entry.engine}-${h.digest('hex').slice(0, 12)}`;
  const shared = path.join(REPO_ROOT, '.cache/photo-embeddings', key);
  const own = path.join(REPO_ROOT, '.cache/moderation', `imagenet-${key}`);
  fs.mkdirSync(own, { recursive: true });
  const out = new Map<string, Float32Array>();
  let engine: LoadedEngine | null = null;
  let hits = 0,
    computed = 0;
  for (const set of SETS) {
    for (const file of listPhotos(set)) {
      const abs = path.join(DATA_DIR, set, file);
      const sha = createHash('sha256').update(fs.readFileSync(abs)).digest('hex');
      const a = path.join(shared, `${sha}.f32`),
        b = path.join(own, `${sha}.f32`);
      let probs: Float32Array | null = null;
      for (const [p, skip] of [
        [a, 1280],
        [b, 0],
      ] as const) {
        if (!fs.existsSync(p)) continue;
        const buf = fs.readFileSync(p);
        const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
        if (all.length === skip + 1000) {
          probs = all.slice(skip);
          break;
        }
      }
      if (probs) hits++;
      else {
        engine ??= await loadNodeEngine('tfjs');
        probs = (await classifyRgba(engine.classifier, engine.entry, await decodeImageFile(abs))).probs;
        fs.writeFileSync(b, new Uint8Array(Float32Array.from(probs).buffer));
        if (++computed % 250 === 0) log(`imagenet: computed ${computed}`);
      }
      out.set(`${set}/${file}`, probs);
    }
  }
  log(`imagenet probabilities: ${hits} from caches, ${computed} computed`);
  return out;
}

const log = (s: string) => console.error(s);
const nsfw = await computeNsfwScores(log);
const probs = await imagenetProbs(log);
const rules = defaultRules();
const top = (p: Float32Array) => {
  const i = argmax(p);
  return `${IMAGENET_LABELS[i].split(',')[0]} ${p[i].toFixed(2)}`;
};

interface Flag {
  set: SetName;
  file: string;
  rule: string;
  score: number;
  top: string;
}
const flags: Flag[] = [];
const counts: Record<string, { photos: number; itemFlagged: number; explicitFlagged: number; byRule: Record<string, number> }> = {};
const moderation: { file: string; warnings: string[]; top: string; explicit: number }[] = [];
const scoresBySet: Record<string, { item: number[]; explicit: number[] }> = {};
for (const set of SETS) {
  const c = (counts[set] = { photos: 0, itemFlagged: 0, explicitFlagged: 0, byRule: {} as Record<string, number> });
  const s: { item: number[]; explicit: number[] } = (scoresBySet[set] = { item: [], explicit: [] });
  for (const file of listPhotos(set)) {
    const p = probs.get(`${set}/${file}`)!;
    const ex = explicitScore(nsfw.get(`${set}/${file}`)!.p, NSFW_CLASSES, rules);
    const w = listingWarnings({ photos: [{ probs: p, explicit: ex }] }, rules);
    c.photos++;
    const rs = ruleScores(p, rules);
    s.item.push(Math.max(...rules.rules.filter((r) => r.classes.length && r.id !== 'live-animal').map((r) => rs.get(r.id)!)));
    s.explicit.push(ex);
    if (w.some((x) => x.kind === 'item')) c.itemFlagged++;
    if (w.some((x) => x.kind === 'explicit')) c.explicitFlagged++;
    for (const x of w) {
      c.byRule[x.id] = (c.byRule[x.id] ?? 0) + 1;
      flags.push({ set, file, rule: x.id, score: Number(x.score.toFixed(3)), top: top(p) });
    }
    if (set === 'photos-moderation') moderation.push({ file, warnings: w.map((x) => x.id), top: top(p), explicit: Number(ex.toFixed(3)) });
  }
}

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(2)}%`;
console.log('## Listing-safety checks (tfjs MobileNet V2 probabilities; nsfwjs MobileNet V2)\n');
console.log('| set | photos | flagged by item rules | explicit-photo flagged | by rule |\n|---|---:|---:|---:|---|');
for (const set of SETS) {
  const c = counts[set];
  console.log(
    `| ${set} | ${c.photos} | ${c.itemFlagged} (${pct(c.itemFlagged, c.photos)}) | ${c.explicitFlagged} (${pct(c.explicitFlagged, c.photos)}) | ${Object.entries(
      c.byRule,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')} |`,
  );
}
const prod = (k: 'itemFlagged' | 'explicitFlagged') => counts.photos[k] + counts['photos-train'][k];
const nProd = counts.photos.photos + counts['photos-train'].photos;
console.log(
  `\nProduct photos (photos + photos-train, ${nProd}): item rules ${prod('itemFlagged')} (${pct(prod('itemFlagged'), nProd)}, goal ≤ 0.3%), explicit ${prod('explicitFlagged')} (${pct(prod('explicitFlagged'), nProd)}, goal ≤ 0.1%)\n`,
);
console.log('### photos-moderation\n\n| file | warnings | top class | explicit score |\n|---|---|---|---:|');
for (const m of moderation) console.log(`| ${m.file} | ${m.warnings.join(', ') || '—'} | ${m.top} | ${m.explicit} |`);
console.log('\n### Every flagged product photo\n\n| set | file | rule | score | top class |\n|---|---|---|---:|---|');
for (const f of flags.filter((x) => x.set !== 'photos-moderation')) console.log(`| ${f.set} | ${f.file} | ${f.rule} | ${f.score} | ${f.top} |`);

// Threshold sweep: share of product photos whose best item-rule score (live-animal has its own threshold) or explicit score reaches t.
const sweep = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((t) => {
  const at = (xs: number[]) => xs.filter((x) => x >= t).length;
  return {
    t,
    item: { photos: at(scoresBySet.photos.item), train: at(scoresBySet['photos-train'].item), moderation: at(scoresBySet['photos-moderation'].item) },
    explicit: { photos: at(scoresBySet.photos.explicit), train: at(scoresBySet['photos-train'].explicit) },
  };
});
console.log(
  '\n### Threshold sweep (photos flagged at score ≥ t)\n\n| t | item: photos | item: train | item: moderation (of 12) | explicit: photos | explicit: train |\n|---:|---:|---:|---:|---:|---:|',
);
for (const s of sweep) console.log(`| ${s.t} | ${s.item.photos} | ${s.item.train} | ${s.item.moderation} | ${s.explicit.photos} | ${s.explicit.train} |`);

fs.mkdirSync(path.join(REPO_ROOT, 'tests/bench/results'), { recursive: true });
fs.writeFileSync(
  path.join(REPO_ROOT, 'tests/bench/results/moderation.json'),
  JSON.stringify(
    {
      rulesVersion: DEFAULT_RULES.version,
      engine: 'tfjs',
      counts,
      moderation,
      flagged: flags.filter((x) => x.set !== 'photos-moderation'),
      sweep,
    },
    null,
    1,
  ) + '\n',
);
