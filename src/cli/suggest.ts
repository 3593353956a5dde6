/**
 * npm run suggest -- [--engine litert|tfjs|onnx] [--backend wasm|cpu (tfjs only)] [--json] <image files...> (engine default: DEFAULT_ENGINE)
 * One result per file (JSON lines with --json); exit code 1 only when every file failed.
 */
import { decodeImageFile } from './decode-image.ts';
import { classifyRgba } from '../ml/classify-image.ts';
import { loadNodeEngine, loadNodePhotoHead } from '../ml/node-runtime.ts';
import { suggestWithHead } from '../core/photo-head.ts';
import { toErrorData } from '../core/errors.ts';
import { DEFAULT_ENGINE, IMAGE_ENGINES, type ImageEngine } from '../core/model-manifest.ts';
import type { TfjsBackend } from '../ml/backend-chooser.ts';
import { categoryId } from '../core/taxonomy.ts';
import { oneOf, parseCli, usageError } from './args.ts';

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r1 = (x: number) => Math.round(x * 10) / 10;

const USAGE = 'usage: npm run suggest -- [--engine litert|tfjs|onnx] [--backend wasm|cpu] [--head on|off] [--brand NAME] [--json] <image files...>';
const { values, positionals: files } = parseCli({
  usage: USAGE,
  options: {
    engine: { type: 'string', default: DEFAULT_ENGINE },
    backend: { type: 'string', default: 'wasm' },
    head: { type: 'string', default: 'on' },
    brand: { type: 'string', default: '' },
    json: { type: 'boolean', default: false },
  },
  positionals: true,
});
const engine: ImageEngine = oneOf(USAGE, '--engine', values.engine, IMAGE_ENGINES);
const backend: TfjsBackend = oneOf(USAGE, '--backend', values.backend, ['wasm', 'cpu']);
const useHead = oneOf(USAGE, '--head', values.head, ['on', 'off']) === 'on';
if (files.length === 0) usageError(USAGE, 'No image files given.');

let loaded;
let head: Awaited<ReturnType<typeof loadNodePhotoHead>> = null;
try {
  loaded = await loadNodeEngine(engine, [backend, 'cpu']);
  head = useHead ? await loadNodePhotoHead(engine) : null;
} catch (e) {
  const err = toErrorData(e);
  for (const file of files) console.log(JSON.stringify({ file, error: err }));
  console.error(err.message);
  process.exit(1);
}

let failed = 0;
for (const file of files) {
  const t0 = performance.now();
  try {
    const img = await decodeImageFile(file);
    const t1 = performance.now();
    const { probs, embedding, colour, ms } = await classifyRgba(loaded.classifier, loaded.entry, img);
    const th = performance.now();
    const outputs = head && embedding ? await head.run(embedding, colour) : null;
    const headMs = performance.now() - th;
    const s = suggestWithHead(probs, outputs, head?.labels ?? null, { brand: values.brand || null });
    const total = performance.now() - t0;
    const out = {
      file,
      title: s.title,
      category: { path: s.category.path, score: r3(s.category.score) },
      alternatives: s.alternatives.map((a) => ({ path: a.path, score: r3(a.score) })),
      product: s.product,
      ...(s.reason ? { reason: s.reason } : {}),
      labels: s.labels.map((l) => ({ label: l.label, score: r3(l.score) })),
      department: s.department ? { name: s.department.name, score: r3(s.department.score) } : null,
      colour: s.colour ? { name: s.colour.name, score: r3(s.colour.score) } : null,
      scores: { category: r3(s.confidence), department: s.department ? r3(s.department.score) : null, colour: s.colour ? r3(s.colour.score) : null },
      unsure: s.unsure,
      source: s.source,
      kind: s.kind,
      engine,
      backend: loaded.classifier.backend,
      ms: { decode: r1(t1 - t0), preprocess: r1(ms.preprocess), infer: r1(ms.infer), head: r1(headMs), total: r1(total) },
    };
    if (values.json) console.log(JSON.stringify(out));
    else
      console.log(
        `${file}: ${s.product ? s.title : `not a product (${s.reason})`} — ${categoryId(s.category.path)} ${(s.category.score * 100).toFixed(0)}% [${engine}/${out.backend}, ${out.ms.total} ms]`,
      );
  } catch (e) {
    failed++;
    const error = toErrorData(e);
    if (values.json) console.log(JSON.stringify({ file, error }));
    else console.log(`${file}: ERROR ${error.code}: ${error.message}`);
  }
}
process.exit(failed === files.length ? 1 : 0);
