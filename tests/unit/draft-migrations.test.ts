/** Draft schema steps: v1 → v2 → v3 (the current one), and a version from a newer app. */
import { describe, expect, it } from 'vitest';
import { DB_VERSION, migrateDraft, migrateDraftV1, migrateDraftV2 } from '../../src/core/draft-migrations.ts';
import type { Draft } from '../../src/core/draft.ts';
import { V1_LAMP as v1, V1_LAMP_MIGRATED } from './draft-v1-fixture.ts';

describe('draft migrations', () => {
  it('the current schema is 3', () => expect(DB_VERSION).toBe(3));

  it('v1 → v2: category path, price text, dates, rev 1', () => {
    expect(migrateDraftV1(v1)).toEqual(V1_LAMP_MIGRATED);
    expect(migrateDraftV1({ ...v1, category: '', price: null })).toMatchObject({ category: [], price: '' });
    expect(migrateDraftV1({ ...v1, price: 0 }).price).toBe('0');
    expect(migrateDraftV1({ ...v1, photos: undefined as unknown as [] }).photos).toEqual([]);
  });

  it('v2 → v3 changes no draft field', () => {
    const d2 = migrateDraftV1(v1);
    const withNew: Draft = { ...d2, brand: 'Ikea', condition: 3, department: 'Unisex' };
    expect(migrateDraftV2(withNew)).toEqual(withNew);
  });

  it('migrateDraft runs the steps from any stored version to the current one', () => {
    expect(migrateDraft(v1, 1)).toEqual(migrateDraftV1(v1));
    const d2 = migrateDraftV1(v1);
    expect(migrateDraft(d2, 2)).toEqual(d2);
    expect(migrateDraft(d2, 3)).toBe(d2);
  });

  it('a version from a newer app, or a nonsense one, is refused with a message', () => {
    expect(() => migrateDraft({}, DB_VERSION + 1)).toThrow(/newer version of the app \(schema 4\); reload to update/);
    expect(() => migrateDraft({}, 0)).toThrow(/Unknown draft schema version 0/);
    expect(() => migrateDraft({}, 1.5)).toThrow(/Unknown draft schema version/);
  });
});
