/** A draft as schema v1 stored it, and the draft every upgrade path must make of it (draft-migrations, draft-store). */
import type { DraftV1 } from '../../src/core/draft-migrations.ts';
import type { Draft } from '../../src/core/draft.ts';

export const V1_LAMP: DraftV1 = { id: 'old-1', title: 'Vintage lamp', category: 'Home > Lighting', price: 35, photos: [], updated: 1_700_000_000_000 };

/** Category path, price text, both dates from `updated`, rev 1; nothing else. */
export const V1_LAMP_MIGRATED: Draft = {
  id: 'old-1',
  title: 'Vintage lamp',
  category: ['Home', 'Lighting'],
  price: '35',
  photos: [],
  suggestion: null,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  rev: 1,
};
