/**
 * The explicit-photo model ships inside the `nsfwjs` npm package as browserify-wrapped JS (model JSON + base64
 * weights). This unwraps it into plain TF.js layers-model files (model.json, group1-shard1of1.bin, labels.txt)
 * so it is installed, hashed and served like every other model; nothing of nsfwjs's own JS runs in the app.
 * Deterministic for a given package version (checked against the sha256 in models/manifest.json by install.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ModelEntry } from '../src/core/model-manifest.ts';

interface KerasModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: object[] }[];
}

const NSFW_CLASSES = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy']; // nsfwjs dist/esm/nsfw_classes.js, in output order

/** Bytes of one installed file of a `source: "npm"` model, produced from the package in node_modules. */
export function npmModelFile(root: string, model: ModelEntry, path: string): Uint8Array {
  const npm = model.npm;
  if (!npm) throw new Error(`${model.id}: source "npm" needs an "npm" field (package, version, dir)`);
  const req = createRequire(join(root, 'package.json'));
  const base = join(root, 'node_modules', npm.package); // absolute paths: the package's "exports" hide these files
  const pkg = JSON.parse(readFileSync(join(base, 'package.json'), 'utf8')) as { version: string };
  if (pkg.version !== npm.version) throw new Error(`node_modules has ${npm.package}@${pkg.version}, the manifest wants ${npm.version} (run npm ci)`);
  const dir = join(base, npm.dir);
  const json = req(`${dir}/model.min.js`) as KerasModelJson;
  const shards = json.weightsManifest.flatMap((g) => g.paths);
  if (path === 'model.json') {
    const out = {
      format: 'layers-model',
      generatedBy: `${npm.package}@${npm.version}`,
      convertedBy: 'models/nsfw-extract.ts',
      modelTopology: json.modelTopology,
      weightsManifest: json.weightsManifest.map((g) => ({ ...g, paths: g.paths.map((p) => `${p}.bin`) })),
    };
    return new TextEncoder().encode(JSON.stringify(out));
  }
  if (path === 'labels.txt') return new TextEncoder().encode(NSFW_CLASSES.join('\n') + '\n');
  const shard = shards.find((s) => `${s}.bin` === path);
  if (!shard) throw new Error(`${model.id}: ${path} is not a file of ${dir}`);
  const b64 = req(`${dir}/${shard}.min.js`) as string;
  return new Uint8Array(Buffer.from(b64, 'base64'));
}
