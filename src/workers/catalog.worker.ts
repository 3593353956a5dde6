/// <reference lib="webworker" />
/**
 * The catalog worker: installs the starter catalog (the sha256-checked asset from /models/catalog/, gunzipped
 * with DecompressionStream) into IndexedDB on first use, and keeps an in-memory index of every catalog entry
 * so that "Is it this?" matching never runs on the main thread.
 */
import manifestJson from '../../models/manifest.json';
import { AppError } from '../core/errors.ts';
import { CatalogMatcher } from '../core/catalog-match.ts';
import { decodeStarter } from '../core/catalog-starter.ts';
import type { ModelEntry, ModelManifest } from '../core/model-manifest.ts';
import { browserModelFiles } from '../ml/browser-model-files.ts';
import { openAppDb } from '../storage/db.ts';
import { IdbCatalogStore } from '../storage/idb-catalog-store.ts';
import { CATALOG_REQUESTS, type CatalogRequest, type CatalogResponse, type StarterInfo } from './catalog-protocol.ts';
import { serveRequests } from './serve.ts';

const STARTER_ID = 'starter-catalog';
const matcher = new CatalogMatcher();
let store: Promise<IdbCatalogStore> | null = null;
const getStore = () => {
  store ??= openAppDb().then((db) => new IdbCatalogStore(db));
  store.catch(() => (store = null));
  return store;
};

async function gunzipJson(bytes: Uint8Array): Promise<unknown> {
  if (typeof DecompressionStream === 'undefined')
    throw new AppError('backend-unavailable', 'This browser cannot decompress the starter catalog (no DecompressionStream).');
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return JSON.parse(await new Response(stream).text());
}

/** Installs (or upgrades) the starter rows; rows the seller imported for the same code are kept. */
async function installStarter(s: IdbCatalogStore, force: boolean): Promise<StarterInfo> {
  const entry = (manifestJson as unknown as ModelManifest).models.find((m) => m.id === STARTER_ID) as ModelEntry | undefined;
  const file = entry?.files[0];
  if (!entry || !file) throw new AppError('model-missing', 'This build lists no starter catalog.');
  const have = await s.starterInfo();
  if (!force && have?.sha256 === file.sha256) return have;
  let bytes: Uint8Array;
  try {
    bytes = await browserModelFiles(entry).read(file.path);
  } catch (e) {
    throw new AppError(
      (e as AppError).code ?? 'model-missing',
      `The starter catalog is not installed (${(e as Error).message.replace(/ Run `npm run models`.*$/, '')}). Run \`npm run models\` to build it, then reload.`,
    );
  }
  const { sources, entries } = decodeStarter(await gunzipJson(bytes));
  const info: StarterInfo = { sha256: file.sha256, entries: entries.length, sources };
  await s.installStarter(entries, info, { force }); // resumes an install a closed page left half done
  return info;
}

async function reindex(s: IdbCatalogStore): Promise<number> {
  matcher.clear();
  matcher.add(await s.all());
  matcher.prepare();
  return matcher.size;
}

async function handle(req: CatalogRequest, _signal: AbortSignal, post: (m: CatalogResponse) => void): Promise<void> {
  const t0 = performance.now();
  if (req.type === 'match') {
    const candidates = matcher.match(req.query, req.limit ?? 3);
    post({ id: req.id, type: 'matches', candidates, ms: performance.now() - t0 });
    return;
  }
  const s = await getStore();
  let starter: StarterInfo | null = null;
  let starterError = '';
  if (req.type === 'init') {
    try {
      starter = await installStarter(s, req.force ?? false);
    } catch (e) {
      starterError = (e as Error).message;
    }
  } else starter = (await s.starterInfo()) ?? null;
  const indexed = await reindex(s);
  post({ id: req.id, type: 'ready', starter, starterError, indexed, ms: performance.now() - t0 });
}

serveRequests<CatalogRequest, CatalogResponse>(CATALOG_REQUESTS, handle);
