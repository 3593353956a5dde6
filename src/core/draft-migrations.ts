/**
 * Draft schema versions. v1 (the first layout): category as one "A > B" string, price as a number,
 * `updated` timestamp, no revision. v2: category path array, price as typed text, createdAt/updatedAt, rev.
 * Each step is a pure function so it is tested in Node and run inside IndexedDB's upgrade transaction.
 */
import type { Draft } from './draft.ts';

export const DB_NAME = 'listing-assistant';
export const DB_VERSION = 3;

export interface DraftV1 {
  id: string;
  title: string;
  category: string;
  price: number | null;
  photos: Draft['photos'];
  updated: number;
}

export function migrateDraftV1(r: DraftV1): Draft {
  return {
    id: r.id,
    title: r.title ?? '',
    category: r.category ? r.category.split(' > ').map((s) => s.trim()).filter(Boolean) : [],
    price: r.price == null ? '' : String(r.price),
    photos: Array.isArray(r.photos) ? r.photos : [],
    suggestion: null,
    createdAt: r.updated ?? Date.now(),
    updatedAt: r.updated ?? Date.now(),
    rev: 1,
  };
}
