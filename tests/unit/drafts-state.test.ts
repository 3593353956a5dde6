/** The real Drafts rune class in Node: thumbnail object URLs do not leak; delete waits for Undo. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { summarise, type Draft, type DraftStore, type SaveResult } from '../../src/core/draft.ts';
import { Drafts } from '../../src/state/drafts.svelte.ts';

/** DraftStore in memory, with the same rev rules as IdbDraftStore. */
class MemoryStore implements DraftStore {
  readonly map = new Map<string, Draft>();
  async list() {
    return [...this.map.values()].sort((a, b) => b.updatedAt - a.updatedAt).map(summarise);
  }
  async get(id: string) {
    const d = this.map.get(id);
    return d && { ...d };
  }
  async save(d: Draft, baseRev: number): Promise<SaveResult> {
    const cur = this.map.get(d.id);
    const rev = Math.max(cur?.rev ?? 0, baseRev) + 1;
    this.map.set(d.id, { ...d, rev, updatedAt: Date.now() });
    return { rev, overtook: Boolean(cur && cur.rev > baseRev) };
  }
  async delete(id: string) {
    this.map.delete(id);
  }
  async clear() {
    this.map.clear();
  }
  async putAll(ds: Draft[]) {
    for (const d of ds) this.map.set(d.id, d);
  }
}

function draft(i: number, photos = 1): Draft {
  return {
    id: `d-${i}`,
    title: `Item ${i}`,
    category: [],
    price: String(i),
    suggestion: null,
    createdAt: i,
    updatedAt: 1000 + i,
    rev: 1,
    photos: Array.from({ length: photos }, (_, j) => ({
      id: `p-${i}-${j}`,
      name: `${j}.jpg`,
      width: 1,
      height: 1,
      blob: new Blob([new Uint8Array([i, j])], { type: 'image/jpeg' }),
    })),
  };
}

const listing = { id: 'none', flush: vi.fn(async () => {}), load: vi.fn(), reset: vi.fn() };
let created = 0;
let revoked = 0;
const live = new Set<string>();

beforeEach(() => {
  created = 0;
  revoked = 0;
  live.clear();
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => {
    const u = `blob:test/${++created}`;
    live.add(u);
    return u;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((u: string) => {
    if (live.delete(u)) revoked++;
    else throw new Error(`revoked twice or unknown: ${u}`);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('Drafts thumbnails', () => {
  it('after 20 refreshes, live object URLs == drafts shown; 0 after dispose', async () => {
    const store = new MemoryStore();
    for (let i = 0; i < 5; i++) store.map.set(`d-${i}`, draft(i));
    store.map.set('d-empty', draft(9, 0)); // no photo: no URL
    const drafts = new Drafts(store, () => listing);
    for (let k = 0; k < 20; k++) await drafts.refresh();
    expect(drafts.items).toHaveLength(6);
    expect(created - revoked).toBe(5);
    expect(created).toBe(5); // reused, not re-created per refresh
    expect(new Set(drafts.items.map((d) => d.thumbUrl)).size).toBe(6); // 5 distinct URLs + null
    drafts.dispose();
    expect(created - revoked).toBe(0);
  });

  it('a changed first photo gets a new URL and the old one is revoked; removed drafts release theirs', async () => {
    const store = new MemoryStore();
    for (let i = 0; i < 3; i++) store.map.set(`d-${i}`, draft(i));
    const drafts = new Drafts(store, () => listing);
    await drafts.refresh();
    const before = drafts.items.find((d) => d.id === 'd-1')!.thumbUrl;
    const d1 = store.map.get('d-1')!;
    store.map.set('d-1', { ...d1, photos: [{ ...d1.photos[0], id: 'p-new', blob: new Blob([new Uint8Array([7, 7, 7])], { type: 'image/jpeg' }) }] });
    store.map.delete('d-2');
    for (let k = 0; k < 20; k++) await drafts.refresh();
    const after = drafts.items.find((d) => d.id === 'd-1')!.thumbUrl;
    expect(after).not.toBe(before);
    expect(live.has(before!)).toBe(false);
    expect(created - revoked).toBe(drafts.items.length);
    expect(drafts.items).toHaveLength(2);
    drafts.dispose();
    expect(live.size).toBe(0);
  });

  it('overlapping refreshes (autosave storms) leave exactly one URL per shown draft', async () => {
    const store = new MemoryStore();
    for (let i = 0; i < 4; i++) store.map.set(`d-${i}`, draft(i, 2));
    const drafts = new Drafts(store, () => listing);
    await Promise.all(Array.from({ length: 20 }, () => drafts.refresh()));
    expect(created - revoked).toBe(4);
    drafts.dispose();
    expect(created - revoked).toBe(0);
  });
});

describe('Drafts delete with undo', () => {
  it('hides at once, Undo brings it back unchanged, nothing is deleted from the store', async () => {
    vi.useFakeTimers();
    const store = new MemoryStore();
    for (let i = 0; i < 3; i++) store.map.set(`d-${i}`, draft(i, 2));
    const original = structuredClone(store.map.get('d-1'));
    const drafts = new Drafts(store, () => listing, 6000);
    await drafts.refresh();
    await drafts.remove('d-1');
    expect(drafts.items.map((d) => d.id)).not.toContain('d-1');
    expect(drafts.undo).toEqual({ id: 'd-1', title: 'Item 1' });
    await drafts.refresh(); // an autosave meanwhile does not bring it back
    expect(drafts.items.map((d) => d.id)).not.toContain('d-1');
    await vi.advanceTimersByTimeAsync(5000);
    await drafts.undoDelete();
    expect(drafts.undo).toBeNull();
    expect(drafts.items.map((d) => d.id)).toContain('d-1');
    await vi.advanceTimersByTimeAsync(10_000);
    const back = store.map.get('d-1')!;
    expect(back).toEqual(original);
    expect(back.rev).toBe(original!.rev);
    expect(new Uint8Array(await back.photos[1].blob.arrayBuffer())).toEqual(new Uint8Array([1, 1]));
    drafts.dispose();
  });

  it('without Undo the draft is deleted from the store after the delay, and its URL revoked', async () => {
    vi.useFakeTimers();
    const store = new MemoryStore();
    for (let i = 0; i < 2; i++) store.map.set(`d-${i}`, draft(i));
    const drafts = new Drafts(store, () => listing, 6000);
    await drafts.refresh();
    await drafts.remove('d-0');
    expect(store.map.has('d-0')).toBe(true);
    expect(created - revoked).toBe(1);
    await vi.advanceTimersByTimeAsync(5999);
    expect(store.map.has('d-0')).toBe(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(store.map.has('d-0')).toBe(false);
    expect(drafts.undo).toBeNull();
    expect(drafts.items.map((d) => d.id)).toEqual(['d-1']);
  });

  it('deleting the open draft saves its last edit first and starts a new listing; Undo reopens it', async () => {
    vi.useFakeTimers();
    const store = new MemoryStore();
    store.map.set('d-0', draft(0));
    const open = { id: 'd-0', flush: vi.fn(async () => {}), load: vi.fn(), reset: vi.fn() };
    const drafts = new Drafts(store, () => open, 6000);
    await drafts.refresh();
    await drafts.remove('d-0');
    expect(open.flush).toHaveBeenCalled();
    expect(open.reset).toHaveBeenCalled();
    await drafts.undoDelete();
    expect(open.load).toHaveBeenCalledWith(expect.objectContaining({ id: 'd-0', rev: 1 }));
  });

  it('a second delete makes the first one final (one Undo at a time)', async () => {
    vi.useFakeTimers();
    const store = new MemoryStore();
    for (let i = 0; i < 3; i++) store.map.set(`d-${i}`, draft(i));
    const drafts = new Drafts(store, () => listing, 6000);
    await drafts.refresh();
    await drafts.remove('d-0');
    await drafts.remove('d-1');
    expect(store.map.has('d-0')).toBe(false);
    expect(drafts.undo?.id).toBe('d-1');
    await drafts.undoDelete();
    expect([...store.map.keys()].sort()).toEqual(['d-1', 'd-2']);
  });
});
