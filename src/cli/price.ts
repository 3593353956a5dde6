/**
 * npm run price -- --json [--models <dir>] < rows.jsonl
 * Each input line: {"name","brand_name","category_name","item_condition_id","shipping","item_description"}
 * (any may be missing; `category_path`, our tree's path, is accepted too) → one output line: {"price":{"low","mid","high"},"category":{"path","score"},"alternatives":[...]}.
 * A line that is not a JSON object gets {"error":{code,message}} and the exit code becomes 1.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ListingModels } from '../ml/listing-models.ts';
import { AppError, toErrorData } from '../core/errors.ts';
import type { ListingInput } from '../core/text-features.ts';
import { parseCli } from './args.ts';

const FIELDS = ['name', 'brand_name', 'category_name', 'item_condition_id', 'shipping', 'item_description'] as const;

export async function loadListingModels(dir: string): Promise<ListingModels> {
  const read = async (p: string) => {
    try {
      return await readFile(resolve(dir, p));
    } catch {
      throw new AppError('model-missing', `Model file ${resolve(dir, p)} is missing: run \`npm run train\`.`);
    }
  };
  const [pm, pj, cm, cj] = await Promise.all([
    read('price/price.onnx'),
    read('price/price.json'),
    read('category/category.onnx'),
    read('category/category.json'),
  ]);
  return ListingModels.create({
    price: { model: new Uint8Array(pm), meta: pj.toString('utf8') },
    category: { model: new Uint8Array(cm), meta: cj.toString('utf8') },
  });
}

/** Keeps the known fields; strings and numbers only (anything else is treated as missing). */
export function toListingInput(o: Record<string, unknown>): ListingInput {
  const row: Record<string, string | number | string[]> = {};
  for (const f of FIELDS) {
    const v = o[f];
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) row[f] = v;
  }
  // Optional extra: our tree's path, as the app's form holds it.
  const p = o.category_path;
  if (Array.isArray(p) && p.every((x) => typeof x === 'string')) row.category_path = p as string[];
  return row as ListingInput;
}

async function main(): Promise<number> {
  const { values } = parseCli({
    usage: 'usage: npm run price -- --json [--models <dir>] < rows.jsonl',
    // Output is always JSON lines; --json is accepted because the documented command names it.
    options: { json: { type: 'boolean', default: false }, models: { type: 'string', default: resolve(import.meta.dirname, '../../models') } },
  });
  const dir = values.models;
  let models: ListingModels;
  try {
    models = await loadListingModels(dir);
  } catch (e) {
    process.stderr.write(`price: ${toErrorData(e).message}\n`);
    return 2;
  }
  let failed = false;
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      obj = undefined;
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
      failed = true;
      process.stdout.write(JSON.stringify({ error: { code: 'bad-input', message: `not a JSON object: ${line.slice(0, 80)}` } }) + '\n');
      continue;
    }
    const row = toListingInput(obj as Record<string, unknown>);
    const [price, cat] = await Promise.all([models.predictPrice(row), models.predictCategory(row.name ?? '', 4, row.brand_name)]);
    process.stdout.write(
      JSON.stringify({
        price,
        category: { path: cat.path, score: round4(cat.score) },
        alternatives: cat.alternatives.map((a) => ({ path: a.path, score: round4(a.score) })),
      }) + '\n',
    );
  }
  await models.release();
  return failed ? 1 : 0;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

// Only as a program (eval:price and the tests import loadListingModels from here).
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename))
  main().then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`price: ${toErrorData(e).message}\n`);
      process.exit(1);
    },
  );
