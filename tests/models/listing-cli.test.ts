/**
 * The listing CLIs as an operator runs them: `npm run price -- --json` (JSON lines in → out) and
 * `npm run train -- --data <file>` (retraining from a marketplace's own listings, into a scratch folder), with the
 * bad inputs the issue names: wrong columns, wrong encoding, negative / absurd / missing prices, and a write that
 * fails half-way.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../models/train/csv.ts';
import { writeAllAtomically } from '../../models/train/artifacts.ts';
import { loadListingModels } from '../../src/cli/price.ts';
import { isCategoryPath } from '../../src/core/taxonomy.ts';

const DATA = resolve(process.env.DATA_DIR ?? '../shared/data');
const KAGGLE = join(DATA, 'listings/mercari-kaggle-head5000/train_head5000.tsv');

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}
function tsx(script: string, args: string[], input?: string): Promise<Ran> {
  return new Promise((res) => {
    const child = execFile('npx', ['tsx', script, ...args], { maxBuffer: 1 << 26, timeout: 300_000 }, (err, stdout, stderr) =>
      res({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}
const scratch = () => mkdtempSync(join(tmpdir(), 'listing-cli-'));

describe('npm run price -- --json', () => {
  it('answers each JSON line with an ordered price range, a category in our tree and alternatives', async () => {
    const rows = [
      {
        name: 'Nike Air Max 90 running shoes',
        brand_name: 'Nike',
        category_name: 'Men/Shoes/Athletic',
        item_condition_id: 3,
        shipping: 1,
        item_description: 'worn twice',
      },
      { name: '🔥🔥🔥' },
      {},
      { name: 'x'.repeat(5000), item_condition_id: 'Like new', shipping: 'seller' },
    ];
    const r = await tsx('src/cli/price.ts', ['--json'], rows.map((o) => JSON.stringify(o)).join('\n') + '\nnot json\n');
    expect(r.code).toBe(1); // the last line is not JSON: reported on its line, exit code 1
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(5);
    for (const o of out.slice(0, 4)) {
      expect(o.price.low).toBeGreaterThan(0);
      expect(o.price.low).toBeLessThanOrEqual(o.price.mid);
      expect(o.price.mid).toBeLessThanOrEqual(o.price.high);
      expect(isCategoryPath(o.category.path)).toBe(true);
      expect(o.category.score).toBeGreaterThan(0);
      expect(o.alternatives).toHaveLength(3);
    }
    expect(out[0].category.path[0]).toBe('Fashion');
    expect(out[4].error.code).toBe('bad-input');
  }, 120_000);
});

describe('npm run train -- --data <file> (operator retraining)', () => {
  it('retrains both models from a Mercari-style file, counting the rows it filtered, with progress, into --out', async () => {
    const dir = scratch();
    const head = readFileSync(KAGGLE, 'utf8');
    const table = readTable(KAGGLE, ['name', 'price']);
    expect(table.length).toBeGreaterThan(1000);
    // The first 1,200 real rows, plus a negative, an absurd and a missing price.
    const lines = head.split('\n');
    const header = lines[0];
    const cols = header.split('\t');
    const firstRows = table.slice(0, 1200).map((o) => cols.map((c) => (/[\t\n"]/.test(o[c]) ? `"${o[c].replace(/"/g, '""')}"` : o[c])).join('\t'));
    const bad = (price: string) => cols.map((c) => (c === 'price' ? price : c === 'name' ? 'Bad price row' : c === 'train_id' ? '999999' : '')).join('\t');
    const file = join(dir, 'shop.tsv');
    writeFileSync(file, [header, ...firstRows, bad('-5'), bad('250000'), bad('')].join('\n') + '\n');
    const out = join(dir, 'models');
    const r = await tsx('models/train/train.ts', ['--data', file, '--out', out, '--quick']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/"nonPositive":1/);
    expect(r.stderr).toMatch(/"absurd":1/);
    expect(r.stderr).toMatch(/"unparsable":1/);
    expect(r.stderr).toMatch(/price 100%/); // progress (one line per 10% when not a terminal)
    for (const f of ['price/price.onnx', 'price/price.json', 'price/CARD.md', 'category/category.onnx', 'category/category.json', 'category/CARD.md'])
      expect(existsSync(join(out, f)), f).toBe(true);
    expect(readFileSync(join(out, 'price/CARD.md'), 'utf8')).toContain(`Operator file \`${file}\``);
    expect(readdirSync(join(out, 'price')).filter((f) => f.includes('.tmp-'))).toEqual([]);
    // The retrained files run in onnxruntime-web like the shipped ones.
    const models = await loadListingModels(out);
    const p = await models.predictPrice({ name: 'Nike running shoes', brand_name: 'Nike', item_condition_id: 3, shipping: 1 });
    expect(p.low).toBeGreaterThan(0);
    expect(p.low).toBeLessThanOrEqual(p.high);
    expect(isCategoryPath((await models.predictCategory('Nike running shoes')).path)).toBe(true);
    await models.release();
  }, 300_000);

  it('a file with wrong columns is refused with a message naming them, and writes nothing', async () => {
    const dir = scratch();
    const file = join(dir, 'wrong.csv');
    writeFileSync(file, 'title,cost\nNike shoes,20\n');
    const out = join(dir, 'models');
    const r = await tsx('models/train/train.ts', ['--data', file, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing column\(s\) name, item_condition_id, category_name, brand_name, price/);
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it('a file that is not UTF-8 is refused with a message', async () => {
    const dir = scratch();
    const file = join(dir, 'latin1.csv');
    writeFileSync(file, Buffer.from('name,price\nCaf\xe9 mug,5\n', 'latin1'));
    const r = await tsx('models/train/train.ts', ['--data', file, '--out', join(dir, 'models')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not valid UTF-8/);
  }, 120_000);
});

describe('model files are written all or nothing', () => {
  it('a failure while writing leaves neither new files nor temp files behind', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'ok'));
    writeFileSync(join(dir, 'blocker'), 'a file where a folder is needed');
    expect(() =>
      writeAllAtomically([
        { path: join(dir, 'ok/model.onnx'), data: new Uint8Array([1, 2, 3]) },
        { path: join(dir, 'blocker/model.json'), data: '{}' },
      ]),
    ).toThrow();
    expect(readdirSync(join(dir, 'ok'))).toEqual([]);
  });
});
