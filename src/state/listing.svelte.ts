/**
 * The listing being written: what the seller typed, the fused suggestion, and the parts it is built from —
 * its photos (PhotoSet), the pricing pipeline (Pricing) and the draft autosave (Autosave).
 */
import { categoryId } from '../core/taxonomy.ts';
import { fuseProbabilities, suggestFromProbabilities } from '../core/photo-suggest.ts';
import { COLOUR_MIN, DEPARTMENT_MIN, fuseHeadOutputs, pathDepartment, sellerChoices, suggestWithHead, type FusedSuggestion } from '../core/photo-head.ts';
import { newDraftId, UNSURE_FIELDS, type Draft } from '../core/draft.ts';
import type { CategoryScore } from '../core/types.ts';
import { fuseCategories } from '../core/category-fusion.ts';
import { scopeCategoriesToBarcode } from '../core/catalog-category.ts';
import { formatMoney, parseMoney, PRICE_HINT } from '../core/money.ts';
import { isClothing, suggestsColour } from '../core/listing-fields.ts';
import { oddPhotoOut } from '../core/photo-consistency.ts';
import { draftDescription, type ListingFacts } from '../core/listing-text.ts';
import type { CategoryPrediction } from '../ml/listing-models.ts';
import type { ListingEngine } from './photo-engine.svelte.ts';
import { PhotoSet } from './photo-set.svelte.ts';
import { Moderation } from './moderation.svelte.ts';
import { Pricing, type PriceHint, type PricingInput } from './pricing.svelte.ts';
import { Autosave, type AutosaveHost, type SaveState } from './autosave.svelte.ts';
import type { DraftStore } from '../core/draft.ts';

export type { Photo } from './photo-set.svelte.ts';
export type { PriceHint, SaveState };

export const CONDITIONS = ['New', 'Like new', 'Good', 'Fair', 'Poor'] as const;

export interface BarcodeFill {
  code: { gtin13?: string };
  title: string;
  category: string[];
  price: string;
  brand?: string;
  facts?: string[];
}

export class Listing {
  id = $state(newDraftId());
  /** null = follow the suggestion; a string = the seller's own text (never overwritten). */
  userTitle = $state<string | null>(null);
  userCategory = $state<string[] | null>(null);
  /** null = follow the price suggestion; else exactly what the seller typed (validated before saving). */
  userPrice = $state<string | null>(null);
  brand = $state('');
  /** null = follow the drafted description / the photo's department and colour. */
  userDescription = $state<string | null>(null);
  userDepartment = $state<string | null>(null);
  userColour = $state<string | null>(null);
  /** A reopened draft's department / colour that were the app's unsure guess when it was saved (Draft.unsure; the photo
   *  head is not run again on reopening, so they come back as the form's values, still marked until the seller sets them). */
  private restoredGuess = $state.raw<{ department: string | null; colour: string | null }>({ department: null, colour: null });
  size = $state('');
  condition = $state<number | null>(null);
  shipping = $state<'seller' | 'buyer' | ''>('');
  gtin = $state('');
  /** What a barcode's catalog entry said (author, product facts), for the description draft. */
  barcodeFacts = $state.raw<string[]>([]);
  /** A message the app reported (model failed to load, a file was refused before reading). */
  reported = $state('');
  readonly photoSet: PhotoSet;
  readonly pricing: Pricing;
  readonly autosave: Autosave;
  /** Listing-safety warnings (prohibited items, explicit photos) and their dismissals. */
  readonly moderation: Moderation;
  private createdAt = Date.now();
  /** The last price that was a valid amount (what a draft keeps while the field holds something else). */
  private lastValidPrice = '';

  suggestion: FusedSuggestion | null = $derived.by(() => {
    const { probs: done, heads } = this.photoSet.evidence; // heads: our photo head (same pass), fused over the photos
    if (!done.length) return null;
    // the seller's department and colour steer it: a garment moves to their department, the title names both
    return suggestWithHead(fuseProbabilities(done), heads ? fuseHeadOutputs(heads) : null, heads?.[0].labels ?? null, {
      brand: this.brand || null,
      ...sellerChoices(this.userDepartment, this.userColour),
      category: this.userCategory,
    });
  });
  /** The photo that shows a different item than the others, if one does. */
  // one photo cannot be the odd one out: its suggestion is not worked out a second time for that
  private oddOut = $derived.by(() => {
    const { probs } = this.photoSet.evidence;
    return probs.length < 2 ? null : oddPhotoOut(probs.map((p) => suggestFromProbabilities(p)));
  });
  oddPhoto = $derived.by(() => {
    const odd = this.oddOut;
    if (!odd) return null;
    const done = this.photoSet.items.filter((p) => p.status === 'done' && p.probs); // the order evidence.probs has
    return { id: done[odd.index].id, name: done[odd.index].name, looksLike: odd.looksLike };
  });
  title = $derived(this.userTitle ?? (this.suggestion?.product ? this.suggestion.title : ''));
  /** Photo suggestions and the text model's, fused; a typed title weighs most. */
  categoryOptions: CategoryScore[] = $derived.by(() => {
    const photo = this.suggestion?.product ? [this.suggestion.category, ...this.suggestion.alternatives] : null;
    const t = this.pricing.textCategory;
    const text = t ? [t, ...t.alternatives] : null;
    // a book's barcode keeps the chips to book categories unless the photo disagrees strongly (catalog-category.ts)
    return scopeCategoriesToBarcode(
      fuseCategories(photo, text, this.userTitle ? 0.7 : 0.3),
      this.gtin,
      this.suggestion?.product ? this.suggestion.category : null,
    );
  });
  category = $derived(this.userCategory ?? this.categoryOptions[0]?.path ?? []);
  department = $derived.by(() => this.userDepartment ?? (isClothing(this.category) ? (this.suggestion?.department?.name ?? '') : ''));
  colour = $derived.by(() => this.userColour ?? (suggestsColour(this.category) ? (this.suggestion?.colour?.name ?? '') : ''));
  /** The seller's own text, else a short draft built only from what was detected and entered. */
  description = $derived.by(() => this.userDescription ?? draftDescription(this.draftFacts()));
  /** Which fields still show the app's suggestion (marked as such until the seller touches them). */
  suggested = $derived.by(() => ({
    title: this.userTitle === null && !!this.title,
    category: this.userCategory === null && this.category.length > 0,
    price: this.userPrice === null && !!this.price,
    description: this.userDescription === null && !!this.description,
    department: this.userDepartment === null && !!this.department,
    colour: this.userColour === null && !!this.colour,
  }));
  /** Prefilled department / colour the photo head is not sure of (below the title's thresholds): the form asks the
   *  seller to check them, and the drafted description leaves them out, as the title does. */
  unsure = $derived.by(() => ({
    department:
      this.userDepartment === null
        ? // a category the seller picked names who it is for: that confirms the department (the suggested chip too)
          !!this.department && (this.suggestion?.department?.score ?? 1) < DEPARTMENT_MIN && pathDepartment(this.userCategory) !== this.department
        : this.userDepartment === this.restoredGuess.department,
    colour: this.userColour === null ? !!this.colour && (this.suggestion?.colour?.score ?? 1) < COLOUR_MIN : this.userColour === this.restoredGuess.colour,
  }));
  price = $derived.by(() => this.userPrice ?? (this.pricing.hint ? String(Math.round(this.pricing.hint.mid)) : ''));
  /** Shown under the price field when what was typed is not an amount (nothing wrong is saved). */
  priceError = $derived(this.userPrice !== null && this.userPrice.trim() !== '' && parseMoney(this.userPrice) === null ? PRICE_HINT : '');

  constructor(
    engine: ListingEngine,
    store: DraftStore | null,
    onSaved: () => void = () => {},
    /** Called when the listing is replaced (new listing, another draft): panels tied to the old one clear. */
    private readonly onReset: () => void = () => {},
  ) {
    this.photoSet = new PhotoSet(engine, (kind) => {
      if (kind === 'classified' || kind === 'removed') this.reprice(0); // what the photos say changed: re-rank and re-price
      if (kind !== 'classified') this.changed();
    });
    this.moderation = new Moderation({ photos: () => this.photoSet.items, text: () => this.title, changed: () => this.changed() });
    // The prefilled price and the category the text model re-ranked are part of the draft (also when the seller
    // typed the price: the category may still have moved).
    this.pricing = new Pricing(engine, () => this.changed(true));
    const id = () => this.id;
    const host: AutosaveHost = {
      get id() {
        return id();
      },
      snapshot: () => this.snapshot(),
      adopt: (d) => this.load(d),
    };
    this.autosave = new Autosave(store, host, onSaved);
  }

  get photos() {
    return this.photoSet.items;
  }
  /** A photo is being read or a price estimated (read by background work that should wait: App's catalog start). */
  get working(): boolean {
    return this.photoSet.busy > 0 || this.pricing.pending;
  }
  get priceHint(): PriceHint | null {
    return this.pricing.hint;
  }
  get textCategory(): CategoryPrediction | null {
    return this.pricing.textCategory;
  }
  get pricingError(): string {
    return this.pricing.error;
  }
  get saveState(): SaveState {
    return this.autosave.state;
  }
  get notice(): string {
    return this.autosave.notice;
  }
  set notice(v: string) {
    this.autosave.notice = v;
  }
  /** Every problem to show, one per line: refused files (each with its reason), storage, reported ones. */
  get errors(): string[] {
    return [this.reported, ...this.photoSet.failures, this.autosave.error].filter(Boolean);
  }
  get error(): string {
    return this.errors.join('\n');
  }
  /** Setting it replaces the reported message ('' clears it); refused files and storage keep their own lines. */
  set error(v: string) {
    this.reported = v;
  }

  setTitle(v: string): void {
    this.userTitle = v;
    this.edited();
  }
  setCategory(p: string[] | null): void {
    this.userCategory = p;
    this.edited();
  }
  setPrice(v: string): void {
    this.userPrice = v;
    const n = parseMoney(v);
    if (n !== null) this.lastValidPrice = formatMoney(n);
    else if (!v.trim()) this.lastValidPrice = '';
    this.changed();
  }
  setBrand(v: string): void {
    this.brand = v;
    this.edited();
  }
  setDescription(v: string): void {
    this.userDescription = v;
    this.changed();
  }
  setDepartment(v: string): void {
    this.userDepartment = v;
    this.restoredGuess = { ...this.restoredGuess, department: null };
    this.edited(); // a garment's category follows the department, and the price its category
  }
  setColour(v: string): void {
    this.userColour = v;
    this.restoredGuess = { ...this.restoredGuess, colour: null };
    this.changed();
  }
  setSize(v: string): void {
    this.size = v;
    this.changed();
  }

  /** What the drafted description is built from: the listing's facts without a department or colour it is unsure of. */
  private draftFacts(): ListingFacts {
    const f = this.facts(false);
    return { ...f, department: this.unsure.department ? '' : f.department, colour: this.unsure.colour ? '' : f.colour };
  }

  /** Everything the listing says, for the description draft, "Copy listing" and exports. */
  facts(withDescription = true): ListingFacts {
    return {
      title: this.title,
      category: this.category,
      brand: this.brand,
      condition: this.condition,
      colour: this.colour,
      department: this.department,
      size: this.size,
      price: this.price,
      shipping: this.shipping,
      barcodeFacts: this.barcodeFacts,
      ...(withDescription ? { description: this.description } : {}),
    };
  }
  setCondition(v: number | null): void {
    this.condition = v;
    this.edited();
  }
  setShipping(v: 'seller' | 'buyer' | ''): void {
    this.shipping = v;
    this.edited();
  }

  private edited(): void {
    this.changed();
    this.reprice();
  }

  /** Text the category model reads: the seller's title, else the photo's labels. */
  private modelText(): string {
    if (this.userTitle) return this.userTitle;
    return this.suggestion?.product ? this.suggestion.labels.map((l) => l.label).join(' ') : '';
  }

  private pricingInput(): PricingInput {
    return {
      text: this.modelText(),
      row: {
        name: this.modelText(),
        brand_name: this.brand || null,
        item_condition_id: this.condition,
        shipping: this.shipping === '' ? null : this.shipping === 'seller' ? 1 : 0,
      },
      category: () => $state.snapshot(this.category) as string[],
      basis: (path) =>
        [
          categoryId(path),
          this.brand ? `brand ${this.brand}` : '',
          this.condition ? `condition ${CONDITIONS[this.condition - 1]}` : '',
          this.shipping ? `${this.shipping} pays shipping` : '',
        ]
          .filter(Boolean)
          .join(', '),
    };
  }

  /** Debounced: price range and text categories follow every edit of title, brand, category, condition, shipping. */
  reprice(delay = 250): void {
    this.pricing.schedule(() => this.pricingInput(), delay);
  }

  /** Adds photos; each is classified in the worker. Bad files get their own message and change nothing else. */
  async addPhotos(files: Blob[]): Promise<void> {
    this.reported = '';
    await this.photoSet.add(files);
  }

  removePhoto(id: string): void {
    this.photoSet.remove(id);
  }

  /** A barcode read: fills what the seller has not typed themselves; `replace` overwrites title, category and price. */
  applyBarcode(p: BarcodeFill, opts: { replace?: boolean } = {}): void {
    if (p.code.gtin13) this.gtin = p.code.gtin13;
    if (p.title && (opts.replace || !this.userTitle)) this.userTitle = p.title;
    if (p.category.length && (opts.replace || !this.userCategory)) this.userCategory = p.category;
    if (p.price && (opts.replace || !this.userPrice)) this.setPrice(p.price);
    if (p.brand && (opts.replace || !this.brand)) this.brand = p.brand;
    if (p.facts) this.barcodeFacts = p.facts;
    this.changed();
    this.reprice(0);
  }

  reportError(message: string): void {
    this.reported = message;
  }

  /** Schedules an autosave; `auto` = a prefill the app made, not an edit of the seller's. */
  changed(auto = false): void {
    this.autosave.changed(auto);
  }

  flush(): Promise<void> {
    return this.autosave.flush();
  }

  /** The stored price: a valid amount, or the last valid one while the field holds something else. */
  private storedPrice(): string {
    if (this.userPrice === null) return this.price;
    const n = parseMoney(this.userPrice);
    return n === null ? this.lastValidPrice : formatMoney(n);
  }

  /** A plain (un-proxied) copy, as IndexedDB's structured clone needs. */
  toDraft(): Draft {
    return $state.snapshot({
      id: this.id,
      title: this.title,
      category: [...this.category],
      price: this.storedPrice(),
      photos: this.photoSet.stored,
      suggestion: this.suggestion,
      ...(this.gtin ? { gtin: this.gtin } : {}),
      brand: this.brand,
      condition: this.condition,
      shipping: this.shipping,
      // what the form shows, typed or drafted (a reopened draft shows it again as it was, like its title)
      ...(this.description ? { description: this.description } : {}),
      // '' = the seller cleared the field: kept, so the photo's suggestion does not fill it again on reopening
      ...(this.department || this.userDepartment === '' ? { department: this.department as Draft['department'] } : {}),
      ...(this.size ? { size: this.size } : {}),
      ...(this.colour || this.userColour === '' ? { colour: this.colour } : {}),
      ...(UNSURE_FIELDS.some((f) => this.unsure[f]) ? { unsure: UNSURE_FIELDS.filter((f) => this.unsure[f]) } : {}),
      ...(this.moderation.dismissed.length ? { moderationDismissed: [...this.moderation.dismissed] } : {}),
      createdAt: this.createdAt,
      updatedAt: Date.now(),
      rev: this.autosave.rev,
    }) as Draft;
  }

  private snapshot(): Draft | null {
    const d = this.toDraft();
    return !d.title && !d.photos.length && !d.price && !d.category.length ? null : d;
  }

  /** Replaces the form with a stored draft; work for the previous one is cancelled and never writes here. */
  load(d: Draft, fresh = false): void {
    this.pricing.reset();
    this.photoSet.replace(d.photos);
    this.id = d.id;
    this.createdAt = d.createdAt;
    this.userTitle = d.title || null;
    this.userCategory = d.category.length ? d.category : null;
    this.userPrice = d.price || null;
    this.lastValidPrice = d.price || '';
    this.gtin = d.gtin ?? '';
    this.brand = d.brand ?? '';
    this.condition = d.condition ?? null;
    this.shipping = d.shipping ?? '';
    this.barcodeFacts = []; // a scan's facts belong to the listing it was made for (its description keeps them)
    this.userDepartment = d.department ?? null;
    this.userColour = d.colour ?? null;
    this.restoredGuess = {
      department: d.unsure?.includes('department') ? (d.department ?? null) : null,
      colour: d.unsure?.includes('colour') ? (d.colour ?? null) : null,
    };
    this.size = d.size ?? '';
    // a description that is the draft the app would write for these fields again keeps following them; one the seller
    // wrote (or edited) stays theirs
    this.userDescription = d.description && d.description !== draftDescription(this.draftFacts()) ? d.description : null;
    this.moderation.load(d.moderationDismissed);
    this.reported = '';
    this.autosave.loaded(d.rev, fresh, d);
    this.onReset();
    if (!fresh) this.reprice(0);
  }

  /** Starts an empty listing. */
  reset(): void {
    this.load(
      { id: newDraftId(), title: '', category: [], price: '', photos: [], suggestion: null, createdAt: Date.now(), updatedAt: Date.now(), rev: 0 },
      true,
    );
  }

  dispose(): void {
    this.pricing.reset();
    this.photoSet.replace([]);
    this.autosave.dispose();
  }

  static lastDraftId(): string | null {
    return Autosave.lastDraftId();
  }
}
