/** DraftStore on IndexedDB (through `idb`), with versioned schema upgrades. */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { StorageFullError, summarise, type Draft, type DraftStore, type DraftSummary, type SaveResult } from '../core/draft.ts';
import { DB_NAME, DB_VERSION, migrateDraftV1, type DraftV1 } from '../core/draft-migrations.ts';

interface Schema extends DBSchema {
  drafts: { key: string; value: Draft; indexes: { updatedAt: number } };
}

function isQuotaError(e: unknown): boolean {
  const name = (e as DOMException)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

export class IdbDraftStore implements DraftStore {
  private constructor(private readonly db: IDBPDatabase<Schema>) {}

  /** Throws when IndexedDB is unavailable (private mode in some browsers, disabled storage). */
  static async open(name = DB_NAME): Promise<IdbDraftStore> {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
    const db = await openDB<Schema>(name, DB_VERSION, {
      async upgrade(db, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) db.createObjectStore('drafts', { keyPath: 'id' });
        if (oldVersion < 2) {
          const store = tx.objectStore('drafts');
          if (oldVersion >= 1) {
            let cursor = await store.openCursor();
            while (cursor) {
              await cursor.update(migrateDraftV1(cursor.value as unknown as DraftV1));
              cursor = await cursor.continue();
            }
          }
          store.createIndex('updatedAt', 'updatedAt');
        }
      },
      blocking() {
        db.close(); // another tab upgrades the schema: let it
      },
    });
    return new IdbDraftStore(db);
  }

  async list(): Promise<DraftSummary[]> {
    const all = await this.db.getAllFromIndex('drafts', 'updatedAt');
    return all.reverse().map(summarise);
  }

  get(id: string): Promise<Draft | undefined> {
    return this.db.get('drafts', id);
  }

  async save(draft: Draft, baseRev: number): Promise<SaveResult> {
    try {
      const tx = this.db.transaction('drafts', 'readwrite');
      const current = await tx.store.get(draft.id);
      const overtook = Boolean(current && current.rev > baseRev);
      const rev = Math.max(current?.rev ?? 0, baseRev) + 1;
      await tx.store.put({ ...draft, rev, updatedAt: Date.now() });
      await tx.done;
      return { rev, overtook };
    } catch (e) {
      if (isQuotaError(e) || isQuotaError((e as { cause?: unknown })?.cause)) throw new StorageFullError();
      throw e;
    }
  }

  async delete(id: string): Promise<void> {
    await this.db.delete('drafts', id);
  }

  async clear(): Promise<void> {
    await this.db.clear('drafts');
  }
}
