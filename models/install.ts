/**
 * npm run models — installs every model file listed in models/manifest.json into public/models/<dir>/
 * (ignored by git, served by the app at /models/...), verifying byte size and sha256.
 *
 * Source, in order: MODELS_SOURCE (a local folder laid out like ../shared/models), else ../shared/models
 * when it exists, else each file's official public URL. Files already present with the right hash are kept.
 * Our own trained models (source: "repo") are copied from this folder. Files marked `derivedFrom` are never
 * copied: they are produced by our converter (models/convert/) from the official source file, itself checked.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelFile, ModelManifest } from '../src/core/model-manifest.ts';
import { deriveFile } from './convert/derive.ts';
import { npmModelFile } from './nsfw-extract.ts';
import { parseCli } from '../src/cli/args.ts';
import { sha256Hex } from '../src/ml/sha256-node.ts';

parseCli({ usage: 'usage: npm run models   (MODELS_SOURCE=<folder> and MODELS_DEST=<folder> set where from / to)', options: {} });

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(await readFile(join(root, 'models/manifest.json'), 'utf8')) as ModelManifest;
const dest = resolve(root, process.env.MODELS_DEST ?? 'public/models');
const localDefault = resolve(root, '../shared/models');
const source = process.env.MODELS_SOURCE ? resolve(process.env.MODELS_SOURCE) : existsSync(localDefault) ? localDefault : null;

const sha256 = sha256Hex;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** A source file from the local folder when it has it, else from its official URL. */
async function readSource(dir: string, spec: ModelFile): Promise<{ bytes: Uint8Array; from: string }> {
  const local = source ? join(source, dir, spec.path) : null;
  if (local && existsSync(local)) return { bytes: await readFile(local), from: local };
  if (!spec.url) throw new Error(`${spec.path}: no local copy and no public URL`);
  return { bytes: await fetchBytes(spec.url), from: spec.url };
}
const derived = new Map<string, Promise<Map<string, Uint8Array>>>();

let installed = 0;
let kept = 0;
const failures: string[] = [];
for (const model of manifest.models) {
  for (const file of model.files) {
    const target = join(dest, model.dir, file.path);
    if (existsSync(target) && sha256(await readFile(target)) === file.sha256) {
      kept++;
      continue;
    }
    let bytes: Uint8Array | null;
    let from: string;
    try {
      if (model.source === 'repo') {
        from = join(root, 'models', model.dir, file.path);
        bytes = await readFile(from);
      } else if (model.source === 'npm') {
        from = `node_modules/${model.npm?.package}`;
        bytes = npmModelFile(root, model, file.path);
      } else if (file.derivedFrom) {
        ({ bytes, from } = await deriveFile(model, file, (spec) => readSource(model.dir, spec), derived));
      } else if (source && existsSync(join(source, model.dir, file.path))) {
        from = join(source, model.dir, file.path);
        bytes = await readFile(from);
      } else if (file.url) {
        from = file.url;
        bytes = await fetchBytes(file.url);
      } else {
        throw new Error('no local source has it and it has no public URL; set MODELS_SOURCE to a folder that holds it');
      }
      if (bytes.length !== file.bytes) throw new Error(`size ${bytes.length} from ${from}, expected ${file.bytes}`);
      const got = sha256(bytes);
      if (got !== file.sha256) throw new Error(`sha256 ${got} from ${from}, expected ${file.sha256}`);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(`${target}.part`, bytes);
      await rename(`${target}.part`, target);
      installed++;
    } catch (e) {
      failures.push(`${model.id}/${file.path}: ${(e as Error).message}`);
    }
  }
}
console.log(
  `models: ${installed} installed, ${kept} already present, ${failures.length} failed → ${dest}` +
    (source ? ` (source ${source})` : ' (source: official URLs)'),
);
if (failures.length) {
  for (const f of failures) console.error(`  ✗ ${f}`);
  process.exit(1);
}
