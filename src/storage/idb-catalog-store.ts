/** CatalogStore on the app's IndexedDB database: lookups by GTIN-13, batch upserts in one transaction each. */
import type { CatalogEntry, CatalogStore } from '../core/catalog.ts';
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
