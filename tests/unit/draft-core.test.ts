/** draft.ts: emptyDraft, summarise, duplicateDraft. */
import { describe, expect, it } from 'vitest';
import { duplicateDraft, emptyDraft, newDraftId, summarise, type Draft } from '../../src/core/draft.ts';

const full = (): Draft => ({
  id: 'd-1',
  title: 'Blue dress',
  category: ['Women', 'Dresses'],
  price: '25',
  rev: 9,
  createdAt: 1,
  updatedAt: 2,
  photos: [
    { id: 'p1', name: 'a.jpg', width: 10, height: 20, blob: new Blob([new Uint8Array([1])], { type: 'image/jpeg' }), probs: new Float32Array([0.5, 0.5]) },
    { id: 'p2', name: 'b.jpg', width: 10, height: 20, blob: new Blob([new Uint8Array([2])], { type: 'image/jpeg' }) },
  ],
  suggestion: { product: true, title: 'Dress', category: { path: ['Women'], score: 0.9 }, alternatives: [], labels: [] },
  gtin: '5901234123457',
  brand: 'Acme',
  condition: 3,
  shipping: 'buyer',
  description: 'd',
  department: 'Women',
  size: 'M',
  colour: 'Blue',
  moderationDismissed: ['w1'],
});

describe('emptyDraft', () => {
  it('has a fresh id, nothing filled in, rev 0 and the given time', () => {
    const a = emptyDraft(123);
    expect(a).toEqual({
      id: expect.stringMatching(/^d-/),
      title: '',
      category: [],
      price: '',
      photos: [],
      suggestion: null,
      createdAt: 123,
      updatedAt: 123,
      rev: 0,
    });
    expect(emptyDraft().id).not.toBe(a.id);
    expect(new Set(Array.from({ length: 200 }, newDraftId)).size).toBe(200);
  });
});

describe('summarise', () => {
  it('uses the first photo as thumbnail, keyed by its id', () => {
    const d = full();
    expect(summarise(d)).toEqual({ id: 'd-1', title: 'Blue dress', price: '25', updatedAt: 2, thumb: d.photos[0].blob, thumbKey: 'p1', photoCount: 2 });
    expect(summarise({ ...d, photos: [] })).toMatchObject({ thumb: null, thumbKey: null, photoCount: 0 });
  });
});

describe('duplicateDraft', () => {
  it('copies every field with a new id, "(copy)" title, rev 0 and new dates; the original is untouched', () => {
    const d = full();
    const before = structuredClone(d);
    const c = duplicateDraft(d, 999);
    expect(c.id).not.toBe(d.id);
    expect(c).toEqual({ ...d, id: c.id, title: 'Blue dress (copy)', createdAt: 999, updatedAt: 999, rev: 0 });
    expect(c.photos[0].blob).toBe(d.photos[0].blob); // same bytes, not re-encoded
    c.moderationDismissed!.push('w2');
    c.category.push('Maxi');
    c.photos.pop();
    expect(d).toEqual(before);
  });

  it('an untitled draft stays untitled', () => {
    expect(duplicateDraft({ ...full(), title: '' }).title).toBe('');
  });
});
