/**
 * CatalogStore on the app's IndexedDB database: lookups by GTIN-13, batch upserts in one transaction each.
 * Starter rows (origin 'starter', installed with the app) never replace a row the seller imported.
 */
import type { CatalogEntry, CatalogStore } from '../core/catalog.ts';
import type { StarterInfo } from '../workers/catalog-protocol.ts';
import { isQuotaError, type AppDb } from './db.ts';

const STARTER_PROGRESS = 'starter-progress';

/** How far an interrupted starter install got: rows [0, done) of the `entries` decoded from the file with this sha256 are committed. */
export interface StarterProgress {
  sha256: string;
  entries: number;
  done: number;
}

export class CatalogFullError extends Error {
  constructor() {
    super('Storage is full: the catalog could not take more rows.');
  }
}

export class IdbCatalogStore implements CatalogStore {
  constructor(private readonly db: AppDb) {}

  get(gtin13: string): Promise<CatalogEntry | undefined> {
    return this.db.get('catalog', gtin13);
  }

  async putBatch(rows: CatalogEntry[]): Promise<void> {
    try {
      const tx = this.db.transaction('catalog', 'readwrite');
      await Promise.all([...rows.map((r) => tx.store.put(r)), tx.done]);
    } catch (e) {
      if (isQuotaError(e) || isQuotaError((e as { cause?: unknown })?.cause)) throw new CatalogFullError();
      throw e;
    }
  }

  count(): Promise<number> {
    return this.db.count('catalog');
  }

  async clear(): Promise<void> {
    await this.db.clear('catalog');
    await this.db.delete('meta', 'catalog-import');
    await this.db.delete('meta', 'starter-catalog');
    await this.db.delete('meta', STARTER_PROGRESS);
  }

  /**
   * Starter rows, one transaction per batch; a code the seller imported keeps the seller's row. `progress` is written
   * in the same transaction, so it never claims a batch that did not commit.
   */
  async putStarter(rows: CatalogEntry[], progress?: StarterProgress): Promise<void> {
    try {
      const tx = this.db.transaction(['catalog', 'meta'], 'readwrite');
      const catalog = tx.objectStore('catalog');
      await Promise.all([
        ...rows.map(async (r) => {
          const had = await catalog.get(r.gtin13);
          if (!had || had.origin === 'starter') await catalog.put(r);
        }),
        progress && tx.objectStore('meta').put({ key: STARTER_PROGRESS, value: progress }),
        tx.done,
      ]);
    } catch (e) {
      if (isQuotaError(e) || isQuotaError((e as { cause?: unknown })?.cause)) throw new CatalogFullError();
      throw e;
    }
  }

  /**
   * Installs the starter rows in batches with their progress: a page closed mid-install resumes after the last
   * committed batch on the next visit (same file), instead of starting over beside the photo path.
   */
  async installStarter(entries: CatalogEntry[], info: StarterInfo, opts: { batch?: number; force?: boolean } = {}): Promise<{ resumedFrom: number }> {
    const batch = opts.batch ?? 2000;
    const p = await this.starterProgress();
    // the same file decoded to the same rows (a newer decoder that reads it differently starts over)
    const from = !opts.force && p?.sha256 === info.sha256 && p.entries === entries.length ? Math.min(p.done, entries.length) : 0;
    for (let i = from; i < entries.length; i += batch)
      await this.putStarter(entries.slice(i, i + batch), { sha256: info.sha256, entries: entries.length, done: Math.min(i + batch, entries.length) });
    await this.setStarterInfo(info);
    return { resumedFrom: from };
  }

  async starterProgress(): Promise<StarterProgress | undefined> {
    return (await this.db.get('meta', STARTER_PROGRESS))?.value as StarterProgress | undefined;
  }

  async starterInfo(): Promise<StarterInfo | undefined> {
    return (await this.db.get('meta', 'starter-catalog'))?.value as StarterInfo | undefined;
  }

  /** Marks the install complete (and drops its progress) in one transaction. */
  async setStarterInfo(info: StarterInfo): Promise<void> {
    const tx = this.db.transaction('meta', 'readwrite');
    await Promise.all([tx.store.put({ key: 'starter-catalog', value: info }), tx.store.delete(STARTER_PROGRESS), tx.done]);
  }

  all(): Promise<CatalogEntry[]> {
    return this.db.getAll('catalog');
  }

  async progress(): Promise<ImportProgress | undefined> {
    return (await this.db.get('meta', 'catalog-import'))?.value as ImportProgress | undefined;
  }

  async setProgress(p: ImportProgress | null): Promise<void> {
    if (p) await this.db.put('meta', { key: 'catalog-import', value: p });
    else await this.db.delete('meta', 'catalog-import');
  }
}

/** An import in progress: the same file (name, size, date) resumes after the last committed line. */
export interface ImportProgress {
  file: string;
  size: number;
  lastModified: number;
  lineDone: number;
}
