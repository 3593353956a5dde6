/**
 * Listing safety in the listing state (runes compiled by the Vitest plugin): warnings follow the photos, the
 * explicit check runs after each photo's suggestion, dismissals travel with the draft, explicit photos stay blurred
 * until shown. The worker is replaced by a scripted engine (the real one: tests/e2e/moderation.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.ts';
import { IMAGENET_LABELS } from '../../src/core/imagenet-labels.ts';
import type { Classified, ListingEngine } from '../../src/state/photo-engine.svelte.ts';
import { Listing } from '../../src/state/listing.svelte.ts';

const idx = (name: string) => IMAGENET_LABELS.findIndex((l) => l.split(',')[0] === name);
/** A photo whose bytes say what it shows: its size is the ImageNet class, `explicit` its NSFW score. */
const photo = (label: string, explicit = 0.01) => Object.assign(new Blob([new Uint8Array(idx(label))]), { explicit });

class ScriptedEngine implements ListingEngine {
  checked = 0;
  constructor(
    private readonly on = true,
    private readonly failExplicit = false,
  ) {}
  async classify(image: Blob): Promise<Classified> {
    const probs = new Float32Array(1000);
    probs[image.size] = 1;
    return { probs, ms: { decode: 1, preprocess: 1, infer: 1, total: 3 }, notices: [], info: {} as Classified['info'], width: 10, height: 10 };
  }
  async listing() {
    return { id: 0, type: 'listed' as const, ms: 1, similar: 0, price: { low: 1, mid: 2, high: 3 }, category: null };
  }
  async downscale(image: Blob) {
    return { blob: image, width: 10, height: 10 };
  }
  async explicit(image: Blob) {
    if (!this.on) return null;
    this.checked++;
    if (this.failExplicit) throw new AppError('model-load-failed', 'no model');
    return { score: (image as Blob & { explicit?: number }).explicit ?? 0, ms: 5 };
  }
}

const settle = async (l: Listing) => {
  for (let i = 0; i < 50 && (l.photoSet.busy || l.photos.some((p) => p.status === 'done' && p.explicit === undefined)); i++)
    await new Promise((r) => setTimeout(r, 5));
};

describe('listing safety in the form', () => {
  it('a revolver photo warns; "This isn\'t that" dismisses it and the dismissal is saved with the draft', async () => {
    const l = new Listing(new ScriptedEngine(), null);
    await l.addPhotos([photo('running shoe'), photo('revolver')]);
    await settle(l);
    expect(l.moderation.warnings.map((w) => [w.id, w.photos])).toEqual([['firearm', [1]]]);
    expect(l.moderation.warnings[0].why).toMatch(/firearms/);
    l.moderation.dismiss('firearm');
    expect(l.moderation.warnings).toEqual([]);
    const d = l.toDraft();
    expect(d.moderationDismissed).toEqual(['firearm']);

    const reopened = new Listing(new ScriptedEngine(), null);
    reopened.load(d);
    expect(reopened.photos).toHaveLength(2);
    expect(reopened.moderation.dismissed).toEqual(['firearm']);
    expect(reopened.moderation.warnings).toEqual([]);
    await reopened.addPhotos([photo('pill bottle')]);
    await settle(reopened);
    expect(reopened.moderation.warnings.map((w) => w.id)).toEqual(['medicine']);
    l.dispose();
    reopened.dispose();
  });

  it('an explicit photo is flagged first and blurred until the seller shows it', async () => {
    const eng = new ScriptedEngine();
    const l = new Listing(eng, null);
    await l.addPhotos([photo('bikini', 0.998), photo('jean', 0.02)]);
    await settle(l);
    expect(eng.checked).toBe(2);
    expect(l.photos.map((p) => p.explicit)).toEqual([0.998, 0.02]);
    expect(l.moderation.warnings.map((w) => w.id)).toEqual(['explicit-photo']);
    expect(l.moderation.warnings[0].photos).toEqual([0]);
    const [a, b] = l.photos;
    expect(l.moderation.blurred(a)).toBe(true);
    expect(l.moderation.blurred(b)).toBe(false);
    l.moderation.reveal(a.id);
    expect(l.moderation.blurred(l.photos[0])).toBe(false);
    expect(l.moderation.warnings.map((w) => w.id)).toEqual(['explicit-photo']); // shown is not dismissed
    l.moderation.dismiss('explicit-photo');
    expect(l.moderation.warnings).toEqual([]);
    l.dispose();
  });

  it('with the check switched off (or its model failing) photos get no score and nothing breaks', async () => {
    for (const eng of [new ScriptedEngine(false), new ScriptedEngine(true, true)]) {
      const l = new Listing(eng, null);
      await l.addPhotos([photo('bikini', 0.998)]);
      await new Promise((r) => setTimeout(r, 30));
      expect(l.photos[0].status).toBe('done');
      expect(l.photos[0].explicit).toBeUndefined();
      expect(l.moderation.warnings).toEqual([]);
      expect(l.errors).toEqual([]);
      l.dispose();
    }
  });
});
