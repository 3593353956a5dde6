/** Drafts: what a seller is writing, as stored. Pure data + the storage interface; no DOM, no IndexedDB. */
import { AppError } from './errors.ts';
import type { PhotoSuggestion } from './types.ts';

export const DEPARTMENTS = ['Women', 'Men', 'Kids', 'Unisex', ''] as const;
export type Department = (typeof DEPARTMENTS)[number];
export const SHIPPING_PAYERS = ['seller', 'buyer', ''] as const;
/** Condition words, index = Mercari's condition number (1 New … 5 Poor). */
export const CONDITION_WORDS = ['', 'New', 'Like new', 'Good', 'Fair', 'Poor'] as const;

export interface DraftPhoto {
  id: string;
  name: string;
  /** Downscaled once on the device (long side ≤ 1024 px), JPEG. */
  blob: Blob;
  width: number;
  height: number;
  /** The model's 1000 class probabilities for this photo, so a reopened draft keeps its suggestion. */
  probs?: Float32Array;
}

export const UNSURE_FIELDS = ['department', 'colour'] as const;
export type UnsureField = (typeof UNSURE_FIELDS)[number];

export interface Draft {
  id: string;
  title: string;
  category: string[];
  price: string;
  photos: DraftPhoto[];
  suggestion: PhotoSuggestion | null;
  /** GTIN-13 of a scanned barcode, if any. */
  gtin?: string;
  brand?: string;
  /** Mercari's scale: 1 New, 2 Like new, 3 Good, 4 Fair, 5 Poor. */
  condition?: number | null;
  /** Who pays shipping. */
  shipping?: 'seller' | 'buyer' | '';
  description?: string;
  department?: Department;
  size?: string;
  colour?: string;
  /** Prefilled fields the app was not sure of when this was saved (the seller had not set them): marked again when the
   *  draft is reopened, and left out of its drafted description. */
  unsure?: UnsureField[];
  /** Moderation warnings the seller chose to ignore (their ids), so they are not shown again. */
  moderationDismissed?: string[];
  createdAt: number;
  updatedAt: number;
  /** Incremented on every save; a save based on an older rev was overtaken by another tab. */
  rev: number;
}

export interface DraftSummary {
  id: string;
  title: string;
  price: string;
  updatedAt: number;
  thumb: Blob | null;
  /** Id of the photo in `thumb`: a new key means a new thumbnail. */
  thumbKey: string | null;
  photoCount: number;
}

export interface SaveResult {
  rev: number;
  /** True when another tab had saved this draft since we loaded it (last writer wins; the UI says so). */
  overtook: boolean;
  /** True when nothing was written: `keepNewer` was asked and another tab's newer version is stored. */
  kept?: boolean;
}

export interface SaveOptions {
  /** Only an automatic prefill is unsaved: never write over a newer stored version (checked in the same transaction). */
  keepNewer?: boolean;
}

/** The one storage interface the app uses; src/storage/idb-draft-store.ts implements it on IndexedDB. */
export interface DraftStore {
  list(): Promise<DraftSummary[]>;
  get(id: string): Promise<Draft | undefined>;
  save(draft: Draft, baseRev: number, opts?: SaveOptions): Promise<SaveResult>;
  delete(id: string): Promise<void>;
  /** Writes drafts as they are (ids, revs, dates kept) in one transaction: all are stored or none. */
  putAll(drafts: Draft[]): Promise<void>;
  clear(): Promise<void>;
}

export class StorageFullError extends AppError {
  constructor() {
    super('storage-full', 'Storage is full: the draft is kept in this tab and will be saved when space frees up.');
    this.name = 'StorageFullError';
  }
}

export function newDraftId(): string {
  return `d-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export function emptyDraft(now = Date.now()): Draft {
  return { id: newDraftId(), title: '', category: [], price: '', photos: [], suggestion: null, createdAt: now, updatedAt: now, rev: 0 };
}

export function summarise(d: Draft): DraftSummary {
  return {
    id: d.id,
    title: d.title,
    price: d.price,
    updatedAt: d.updatedAt,
    thumb: d.photos[0]?.blob ?? null,
    thumbKey: d.photos[0]?.id ?? null,
    photoCount: d.photos.length,
  };
}

/** A copy with a new id and no history (the "Duplicate" action). */
export function duplicateDraft(d: Draft, now = Date.now()): Draft {
  return {
    ...structuredClone({ ...d, photos: [] }),
    photos: d.photos.map((p) => ({ ...p })),
    id: newDraftId(),
    title: d.title ? `${d.title} (copy)` : '',
    createdAt: now,
    updatedAt: now,
    rev: 0,
  };
}
