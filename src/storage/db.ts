/** The app's one IndexedDB database: schema versions and upgrades in one place. */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Draft } from '../core/draft.ts';
import type { CatalogEntry } from '../core/catalog.ts';
import { DB_NAME, DB_VERSION, migrateDraft } from '../core/draft-migrations.ts';

export interface AppSchema extends DBSchema {
  drafts: { key: string; value: Draft; indexes: { updatedAt: number } };
  catalog: { key: string; value: CatalogEntry };
  /** Import progress per file (resumable imports). */
  meta: { key: string; value: { key: string; value: unknown } };
}

export type AppDb = IDBPDatabase<AppSchema>;

/** Throws when IndexedDB is unavailable (private mode in some browsers, storage disabled). */
export async function openAppDb(name = DB_NAME): Promise<AppDb> {
  if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('IndexedDB is not available');
  const db = await openDB<AppSchema>(name, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) db.createObjectStore('drafts', { keyPath: 'id' });
      if (oldVersion < 2) {
        const store = tx.objectStore('drafts');
        if (oldVersion >= 1) {
          let cursor = await store.openCursor();
          while (cursor) {
            await cursor.update(migrateDraft(cursor.value, oldVersion));
            cursor = await cursor.continue();
          }
        }
        store.createIndex('updatedAt', 'updatedAt');
      }
      if (oldVersion < 3) {
        db.createObjectStore('catalog', { keyPath: 'gtin13' });
        db.createObjectStore('meta', { keyPath: 'key' });
      }
    },
    blocking() {
      db.close(); // another tab upgrades the schema: let it
    },
  });
  return db;
}

export function isQuotaError(e: unknown): boolean {
  const name = (e as DOMException)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || (e instanceof Error && /quota/i.test(e.message));
}
