/** The listing being written: its photos, the fused suggestion, what the seller typed, and its autosave. */
import { fuseProbabilities, suggestFromProbabilities } from '../core/photo-suggest.ts';
import { toErrorData } from '../core/errors.ts';
import { newDraftId, StorageFullError, type Draft, type DraftPhoto, type DraftStore } from '../core/draft.ts';
import type { CategoryScore, PhotoSuggestion, StageTimes } from '../core/types.ts';
import { fuseCategories } from '../core/category-fusion.ts';
import type { CategoryPrediction, PriceRange } from '../ml/listing-models.ts';

export const CONDITIONS = ['New', 'Like new', 'Good', 'Fair', 'Poor'] as const;

export interface PriceHint extends PriceRange {
  similar: number;
  basis: string;
}
import type { PhotoEngine } from './photo-engine.svelte.ts';

export interface Photo {
  id: string;
  name: string;
  url: string;
  status: 'working' | 'done' | 'error';
  probs?: Float32Array;
  ms?: StageTimes;
  /** Decoded size after EXIF orientation, e.g. "1024x768". */
  size?: string;
  error?: string;
  notices: string[];
  /** The downscaled copy saved with the draft. */
  stored?: DraftPhoto;
}

export type SaveState = 'idle' | 'pending' | 'saved' | 'full' | 'unavailable' | 'error';
const SAVE_DELAY_MS = 400;
const CURRENT_KEY = 'listing-assistant.current-draft';

export class Listing {
  id = $state(newDraftId());
  photos = $state<Photo[]>([]);
  /** null = follow the suggestion; a string = the seller's own text (never overwritten). */
  userTitle = $state<string | null>(null);
  userCategory = $state<string[] | null>(null);
  /** null = follow the price suggestion. */
  userPrice = $state<string | null>(null);
  brand = $state('');
  condition = $state<number | null>(null);
  shipping = $state<'seller' | 'buyer' | ''>('');
  priceHint = $state.raw<PriceHint | null>(null);
  textCategory = $state.raw<CategoryPrediction | null>(null);
  pricingError = $state('');
  gtin = $state('');
  error = $state('');
  saveState = $state<SaveState>('idle');
  notice = $state('');
  private createdAt = Date.now();
  private baseRev = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The seller changed something since the last save or load (automatic prefills alone do not count). */
  private userDirty = false;
  private channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel('listing-assistant.drafts') : null;

  suggestion: PhotoSuggestion | null = $derived.by(() => {
    const done = this.photos.filter((p) => p.status === 'done' && p.probs).map((p) => p.probs!);
    return done.length ? suggestFromProbabilities(fuseProbabilities(done)) : null;
  });
  title = $derived(this.userTitle ?? (this.suggestion?.product ? this.suggestion.title : ''));
  /** Photo suggestions and the text model's, fused; a typed title weighs most. */
  categoryOptions: CategoryScore[] = $derived.by(() => {
    const photo = this.suggestion?.product ? [this.suggestion.category, ...this.suggestion.alternatives] : null;
    const text = this.textCategory ? [this.textCategory, ...this.textCategory.alternatives] : null;
    return fuseCategories(photo, text, this.userTitle ? 0.7 : 0.3);
  });
  category = $derived(this.userCategory ?? this.categoryOptions[0]?.path ?? []);
  price = $derived(this.userPrice ?? (this.priceHint ? String(Math.round(this.priceHint.mid)) : ''));
  private pricingTimer: ReturnType<typeof setTimeout> | undefined;
  private pricingSeq = 0;

  constructor(
    private readonly engine: PhotoEngine,
    private readonly store: DraftStore | null,
    private readonly onSaved: () => void = () => {},
  ) {
    if (!store) this.saveState = 'unavailable';
    this.channel?.addEventListener('message', (ev: MessageEvent<{ id: string; rev: number }>) => {
      if (ev.data?.id === this.id && ev.data.rev > this.baseRev) {
        if (this.userDirty) this.notice = 'This draft was just changed in another tab. If you keep editing here, your edits replace those (the last edit wins).';
        else void this.adoptNewer(); // nothing of ours is unsaved: show the other tab's version
      }
    });
  }

  setTitle(v: string): void { this.userTitle = v; this.changed(); this.reprice(); }
  setCategory(p: string[] | null): void { this.userCategory = p; this.changed(); this.reprice(); }
  setPrice(v: string): void { this.userPrice = v; this.changed(); }
  setBrand(v: string): void { this.brand = v; this.changed(); this.reprice(); }
  setCondition(v: number | null): void { this.condition = v; this.changed(); this.reprice(); }
  setShipping(v: 'seller' | 'buyer' | ''): void { this.shipping = v; this.changed(); this.reprice(); }

  /** Text the category model reads: the seller's title, else the photo's labels. */
  private modelText(): string {
    if (this.userTitle) return this.userTitle;
    return this.suggestion?.product ? this.suggestion.labels.map((l) => l.label).join(' ') : '';
  }

  /** Debounced: price range and text categories follow every edit of title, brand, category, condition, shipping. */
  reprice(delay = 250): void {
    clearTimeout(this.pricingTimer);
    this.pricingTimer = setTimeout(() => void this.runPricing(), delay);
  }

  private async runPricing(): Promise<void> {
    const text = this.modelText();
    if (!text && !this.category.length) { this.priceHint = null; this.textCategory = null; return; }
    const seq = ++this.pricingSeq;
    const row = { name: text, brand_name: this.brand || null, item_condition_id: this.condition, shipping: this.shipping === '' ? null : this.shipping === 'seller' ? 1 : 0 };
    // First without a category (the text model ranks categories), then priced within the fused category.
    const textCat = await this.engine.listing({ ...row, category_path: null }, text).catch(() => null);
    if (seq !== this.pricingSeq) return;
    if (textCat) this.textCategory = textCat.category;
    try {
      const path = $state.snapshot(this.category);
      const r = await this.engine.listing({ ...row, category_path: path.length ? path : null }, '');
      if (seq !== this.pricingSeq) return;
      const basis = [path.join(' > '), this.brand ? `brand ${this.brand}` : '', this.condition ? `condition ${CONDITIONS[this.condition - 1]}` : '', this.shipping ? `${this.shipping} pays shipping` : ''].filter(Boolean).join(', ');
      this.priceHint = { ...r.price, similar: r.similar, basis };
      this.pricingError = '';
      if (this.userPrice === null) this.changed(true); // the prefilled price is part of the draft
    } catch (e) {
      this.pricingError = `No price suggestion: ${toErrorData(e).message}`;
    }
  }

  /** Adds photos; each is classified in the worker. Bad files get a message and change nothing else. */
  async addPhotos(files: Blob[]): Promise<void> {
    this.error = '';
    await Promise.all(files.map((f) => this.addOne(f)));
  }

  private async addOne(file: Blob): Promise<void> {
    const name = (file as File).name || 'photo';
    const id = `p-${Math.random().toString(36).slice(2, 10)}`;
    this.photos.push({ id, name, url: URL.createObjectURL(file), status: 'working', notices: [] });
    try {
      const r = await this.engine.classify(file);
      this.update(id, { status: 'done', probs: r.probs, ms: r.ms, notices: r.notices, size: `${r.width}x${r.height}` });
      this.reprice(0);
      const small = await this.engine.downscale(file);
      this.update(id, { stored: { id, name, ...small, probs: r.probs } });
      this.changed();
    } catch (e) {
      const message = `${name}: ${toErrorData(e).message}`;
      this.update(id, { status: 'error', error: message });
      this.error = message;
    }
  }

  private update(id: string, patch: Partial<Photo>): void {
    const i = this.photos.findIndex((p) => p.id === id);
    if (i >= 0) this.photos[i] = { ...this.photos[i], ...patch };
  }

  removePhoto(id: string): void {
    const p = this.photos.find((x) => x.id === id);
    if (p) URL.revokeObjectURL(p.url);
    this.photos = this.photos.filter((x) => x.id !== id);
    this.changed();
  }

  /** A barcode read: fills what the seller has not typed themselves. */
  applyBarcode(p: { code: { gtin13?: string }; title: string; category: string[]; price: string }): void {
    if (p.code.gtin13) this.gtin = p.code.gtin13;
    if (p.title && !this.userTitle) this.userTitle = p.title;
    if (p.category.length && !this.userCategory) this.userCategory = p.category;
    if (p.price && !this.userPrice) this.userPrice = p.price;
    this.changed();
    this.reprice(0);
  }

  reportError(message: string): void {
    this.error = message;
  }

  /** Schedules an autosave (debounced); `auto` = a prefill the app made, not an edit of the seller's. */
  changed(auto = false): void {
    if (!auto) this.userDirty = true;
    if (!this.store) return;
    this.saveState = 'pending';
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), SAVE_DELAY_MS);
  }

  /** Saves now if anything is pending (tab hidden, page closing, or before switching drafts). */
  async flush(): Promise<void> {
    if (this.saveState === 'pending' || this.saveState === 'full') {
      clearTimeout(this.timer);
      await this.save();
    }
  }

  /** A plain (un-proxied) copy, as IndexedDB's structured clone needs. */
  toDraft(): Draft {
    return $state.snapshot({
      id: this.id, title: this.title, category: [...this.category], price: this.price,
      photos: this.photos.flatMap((p) => (p.status === 'done' && p.stored ? [p.stored] : [])),
      suggestion: this.suggestion,
      ...(this.gtin ? { gtin: this.gtin } : {}),
      brand: this.brand, condition: this.condition, shipping: this.shipping,
      createdAt: this.createdAt, updatedAt: Date.now(), rev: this.baseRev,
    }) as Draft;
  }

  private async save(): Promise<void> {
    if (!this.store) return;
    const draft = this.toDraft();
    if (!draft.title && !draft.photos.length && !draft.price && !draft.category.length) { this.saveState = 'idle'; return; }
    // Only an automatic prefill is pending and another tab saved meanwhile: take its version, never write over it.
    if (!this.userDirty && (await this.adoptNewer())) return;
    try {
      const { rev, overtook } = await this.store.save(draft, this.baseRev);
      this.baseRev = rev;
      this.userDirty = false;
      this.saveState = 'saved';
      if (overtook) this.notice = 'Another tab had changed this draft; your version was saved over it (the last edit wins).';
      if (this.error.startsWith('Storage is full')) this.error = '';
      try { localStorage.setItem(CURRENT_KEY, this.id); } catch { /* private mode */ }
      this.channel?.postMessage({ id: this.id, rev });
      this.onSaved();
    } catch (e) {
      if (e instanceof StorageFullError) {
        this.saveState = 'full';
        this.error = e.message;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.save(), 30_000); // retried when space may have freed
      } else {
        this.saveState = 'error';
        this.error = `Your draft could not be saved: ${(e as Error).message}. It is kept in this tab.`;
      }
    }
  }

  /** Loads this draft's stored version when another tab saved a newer one; true when it did. */
  private async adoptNewer(): Promise<boolean> {
    const stored = await this.store?.get(this.id).catch(() => undefined);
    if (!stored || stored.rev <= this.baseRev || this.userDirty) return false;
    this.load(stored);
    this.notice = 'This draft was changed in another tab; this tab now shows that version.';
    return true;
  }

  /** Replaces the form with a stored draft. */
  load(d: Draft): void {
    this.userDirty = false;
    for (const p of this.photos) URL.revokeObjectURL(p.url);
    clearTimeout(this.timer);
    this.id = d.id;
    this.createdAt = d.createdAt;
    this.baseRev = d.rev;
    this.userTitle = d.title || null;
    this.userCategory = d.category.length ? d.category : null;
    this.userPrice = d.price || null;
    this.gtin = d.gtin ?? '';
    this.brand = d.brand ?? '';
    this.condition = d.condition ?? null;
    this.shipping = d.shipping ?? '';
    this.priceHint = null;
    this.textCategory = null;
    this.error = '';
    this.notice = '';
    this.reprice(0);
    this.photos = d.photos.map((p) => ({
      id: p.id, name: p.name, url: URL.createObjectURL(p.blob), status: 'done', probs: p.probs, notices: [], stored: p, size: `${p.width}x${p.height}`,
    }));
    this.saveState = this.store ? 'saved' : 'unavailable';
    try { localStorage.setItem(CURRENT_KEY, this.id); } catch { /* private mode */ }
  }

  /** Starts an empty listing. */
  reset(): void {
    this.load({ id: newDraftId(), title: '', category: [], price: '', photos: [], suggestion: null, createdAt: Date.now(), updatedAt: Date.now(), rev: 0 });
    this.saveState = this.store ? 'idle' : 'unavailable';
  }

  static lastDraftId(): string | null {
    try { return localStorage.getItem(CURRENT_KEY); } catch { return null; }
  }
}
