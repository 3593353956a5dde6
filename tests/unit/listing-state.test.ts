/**
 * The listing's state classes in Node (Svelte's runes compiled by the Vitest plugin): the pricing pipeline writes
 * only its latest run, removing a photo cancels its work, autosave debounces and survives a full disk, and a
 * price that is not an amount is never stored. The worker is replaced by a scripted engine with real delays
 * (the real worker is covered by tests/e2e/under-pressure.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StorageFullError, summarise, type Draft, type DraftStore, type DraftSummary, type SaveResult } from '../../src/core/draft.ts';
import { AppError } from '../../src/core/errors.ts';
import type { ListingInput } from '../../src/core/text-features.ts';
import type { Classified, ListingEngine } from '../../src/state/photo-engine.svelte.ts';
import { Listing } from '../../src/state/listing.svelte.ts';
import { Pricing } from '../../src/state/pricing.svelte.ts';
import { HEAD_CLASSES, DEPARTMENTS } from '../../src/core/photo-head-classes.ts';
import { COLOURS } from '../../src/core/colour-names.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Answers after `delay` ms unless aborted first; records what it was asked and what was cancelled. */
class ScriptedEngine implements ListingEngine {
  asked: string[] = [];
  aborted = 0;
  constructor(private readonly delay = 30) {}

  private wait<T>(value: () => T, signal?: AbortSignal): Promise<T> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        try {
          resolve(value());
        } catch (e) {
          reject(e);
        }
      }, this.delay);
      signal?.addEventListener('abort', () => {
        clearTimeout(t);
        this.aborted++;
        reject(new AppError('aborted', 'Cancelled.'));
      });
    });
  }

  classify(image: Blob, signal?: AbortSignal): Promise<Classified> {
    return this.wait(() => {
      if (image.size === 0) throw new AppError('empty-file', 'This file is empty (0 bytes).');
      const probs = new Float32Array(1000);
      probs[image.size % 1000] = 1;
      return { probs, ms: { decode: 1, preprocess: 1, infer: 1, total: 3 }, notices: [], info: {} as Classified['info'], width: 10, height: 10 };
    }, signal);
  }

  listing(row: ListingInput, text: string, signal?: AbortSignal) {
    this.asked.push(`${row.name}|${row.category_path ? 'priced' : 'ranked'}`);
    const mid = (row.name?.length ?? 0) * 10;
    return this.wait(
      () => ({
        id: 0,
        type: 'listed' as const,
        ms: 1,
        similar: 50,
        price: { low: mid / 2, mid, high: mid * 2 },
        category: text ? { path: ['Electronics', 'Cell Phones & Accessories'], score: 0.9, alternatives: [] } : null,
      }),
      signal,
    );
  }

  downscale(image: Blob, signal?: AbortSignal) {
    return this.wait(() => ({ blob: image, width: 10, height: 10 }), signal);
  }

  rotate(image: Blob, _quarterTurns: number, signal?: AbortSignal) {
    return this.wait(() => ({ blob: image, width: 10, height: 10 }), signal);
  }
}

/** Every photo is a jersey to the ImageNet classes and, to our head, a navy women's T-shirt (90% each). */
class TshirtEngine extends ScriptedEngine {
  /** sure: the head's probability for its department and colour (its kind stays at 0.9). */
  constructor(
    delay?: number,
    private readonly sure: { department: number; colour: number } = { department: 0.9, colour: 0.9 },
  ) {
    super(delay);
  }
  override async classify(image: Blob, signal?: AbortSignal): Promise<Classified> {
    const c = await super.classify(image, signal);
    const probs = new Float32Array(1000).fill(0.05 / 999);
    probs[610] = 0.95;
    const onehot = (names: readonly string[], name: string, p = 0.9) => Float32Array.from(names, (n) => (n === name ? p : (1 - p) / (names.length - 1)));
    const labels = { category: HEAD_CLASSES.map((x) => x.id), department: [...DEPARTMENTS], colour: [...COLOURS] };
    return {
      ...c,
      probs,
      head: {
        category: onehot(labels.category, 'tshirt'),
        department: onehot(labels.department, 'Women', this.sure.department),
        colour: onehot(labels.colour, 'navy', this.sure.colour),
        labels,
      },
    };
  }
}

class MemoryStore implements DraftStore {
  drafts = new Map<string, Draft>();
  saves = 0;
  full = false;
  async list(): Promise<DraftSummary[]> {
    return [...this.drafts.values()].map(summarise);
  }
  async get(id: string) {
    return this.drafts.get(id);
  }
  async save(d: Draft, baseRev: number): Promise<SaveResult> {
    if (this.full) throw new StorageFullError();
    this.saves++;
    const prev = this.drafts.get(d.id);
    const rev = (prev?.rev ?? 0) + 1;
    this.drafts.set(d.id, { ...d, rev });
    return { rev, overtook: !!prev && prev.rev > baseRev };
  }
  async delete(id: string) {
    this.drafts.delete(id);
  }
  async putAll(drafts: Draft[]) {
    for (const d of drafts) this.drafts.set(d.id, d);
  }
  async clear() {
    this.drafts.clear();
  }
}

const listings: Listing[] = [];
function makeListing(engine = new ScriptedEngine(), store: DraftStore | null = new MemoryStore()) {
  const l = new Listing(engine, store);
  listings.push(l);
  return { l, engine, store: store as MemoryStore };
}
afterEach(() => {
  for (const l of listings.splice(0)) l.dispose();
});

describe('Pricing', () => {
  it('five edits in quick succession: earlier runs are aborted and only the last one writes', async () => {
    const engine = new ScriptedEngine(40);
    const pricing = new Pricing(engine);
    const names = ['a', 'ab', 'abc', 'abcd', 'abcde'];
    for (const name of names) {
      pricing.schedule(() => ({ text: name, row: { name }, category: () => ['Electronics'], basis: () => name }), 0);
      await sleep(15);
    }
    await sleep(200);
    expect(pricing.hint?.basis).toBe('abcde');
    expect(pricing.hint?.mid).toBe(50);
    expect(engine.aborted).toBeGreaterThanOrEqual(1);
    expect(pricing.pending).toBe(false);
    expect(pricing.error).toBe('');
  });

  it('a failure is shown, not swallowed; reset() cancels a run so it never writes', async () => {
    const engine = new ScriptedEngine(30);
    engine.listing = async () => {
      throw new AppError('model-missing', 'The price model is not installed.');
    };
    const pricing = new Pricing(engine);
    pricing.schedule(() => ({ text: 'x', row: { name: 'x' }, category: () => [], basis: () => '' }), 0);
    await sleep(50);
    expect(pricing.error).toMatch(/No price suggestion: The price model is not installed/);

    const ok = new Pricing(new ScriptedEngine(30));
    ok.schedule(() => ({ text: 'iphone', row: { name: 'iphone' }, category: () => [], basis: () => '' }), 0);
    await sleep(10);
    ok.reset();
    await sleep(80);
    expect(ok.hint).toBeNull();
    expect(ok.textCategory).toBeNull();
  });

  it('with no delay (a photo just classified) the request is sent at once, before the page renders; an edit waits for its debounce', async () => {
    const engine = new ScriptedEngine(10);
    const pricing = new Pricing(engine);
    const input = () => ({ text: 'shirt', row: { name: 'shirt' }, category: () => ['Fashion'], basis: () => '' });
    pricing.schedule(input, 0);
    expect(engine.asked).toEqual(['shirt|priced']); // synchronously: no timer, no microtask in between
    expect(pricing.pending).toBe(true);
    pricing.schedule(input, 250);
    expect(engine.asked).toHaveLength(1);
    await sleep(150);
    expect(engine.asked).toHaveLength(1); // still waiting for the seller to stop typing
    await sleep(200);
    expect(engine.asked).toEqual(['shirt|priced', 'shirt|priced']);
    expect(engine.aborted).toBe(1); // the first run was superseded by the second schedule
    expect(pricing.hint?.mid).toBe(50);
  });
});

describe('Pricing: one request ranks the text and prices in the current category', () => {
  /** Prices at the category's depth × 10; the text model files everything under Home › Kitchen. */
  class PathEngine extends ScriptedEngine {
    calls: { path: string | null; text: string }[] = [];
    override listing(row: ListingInput, text: string, signal?: AbortSignal) {
      this.calls.push({ path: row.category_path?.join(' > ') ?? null, text });
      return super.listing({ ...row, name: 'x'.repeat(row.category_path?.length ?? 0) }, text, signal).then((r) => ({
        ...r,
        category: text ? { path: ['Home', 'Kitchen'], score: 0.9, alternatives: [] } : null,
      }));
    }
  }
  const input = (category: () => string[]) => () => ({ text: 'a mug', row: { name: 'a mug' }, category, basis: () => 'b' });

  it('when the ranking leaves the category where it was, its price is the answer: one request', async () => {
    const engine = new PathEngine(30);
    const pricing = new Pricing(engine);
    pricing.schedule(
      input(() => ['Fashion', 'Women', 'Dresses']),
      0,
    );
    await sleep(150);
    expect(engine.calls).toEqual([{ path: 'Fashion > Women > Dresses', text: 'a mug' }]);
    expect(pricing.hint?.mid).toBe(30); // the 3-level path's price
    expect(pricing.textCategory?.path).toEqual(['Home', 'Kitchen']);
    expect(pricing.pending).toBe(false);
  });

  it('when the ranking moves the category, it is priced again in the new one', async () => {
    const engine = new PathEngine(30);
    const pricing = new Pricing(engine);
    // the category follows the text model's answer once there is one
    pricing.schedule(
      input(() => (pricing.textCategory ? pricing.textCategory.path : ['Fashion', 'Women', 'Dresses'])),
      0,
    );
    await sleep(150);
    expect(engine.calls).toEqual([
      { path: 'Fashion > Women > Dresses', text: 'a mug' },
      { path: 'Home > Kitchen', text: '' },
    ]);
    expect(pricing.hint?.mid).toBe(20); // priced in Home › Kitchen, not in the first guess
  });

  it('with no category before or after the ranking, the one request prices without one', async () => {
    const engine = new PathEngine(20);
    const pricing = new Pricing(engine);
    pricing.schedule(
      input(() => []),
      0,
    );
    await sleep(100);
    expect(engine.calls).toEqual([{ path: null, text: 'a mug' }]);
    expect(pricing.hint).not.toBeNull();
  });
});

describe('Listing', () => {
  it('removing a photo while it is being read cancels its work and reports nothing', async () => {
    const { l, engine } = makeListing(new ScriptedEngine(50));
    const adding = l.addPhotos([new Blob([new Uint8Array(7)]), new Blob([new Uint8Array(9)])]);
    await sleep(5);
    l.removePhoto(l.photos[0].id);
    await adding;
    expect(l.photos).toHaveLength(1);
    expect(l.photos[0].status).toBe('done');
    expect(engine.aborted).toBe(1);
    expect(l.errors).toEqual([]);
  });

  it('a photo being stored keeps the evidence the suggestion is computed from (the same object: nothing to recompute)', async () => {
    const { l } = makeListing(new TshirtEngine(40));
    const adding = l.addPhotos([new Blob([new Uint8Array(7)])]);
    while (l.photos[0]?.status !== 'done') await sleep(2);
    // (Node runs the runes' server build, where a derived is recomputed on every read: what is checked here is the
    // evidence the suggestion is computed from, which stays the same object; the browser's deriveds stop there.)
    const evidence = l.photoSet.evidence;
    expect(l.suggestion?.title).toMatch(/T-Shirt/);
    expect(l.photos[0].stored).toBeUndefined(); // the stored copy is still being made
    await adding;
    expect(l.photos[0].stored).toBeDefined();
    expect(l.photoSet.evidence).toBe(evidence);
    await l.addPhotos([new Blob([new Uint8Array(9)])]); // a second photo is new evidence
    expect(l.photoSet.evidence).not.toBe(evidence);
    expect(l.photoSet.evidence.probs).toHaveLength(2);
  });

  it('each refused file of a batch gets its own line', async () => {
    const { l } = makeListing();
    const empty = (name: string) => new File([], name);
    await l.addPhotos([empty('a.jpg'), empty('b.jpg'), new File([new Uint8Array(3)], 'good.jpg')]);
    expect(l.errors).toEqual(['a.jpg: This file is empty (0 bytes).', 'b.jpg: This file is empty (0 bytes).']);
    expect(l.photos.filter((p) => p.status === 'done')).toHaveLength(1);
  });

  it("the suggested title and a garment's category follow the department and colour the seller picks; a typed title never changes", async () => {
    const { l, engine } = makeListing(new TshirtEngine(5));
    await l.addPhotos([new Blob([new Uint8Array(4)])]);
    expect(l.title).toBe("Women's Navy T-Shirt");
    expect(l.category).toEqual(['Fashion', 'Women', 'T-Shirts']);
    await sleep(300);
    const asked = engine.asked.length;
    l.setDepartment('Men');
    expect(l.category).toEqual(['Fashion', 'Men', 'T-Shirts']);
    expect(l.title).toBe("Men's Navy T-Shirt");
    await sleep(300);
    expect(engine.asked.length).toBeGreaterThan(asked); // the department edit re-priced for the new category
    expect(l.suggested.title).toBe(true);
    l.setColour('blue');
    expect(l.title).toBe("Men's Blue T-Shirt");
    l.setColour('');
    expect(l.title).toBe("Men's T-Shirt");
    l.setTitle('Vintage band tee');
    l.setDepartment('Kids');
    expect(l.title).toBe('Vintage band tee');
  });

  it('a reopened draft keeps its description, department, colour and size; New listing starts without them', async () => {
    const { l, store } = makeListing(new TshirtEngine(5));
    await l.addPhotos([new Blob([new Uint8Array(4)])]);
    l.setDescription('Worn twice, no marks.');
    l.setDepartment('Men');
    l.setColour('blue');
    l.setSize('M');
    await l.flush();
    const id = l.id;
    l.reset();
    expect([l.description, l.department, l.colour, l.size]).toEqual(['', '', '', '']);
    await l.addPhotos([new Blob([new Uint8Array(4)])]);
    expect(l.title).toBe("Women's Navy T-Shirt"); // the last listing's choices do not steer this one
    l.load(store.drafts.get(id)!);
    expect([l.description, l.department, l.colour, l.size]).toEqual(['Worn twice, no marks.', 'Men', 'blue', 'M']);
    expect(l.category).toEqual(['Fashion', 'Men', 'T-Shirts']);
    // a department or colour the seller cleared stays cleared (the photo's suggestion does not fill it again)
    l.setDepartment('');
    l.setColour('');
    await l.flush();
    expect(store.drafts.get(id)).toMatchObject({ department: '', colour: '' });
    l.reset();
    l.load(store.drafts.get(id)!);
    expect([l.department, l.colour]).toEqual(['', '']);
    expect(l.title).toBe("Men's Blue T-Shirt"); // the title as saved (restored as the seller's)
    // a scanned book's facts stay with its listing: New listing drafts without them
    l.reset();
    l.applyBarcode({ code: { gtin13: '9780141036144' }, title: '1984', category: ['Books & Media', 'Books'], price: '6', facts: ['Author: George Orwell'] });
    expect(l.description).toContain('George Orwell');
    l.reset();
    l.setTitle('Desk fan');
    expect(l.description).not.toContain('George Orwell');
    // a description the app drafted (not typed) still follows the title after reopening
    l.reset();
    l.setTitle('Desk lamp');
    await l.flush();
    const lamp = l.id;
    expect(store.drafts.get(lamp)?.description).toBe(l.description);
    l.reset();
    l.load(store.drafts.get(lamp)!);
    expect(l.suggested.description).toBe(true);
    l.setTitle('Brass desk lamp');
    expect(l.description).toContain('Brass desk lamp');
  });

  it("a book's listing does not take the photo's colour; the seller can still set one", async () => {
    const { l } = makeListing(new TshirtEngine(5));
    await l.addPhotos([new Blob([new Uint8Array(4)])]);
    expect(l.colour).toBe('navy'); // a garment: the photo's colour is prefilled
    l.applyBarcode({ code: { gtin13: '9780141036144' }, title: '1984', category: ['Books & Media', 'Books'], price: '6', facts: ['Author: George Orwell'] });
    expect(l.category).toEqual(['Books & Media', 'Books']);
    expect([l.colour, l.suggested.colour]).toEqual(['', false]);
    expect(l.description).not.toMatch(/navy/i);
    l.setColour('red');
    expect(l.colour).toBe('red');
  });

  it('a department and colour the head is not sure of are prefilled but marked, and the description leaves them out', async () => {
    const sure = makeListing(new TshirtEngine(5)).l;
    await sure.addPhotos([new Blob([new Uint8Array(4)])]);
    expect(sure.unsure).toEqual({ department: false, colour: false });
    expect(sure.description).toBe("Women's Navy T-Shirt. See the photos for details.");
    // 0.55: under the department's threshold (0.6), over the colour's (0.5)
    const between = makeListing(new TshirtEngine(5, { department: 0.55, colour: 0.55 })).l;
    await between.addPhotos([new Blob([new Uint8Array(4)])]);
    expect(between.unsure).toEqual({ department: true, colour: false });
    expect([between.title, between.description]).toEqual(['Navy T-Shirt', 'Navy T-Shirt. See the photos for details.']);
    between.setCategory(['Fashion', 'Women', 'T-Shirts']); // the suggested path, tapped: it says who it is for
    expect(between.unsure.department).toBe(false);
    expect([between.title, between.description]).toEqual(["Women's Navy T-Shirt", "Women's Navy T-Shirt. See the photos for details."]);
    const { l, store } = makeListing(new TshirtEngine(5, { department: 0.45, colour: 0.45 }));
    await l.addPhotos([new Blob([new Uint8Array(4)])]);
    expect([l.department, l.colour, l.title]).toEqual(['Women', 'navy', 'T-Shirt']); // the title names neither
    expect(l.unsure).toEqual({ department: true, colour: true });
    expect(l.description).toBe('T-Shirt. See the photos for details.');
    // reopened (the head is not run again): still marked, and the description is still the app's, unchanged
    await l.flush();
    const id = l.id;
    expect(store.drafts.get(id)?.unsure).toEqual(['department', 'colour']);
    l.reset();
    l.load(store.drafts.get(id)!);
    expect([l.department, l.colour]).toEqual(['Women', 'navy']);
    expect(l.unsure).toEqual({ department: true, colour: true });
    expect([l.suggested.description, l.description]).toEqual([true, 'T-Shirt. See the photos for details.']);
    l.setColour('navy'); // the seller confirms: no longer unsure, and said in the description
    expect(l.unsure).toEqual({ department: true, colour: false });
    expect(l.description).toBe('T-Shirt in navy. See the photos for details.');
    l.setDepartment('Men');
    expect(l.unsure.department).toBe(false);
    await l.flush();
    expect(store.drafts.get(id)?.unsure).toBeUndefined();
  });

  it('a price that is not an amount is flagged and the draft keeps the last valid one', async () => {
    const { l, store } = makeListing();
    l.setTitle('Phone');
    l.setPrice('$1,200.5');
    l.setPrice('abc');
    expect(l.priceError).toMatch(/like 25 or 25\.50/);
    await l.flush();
    expect([...store.drafts.values()][0].price).toBe('1200.50');
    l.setPrice('');
    expect(l.priceError).toBe('');
  });

  it('autosave debounces many edits into one write, and a full disk keeps the draft and says so', async () => {
    const { l, store } = makeListing();
    for (let i = 0; i < 20; i++) l.setTitle(`Lamp ${i}`);
    await sleep(1200); // 400 ms after the last change (the price prefill arriving counts as one)
    expect(l.error).toBe('');
    expect(store.saves).toBe(1);
    expect([...store.drafts.values()][0].title).toBe('Lamp 19');
    store.full = true;
    l.setTitle('Lamp 20');
    await l.flush();
    expect(l.saveState).toBe('full');
    expect(l.error).toMatch(/Storage is full/);
    store.full = false;
    await l.flush();
    expect(l.saveState).toBe('saved');
    expect(l.error).toBe('');
    expect([...store.drafts.values()][0].title).toBe('Lamp 20');
  });

  it('New listing while the old draft is being written: typing goes to the new listing, the old draft is kept whole', async () => {
    const { l, store } = makeListing();
    l.setTitle('Old lamp');
    const slowSave = store.save.bind(store);
    store.save = async (d, rev) => {
      await sleep(80);
      return slowSave(d, rev);
    };
    const saving = l.flush();
    const oldId = l.id;
    l.reset();
    l.setTitle('New chair');
    await saving;
    expect(store.drafts.get(oldId)?.title).toBe('Old lamp');
    expect(l.id).not.toBe(oldId);
    expect(l.title).toBe('New chair');
    expect(l.saveState).toBe('pending'); // the new listing's own edit is still to be saved
    await l.flush();
    expect(store.drafts.get(l.id)?.title).toBe('New chair');
    expect(store.drafts.get(l.id)?.rev).toBe(1);
    expect(store.drafts.get(oldId)?.title).toBe('Old lamp');
  });

  it('opening another draft cancels pricing for the old one: its answer never lands in the new form', async () => {
    const { l, engine } = makeListing(new ScriptedEngine(60));
    l.setTitle('Old item with a long name');
    await sleep(270); // debounce over, the request is in flight
    l.load({ id: 'd-other', title: 'Other', category: [], price: '5', photos: [], suggestion: null, createdAt: 1, updatedAt: 1, rev: 3 });
    await sleep(40);
    expect(engine.aborted).toBeGreaterThanOrEqual(1);
    expect(l.title).toBe('Other');
    expect(l.price).toBe('5');
    await sleep(400);
    expect(l.priceHint?.basis ?? '').not.toMatch(/Old item/);
  });
});
