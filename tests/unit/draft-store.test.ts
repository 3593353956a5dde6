/** IdbDraftStore and the schema upgrade on fake-indexeddb: revs, atomic import, v1 → v3 migration. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Draft } from '../../src/core/draft.ts';
import { openAppDb } from '../../src/storage/db.ts';
import { IdbDraftStore } from '../../src/storage/idb-draft-store.ts';
import { V1_LAMP, V1_LAMP_MIGRATED } from './draft-v1-fixture.ts';

let n = 0;
const dbName = () => `test-${++n}-${Date.now()}`;

function draft(id: string, over: Partial<Draft> = {}): Draft {
  return {
    id,
    title: `T ${id}`,
    category: ['Home'],
    price: '1',
    photos: [],
    suggestion: null,
    createdAt: 10,
    updatedAt: 20,
    rev: 0,
    brand: 'B',
    condition: 4,
    ...over,
  };
}

describe('IdbDraftStore', () => {
  it('keepNewer: an automatic save never writes over a newer version another tab stored', async () => {
    const store = new IdbDraftStore(await openAppDb(dbName()));
    await store.save(draft('k'), 0); // rev 1
    await store.save({ ...draft('k'), title: 'the other tab' }, 1); // rev 2
    expect(await store.save({ ...draft('k'), title: 'stale prefill' }, 1, { keepNewer: true })).toEqual({ rev: 2, overtook: false, kept: true });
    expect((await store.get('k'))?.title).toBe('the other tab');
    expect(await store.save({ ...draft('k'), title: 'up to date' }, 2, { keepNewer: true })).toEqual({ rev: 3, overtook: false });
  });

  it('save bumps rev and reports when another tab overtook', async () => {
    const store = new IdbDraftStore(await openAppDb(dbName()));
    expect(await store.save(draft('a'), 0)).toEqual({ rev: 1, overtook: false });
    expect(await store.save(draft('a'), 1)).toEqual({ rev: 2, overtook: false });
    expect(await store.save(draft('a'), 1)).toEqual({ rev: 3, overtook: true });
    expect((await store.get('a'))?.brand).toBe('B');
  });

  it('putAll stores drafts exactly (rev and dates kept); an older stored copy is replaced with a higher rev', async () => {
    const store = new IdbDraftStore(await openAppDb(dbName()));
    await store.save(draft('x'), 0); // rev 1
    await store.save(draft('x'), 1); // rev 2
    await store.putAll([draft('new', { rev: 7 }), draft('x', { rev: 2, title: 'imported' })]);
    expect(await store.get('new')).toEqual(draft('new', { rev: 7 }));
    expect(await store.get('x')).toMatchObject({ title: 'imported', rev: 3, updatedAt: 20 });
    await store.putAll([draft('x', { rev: 50 })]);
    expect((await store.get('x'))?.rev).toBe(50);
  });

  it('putAll is all or nothing: one draft that cannot be stored leaves the others out too', async () => {
    const store = new IdbDraftStore(await openAppDb(dbName()));
    await store.save(draft('keep'), 0);
    const bad = draft('bad', { title: (() => 'not cloneable') as unknown as string });
    await expect(store.putAll([draft('one'), draft('two'), bad])).rejects.toThrow();
    expect((await store.list()).map((s) => s.id)).toEqual(['keep']);
  });

  it('delete and list (newest first, thumbnail key from the first photo)', async () => {
    const store = new IdbDraftStore(await openAppDb(dbName()));
    const photo = { id: 'p1', name: 'a.jpg', width: 1, height: 1, blob: new Blob([new Uint8Array([1, 2])], { type: 'image/jpeg' }) };
    await store.putAll([draft('old', { updatedAt: 1 }), draft('new', { updatedAt: 2, photos: [photo] })]);
    expect((await store.list()).map((s) => [s.id, s.thumbKey, s.photoCount])).toEqual([
      ['new', 'p1', 1],
      ['old', null, 0],
    ]);
    await store.delete('new');
    expect((await store.list()).map((s) => s.id)).toEqual(['old']);
  });
});

describe('openAppDb upgrade', () => {
  it('a v1 database is migrated to v3 without losing a draft', async () => {
    const name = dbName();
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore('drafts', { keyPath: 'id' });
      req.onsuccess = () => {
        const tx = req.result.transaction('drafts', 'readwrite');
        tx.objectStore('drafts').put(V1_LAMP);
        tx.oncomplete = () => {
          req.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
      req.onerror = () => reject(req.error);
    });
    const db = await openAppDb(name);
    expect(db.version).toBe(3);
    expect(await new IdbDraftStore(db).get(V1_LAMP.id)).toEqual(V1_LAMP_MIGRATED);
    expect([...db.objectStoreNames].sort()).toEqual(['catalog', 'drafts', 'meta']);
  });
});
