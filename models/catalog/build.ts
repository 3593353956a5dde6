/**
 * Builds the starter catalog (barcode → product) shipped with the app: Datakick (CC0) + goodbooks-10k
 * (CC BY-SA 4.0), each read from DATA_DIR (default ../shared/data) or else its public URL at a fixed commit,
 * sha256-verified, parsed with the app's own catalog parser, compacted into one gzipped JSON document
 * (src/core/catalog-starter.ts) at public/models/catalog/starter-catalog.json.gz. The output is deterministic
 * (sorted rows, fflate gzip with mtime 0), so its sha256 is pinned in models/manifest.json like a model's and
 * the service worker's model cache serves it offline.
 *
 *   npx tsx models/catalog/build.ts          build + check against the manifest (run by `npm run models`)
 *   npx tsx models/catalog/build.ts --pin    build + write its size/sha256 into models/manifest.json
 */
import { sha256Hex } from '../../src/ml/sha256-node.ts';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, strToU8 } from 'fflate';
import { parseCli } from '../../src/cli/args.ts';
import { CatalogParser, type ColumnMap } from '../../src/core/catalog-parse.ts';
import { encodeStarter, type StarterSource } from '../../src/core/catalog-starter.ts';
import type { CatalogEntry } from '../../src/core/catalog.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
export const STARTER_ID = 'starter-catalog';
export const STARTER_DIR = 'catalog';
export const STARTER_FILE = 'starter-catalog.json.gz';

interface Input {
  source: Omit<StarterSource, 'rows'>;
  /** Path under DATA_DIR. */
  local: string;
  sha256: string;
  columns: ColumnMap;
}

export const INPUTS: Input[] = [
  {
    source: {
      id: 'datakick',
      name: 'Datakick',
      licence: 'CC0 1.0',
      licenceUrl: 'https://creativecommons.org/publicdomain/zero/1.0/',
      url: 'https://github.com/ferrisoxide/brocade_sources/blob/7dc9f9a94ce9ba189db857994fef02f92d2aaa9d/datakick/items.csv',
    },
    local: 'catalog/datakick-cc0/items.csv',
    sha256: '55a2f201020ad688952c8694e7aa8aa062ad5736dd531128f72b1b174e927f7f',
    columns: { codes: ['GTIN-14'], title: 'Name', brand: 'Brand Name', size: 'Size', creator: 'Author' },
  },
  {
    source: {
      id: 'goodbooks-10k',
      name: 'goodbooks-10k',
      licence: 'CC BY-SA 4.0',
      licenceUrl: 'https://creativecommons.org/licenses/by-sa/4.0/',
      url: 'https://github.com/zygmuntz/goodbooks-10k/blob/6dd165b555a7b47b2dd36743a425776e641ff50c/books.csv',
    },
    local: 'catalog/goodbooks-10k/books.csv',
    sha256: '4d21d0e0433128657c752e3a3d0405ac0ec11675d6c70c64cb0abf4ab1acb76a',
    // isbn13 is a spreadsheet float (unusable); isbn is ISBN-10 with leading zeros stripped (the parser pads it)
    columns: { codes: ['isbn'], title: 'title', creator: 'authors' },
  },
];

const rawUrl = (blobUrl: string) => blobUrl.replace('https://github.com/', 'https://raw.githubusercontent.com/').replace('/blob/', '/');
const sha256 = sha256Hex;

async function readInput(inp: Input, dataDir: string): Promise<Uint8Array> {
  const local = join(dataDir, inp.local);
  let bytes: Uint8Array;
  let from: string;
  if (existsSync(local)) {
    bytes = await readFile(local);
    from = local;
  } else {
    from = rawUrl(inp.source.url);
    const res = await fetch(from);
    if (!res.ok) throw new Error(`${inp.source.name}: HTTP ${res.status} for ${from} (and ${local} does not exist; set DATA_DIR)`);
    bytes = new Uint8Array(await res.arrayBuffer());
  }
  const got = sha256(bytes);
  if (got !== inp.sha256) throw new Error(`${inp.source.name}: sha256 ${got} from ${from}, expected ${inp.sha256}`);
  return bytes;
}

export interface BuildResult {
  bytes: Uint8Array;
  entries: number;
  rawBytes: number;
  sources: StarterSource[];
}

/** Later sources win on a shared GTIN (goodbooks' book titles are better than Datakick's). */
export async function buildStarter(dataDir = resolve(root, process.env.DATA_DIR ?? '../shared/data')): Promise<BuildResult> {
  const byGtin = new Map<string, Omit<CatalogEntry, 'source'> & { sourceIndex: number }>();
  const sources: StarterSource[] = [];
  for (const [i, inp] of INPUTS.entries()) {
    const text = new TextDecoder('utf-8').decode(await readInput(inp, dataDir));
    const parser = new CatalogParser({ format: 'csv', columns: inp.columns });
    let rows = 0;
    const take = (b: ReturnType<CatalogParser['push']>) => {
      for (const r of b.accepted) {
        rows++;
        byGtin.set(r.gtin13, {
          gtin13: r.gtin13,
          sourceIndex: i,
          title: r.title.replace(/\s+/g, ' ').trim(),
          ...(r.creator ? { creator: r.creator } : {}),
          ...(r.brand ? { brand: r.brand } : {}),
          ...(r.size ? { size: r.size } : {}),
          ...(r.category ? { category: r.category } : {}),
        });
      }
    };
    for (let k = 0; k < text.length; k += 1 << 16) take(parser.push(text.slice(k, k + (1 << 16))));
    take(parser.end());
    sources.push({ ...inp.source, rows });
  }
  const json = JSON.stringify(encodeStarter(sources, [...byGtin.values()]));
  const raw = strToU8(json);
  return { bytes: gzipSync(raw, { level: 9, mtime: 0 }), entries: byGtin.size, rawBytes: raw.length, sources };
}

interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
  url: string | null;
}
interface Manifest {
  version: string;
  models: { id: string; dir: string; files: ManifestFile[] }[] & Record<string, unknown>[];
}

async function main() {
  const { values } = parseCli({
    usage: 'usage: npx tsx models/catalog/build.ts [--pin]   (run by npm run models; DATA_DIR=<folder> sets where ../shared/data is)',
    options: { pin: { type: 'boolean' } },
  });
  const pin = values.pin === true;
  const dest = resolve(root, process.env.MODELS_DEST ?? 'public/models');
  const out = join(dest, STARTER_DIR, STARTER_FILE);
  const r = await buildStarter();
  const digest = sha256(r.bytes);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(`${out}.part`, r.bytes);
  await rename(`${out}.part`, out);
  const summary = `starter catalog: ${r.entries.toLocaleString('en-US')} entries (${r.sources.map((s) => `${s.name} ${s.rows.toLocaleString('en-US')}`).join(', ')}), ${r.bytes.length.toLocaleString('en-US')} bytes gzip (${r.rawBytes.toLocaleString('en-US')} raw) → ${out}`;
  const manifestPath = join(root, 'models/manifest.json');
  // read-modify-write at once: models/manifest.json is shared
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
  let entry = manifest.models.find((m) => m.id === STARTER_ID);
  if (pin) {
    if (!entry) {
      entry = {
        id: STARTER_ID,
        name: 'Starter catalog (Datakick + goodbooks-10k)',
        task: 'catalog',
        dir: STARTER_DIR,
        entry: STARTER_FILE,
        licence: 'Datakick: CC0 1.0; goodbooks-10k: CC BY-SA 4.0 (attribution shown in the catalog panel; this compilation is shared alike)',
        upstream: INPUTS.map((x) => x.source.url).join(' '),
        source: 'build',
        files: [],
      } as unknown as Manifest['models'][number];
      manifest.models.push(entry);
    }
    const file = { path: STARTER_FILE, bytes: r.bytes.length, sha256: digest, url: null };
    const before = JSON.stringify(entry.files);
    entry.files = [file];
    if (before !== JSON.stringify(entry.files)) {
      const [date, n] = manifest.version.split('-');
      const today = new Date().toISOString().slice(0, 10).replace(/-/g, '.');
      manifest.version = date === today ? `${today}-${Number(n ?? 0) + 1}` : `${today}-1`;
      await writeFile(`${manifestPath}.tmp`, JSON.stringify(manifest, null, 2) + '\n');
      await rename(`${manifestPath}.tmp`, manifestPath);
      console.log(`models/manifest.json: ${STARTER_FILE} pinned (${digest}), version ${manifest.version}`);
    }
  } else {
    const want = entry?.files.find((f) => f.path === STARTER_FILE);
    if (!want) throw new Error(`models/manifest.json has no ${STARTER_ID} entry: run \`npx tsx models/catalog/build.ts --pin\``);
    if (want.sha256 !== digest || want.bytes !== r.bytes.length) {
      throw new Error(
        `built ${STARTER_FILE} is ${r.bytes.length} bytes, sha256 ${digest}; models/manifest.json pins ${want.bytes} bytes, ${want.sha256}. The inputs are sha256-checked, so the builder changed: run \`npx tsx models/catalog/build.ts --pin\` and commit the manifest`,
      );
    }
  }
  console.log(summary);
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`starter catalog: ${(e as Error).message}`);
    process.exit(1);
  });
}
