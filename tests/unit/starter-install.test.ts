/** The starter catalog's install on fake-indexeddb: a page closed mid-install resumes after the last committed batch. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../src/core/catalog.ts';
import { openAppDb } from '../../src/storage/db.ts';
import { IdbCatalogStore } from '../../src/storage/idb-catalog-store.ts';
import type { StarterInfo } from '../../src/workers/catalog-protocol.ts';

let n = 0;
const fresh = async () => new IdbCatalogStore(await openAppDb(`starter-${++n}-${Date.now()}`));
const rows = (count: number): CatalogEntry[] =>
  Array.from({ length: count }, (_, i) => ({ gtin13: String(4000000000000 + i), title: `Item ${i}`, source: 'starter test', origin: 'starter' as const }));
const info = (sha256: string, entries: number): StarterInfo => ({ sha256, entries, sources: [] });

/** A store whose page "closes" (the install throws) after `batches` committed batches. */
class ClosedMidway extends IdbCatalogStore {
  calls = 0;
  constructor(
    db: ConstructorParameters<typeof IdbCatalogStore>[0],
    private readonly batches: number,
  ) {
    super(db);
  }
  override async putStarter(...args: Parameters<IdbCatalogStore['putStarter']>): Promise<void> {
    if (this.calls++ === this.batches) throw new Error('page closed');
    return super.putStarter(...args);
  }
}

describe('starter catalog install', () => {
  it('resumes after the last committed batch, ends complete with every row and no progress left', async () => {
    const db = await openAppDb(`starter-resume-${Date.now()}`);
    const entries = rows(2500);
    const closing = new ClosedMidway(db, 2);
    await expect(closing.installStarter(entries, info('aaa', 2500), { batch: 1000 })).rejects.toThrow('page closed');
    expect(await closing.count()).toBe(2000);
    expect(await closing.starterProgress()).toEqual({ sha256: 'aaa', entries: 2500, done: 2000 });
    expect(await closing.starterInfo(), 'an interrupted install is not complete').toBeUndefined();

    const next = new IdbCatalogStore(db); // the next visit
    const { resumedFrom } = await next.installStarter(entries, info('aaa', 2500), { batch: 1000 });
    expect(resumedFrom).toBe(2000);
    expect(await next.count()).toBe(2500);
    expect((await next.starterInfo())?.entries).toBe(2500);
    expect(await next.starterProgress()).toBeUndefined();
  });

  it('a different file (new sha256), other decoded rows or force starts over', async () => {
    const s = await fresh();
    await s.putStarter(rows(10), { sha256: 'old', entries: 30, done: 10 });
    expect((await s.installStarter(rows(30), info('new', 30), { batch: 10 })).resumedFrom).toBe(0);
    await s.putStarter(rows(10), { sha256: 'same', entries: 30, done: 10 });
    expect((await s.installStarter(rows(30), info('same', 30), { batch: 10, force: true })).resumedFrom).toBe(0);
    await s.putStarter(rows(10), { sha256: 'same', entries: 40, done: 10 }); // the same file read into other rows
    expect((await s.installStarter(rows(30), info('same', 30), { batch: 10 })).resumedFrom).toBe(0);
    expect(await s.count()).toBe(30);
  });

  it('never replaces a row the seller imported for the same code', async () => {
    const s = await fresh();
    const mine = { ...rows(1)[0], title: 'My own title', source: 'my-file.csv', origin: undefined };
    await s.putBatch([mine]);
    await s.installStarter(rows(5), info('x', 5), { batch: 2 });
    expect((await s.get(mine.gtin13))?.title).toBe('My own title');
    expect(await s.count()).toBe(5);
  });
});
