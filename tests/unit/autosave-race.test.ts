/**
 * Autosave against another tab that saves between our "is there a newer version?" check and our write: an automatic
 * prefill never writes over it (the store re-checks inside its write), a seller's edit does (the last edit wins).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Draft, DraftStore, SaveOptions, SaveResult } from '../../src/core/draft.ts';
import { Autosave } from '../../src/state/autosave.svelte.ts';

/** A store where the other tab's save (rev 2) lands just after our first look (get), before our save(). */
function racingStore() {
  const stored: Draft = { id: 'd1', title: 'loaded', rev: 1 } as Draft;
  const s = {
    current: stored,
    writes: [] as string[],
    raced: false,
    race() {
      if (!s.raced) s.current = { ...stored, title: 'the other tab', rev: 2 };
      s.raced = true;
    },
    async get(): Promise<Draft | undefined> {
      const seen = s.current;
      s.race(); // the other tab commits right after we looked
      return seen;
    },
    async save(d: Draft, baseRev: number, opts: SaveOptions = {}): Promise<SaveResult> {
      s.race();
      const newer = s.current.rev > baseRev;
      if (newer && opts.keepNewer) return { rev: s.current.rev, overtook: false, kept: true };
      s.writes.push(d.title);
      s.current = { ...d, rev: s.current.rev + 1 };
      return { rev: s.current.rev, overtook: newer };
    },
  };
  return s;
}

let autosave: Autosave | null = null;
afterEach(() => autosave?.dispose());

function setUp(title: string) {
  const store = racingStore();
  const adopted: string[] = [];
  const host = { id: 'd1', snapshot: () => ({ id: 'd1', title, rev: 1 }) as Draft, adopt: (d: Draft) => adopted.push(d.title) };
  autosave = new Autosave(store as unknown as DraftStore, host);
  autosave.loaded(1, false);
  return { store, adopted, autosave };
}

describe('autosave racing another tab', () => {
  it('an automatic prefill is not written over the version the other tab saved meanwhile; that version is shown', async () => {
    const { store, adopted, autosave } = setUp('stale prefill');
    autosave.changed(true);
    await autosave.flush();
    expect(store.writes).toEqual([]);
    expect(store.current.title).toBe('the other tab');
    expect(adopted).toEqual(['the other tab']);
  });

  it("a seller's edit is written (the last edit wins) and says so", async () => {
    const { store, adopted, autosave } = setUp('my edit');
    autosave.changed(false);
    await autosave.flush();
    expect(store.writes).toEqual(['my edit']);
    expect(adopted).toEqual([]);
    expect(autosave.notice).toMatch(/saved over it/);
  });
});

describe('autosave with two idle tabs on one draft', () => {
  it('a prefill that changes nothing is not written, so two tabs never adopt each other’s saves for ever; one that changes something is', async () => {
    const loaded = { id: 'd1', title: 'Lamp', price: '20', category: [], photos: [], suggestion: null, createdAt: 1, updatedAt: 5, rev: 3 } as Draft;
    const writes: string[] = [];
    const store = {
      async get() {
        return loaded;
      },
      async save(d: Draft): Promise<SaveResult> {
        writes.push(d.price);
        return { rev: 4, overtook: false };
      },
    };
    let price = '20';
    // the snapshot is built in another key order and time, as the form's toDraft() does
    const host = {
      id: 'd1',
      snapshot: () => ({ rev: 3, updatedAt: 99, createdAt: 1, suggestion: null, photos: [], category: [], price, title: 'Lamp', id: 'd1' }) as Draft,
      adopt: () => {},
    };
    autosave = new Autosave(store as unknown as DraftStore, host);
    autosave.loaded(3, false, loaded);
    autosave.changed(true); // the price re-estimated after opening: the same
    await autosave.flush();
    expect(writes).toEqual([]);
    expect(autosave.state).toBe('saved');
    price = '22';
    autosave.changed(true);
    await autosave.flush();
    expect(writes).toEqual(['22']);
  });
});

describe('autosave while a save is being written', () => {
  it('a photo rotated while the previous save is still being written is saved too (its blob is all that changed)', async () => {
    const writes: number[] = [];
    let release!: () => void;
    const store = {
      async get() {
        return undefined;
      },
      async save(d: Draft): Promise<SaveResult> {
        if (!writes.length) await new Promise<void>((r) => (release = r)); // the first write is slow
        writes.push(d.photos[0].blob.size);
        return { rev: writes.length + 1, overtook: false };
      },
    };
    let blob = new Blob([new Uint8Array(10)]);
    const host = {
      id: 'd1',
      snapshot: () =>
        ({
          id: 'd1',
          title: 'Lamp',
          price: '',
          category: [],
          photos: [{ id: 'p1', name: 'a.jpg', blob, width: 8, height: 8 }],
          suggestion: null,
          createdAt: 1,
          updatedAt: 1,
          rev: 1,
        }) as Draft,
      adopt: () => {},
    };
    autosave = new Autosave(store as unknown as DraftStore, host);
    autosave.loaded(1, false);
    autosave.changed(false);
    const first = autosave.flush(); // being written
    await new Promise((r) => setTimeout(r, 5));
    blob = new Blob([new Uint8Array(12)]); // rotated: same id and size on screen, other bytes
    autosave.changed(false);
    release();
    await first;
    await autosave.flush();
    expect(writes).toEqual([10, 12]);
    expect(autosave.state).toBe('saved');
  });
});
