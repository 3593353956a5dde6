/**
 * Draft schema versions (the IndexedDB version). v1 (the first layout): category as one "A > B" string, price as a
 * number, `updated` timestamp, no revision. v2: category path array, price as typed text, createdAt/updatedAt, rev.
 * v3: drafts unchanged (the catalog and meta stores were added); later optional fields (gtin, brand, condition,
 * shipping, description, department, size, colour, unsure, moderationDismissed) need no migration: absent means "not set".
 * Each step is a pure function so it is tested in Node and run inside IndexedDB's upgrade transaction.
 */
import type { Draft } from './draft.ts';
import { AppError } from './errors.ts';
import { SEP } from './taxonomy.ts';

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
    category: r.category
      ? r.category
          .split(SEP)
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
    price: r.price == null ? '' : String(r.price),
    photos: Array.isArray(r.photos) ? r.photos : [],
    suggestion: null,
    createdAt: r.updated ?? Date.now(),
    updatedAt: r.updated ?? Date.now(),
    rev: 1,
  };
}

/** v2 → v3 changed no draft field. */
export function migrateDraftV2(r: Draft): Draft {
  return r;
}

/** steps[k] turns a record of version k into version k + 1. */
const STEPS: Readonly<Record<number, (r: never) => unknown>> = { 1: migrateDraftV1, 2: migrateDraftV2 };

/**
 * A stored draft record of schema version `from` → the current Draft. A version newer than this app (a newer app
 * used this browser, then an older copy was served) cannot be read safely: AppError('internal') says to update.
 */
export function migrateDraft(record: unknown, from: number): Draft {
  if (!Number.isInteger(from) || from < 1) throw new AppError('internal', `Unknown draft schema version ${from}.`);
  if (from > DB_VERSION) {
    throw new AppError('internal', `These drafts were saved by a newer version of the app (schema ${from}); reload to update the app.`);
  }
  let r: unknown = record;
  for (let v = from; v < DB_VERSION; v++) r = STEPS[v](r as never);
  return r as Draft;
}
