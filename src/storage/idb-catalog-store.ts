/**
 * CatalogStore on the app's IndexedDB database: lookups by GTIN-13, batch upserts in one transaction each.
 * Starter rows (origin 'starter', installed with the app) never replace a row the seller imported.
 */
import type { CatalogEntry, CatalogStore } from '../core/catalog.ts';
import type { StarterInfo } from '../workers/catalog-protocol.ts';
import { isQuotaError, type AppDb } from './db.ts';

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
  }

  /** Starter rows, one transaction per batch; a code the seller imported keeps the seller's row. */
  async putStarter(rows: CatalogEntry[]): Promise<void> {
    try {
      const tx = this.db.transaction('catalog', 'readwrite');
      await Promise.all([
        ...rows.map(async (r) => {
          const had = await tx.store.get(r.gtin13);
          if (!had || had.origin === 'starter') await tx.store.put(r);
        }),
        tx.done,
      ]);
    } catch (e) {
      if (isQuotaError(e) || isQuotaError((e as { cause?: unknown })?.cause)) throw new CatalogFullError();
      throw e;
    }
  }

  async starterInfo(): Promise<StarterInfo | undefined> {
    return (await this.db.get('meta', 'starter-catalog'))?.value as StarterInfo | undefined;
  }

  async setStarterInfo(info: StarterInfo): Promise<void> {
    await this.db.put('meta', { key: 'starter-catalog', value: info });
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
