/** DraftStore on the app's IndexedDB database. */
import { StorageFullError, summarise, type Draft, type DraftStore, type DraftSummary, type SaveOptions, type SaveResult } from '../core/draft.ts';
import { isQuotaError, type AppDb } from './db.ts';

export class IdbDraftStore implements DraftStore {
  constructor(private readonly db: AppDb) {}

  async list(): Promise<DraftSummary[]> {
    const all = await this.db.getAllFromIndex('drafts', 'updatedAt');
    return all.reverse().map(summarise);
  }

  get(id: string): Promise<Draft | undefined> {
    return this.db.get('drafts', id);
  }

  async save(draft: Draft, baseRev: number, opts: SaveOptions = {}): Promise<SaveResult> {
    try {
      const tx = this.db.transaction('drafts', 'readwrite');
      const current = await tx.store.get(draft.id);
      const overtook = Boolean(current && current.rev > baseRev);
      if (overtook && opts.keepNewer) {
        await tx.done;
        return { rev: current!.rev, overtook: false, kept: true };
      }
      const rev = Math.max(current?.rev ?? 0, Math.min(baseRev, Number.MAX_SAFE_INTEGER - 1)) + 1;
      await tx.store.put({ ...draft, rev, updatedAt: Date.now() });
      await tx.done;
      return { rev, overtook };
    } catch (e) {
      if (isQuotaError(e) || isQuotaError((e as { cause?: unknown })?.cause)) throw new StorageFullError();
      throw e;
    }
  }

  /** Import: one transaction, so a full disk stores none of them. A stored draft with the same id and a rev at
   *  least as new is overwritten with rev + 1, so other tabs that have it open see that it changed. */
  async putAll(drafts: Draft[]): Promise<void> {
    const tx = this.db.transaction('drafts', 'readwrite');
    try {
      await Promise.all([
        ...drafts.map(async (d) => {
          const current = await tx.store.get(d.id);
          await tx.store.put(current && current.rev >= d.rev ? { ...d, rev: current.rev + 1 } : d);
        }),
        tx.done,
      ]);
    } catch (e) {
      // put() throws some errors (DataCloneError) without aborting the transaction: abort it so nothing is kept.
      try {
        tx.abort();
      } catch {
        /* already finished or aborted */
      }
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
