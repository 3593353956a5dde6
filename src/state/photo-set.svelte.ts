/** The listing's photos: each classified in the worker, abortable one by one, with its own error when it fails. */
import { toErrorData } from '../core/errors.ts';
import type { DraftPhoto } from '../core/draft.ts';
import type { StageTimes } from '../core/types.ts';
import type { ListingEngine } from './photo-engine.svelte.ts';
import type { PhotoHeadResult } from '../core/photo-head.ts';

export interface Photo {
  id: string;
  name: string;
  url: string;
  status: 'working' | 'done' | 'error';
  probs?: Float32Array;
  /** Our photo head's outputs from the same pass (not kept in drafts: a reopened draft uses the ImageNet mapping). */
  head?: PhotoHeadResult | null;
  ms?: StageTimes;
  /** Decoded size after EXIF orientation, e.g. "1024x768". */
  size?: string;
  /** The size the photo model's decode produced (smaller for a large JPEG decoded at a reduced scale). */
  decoded?: string;
  error?: string;
  notices: string[];
  /** The downscaled copy saved with the draft. */
  stored?: DraftPhoto;
  /** Explicit-photo score (0..1) once checked; absent while unchecked or when the check is off. */
  explicit?: number;
  /** ms the check took in the worker (decode + model), the model's first load excluded. */
  explicitMs?: number;
}

export const MAX_PHOTOS = 12;

const isAbort = (e: unknown) => toErrorData(e).code === 'aborted';

/** What the classified photos say (PhotoSet.evidence). */
export interface PhotoEvidence {
  probs: Float32Array[];
  heads: PhotoHeadResult[] | null;
}

export class PhotoSet {
  items = $state<Photo[]>([]);
  /** One line per file of the last batch that could not be used, each with its own reason. */
  failures = $state<string[]>([]);
  private work = new Map<string, AbortController>();
  private checks = new Map<string, AbortController>();

  constructor(
    private readonly engine: ListingEngine,
    /** Called when what the photos say changed (a photo classified, stored or removed). */
    private readonly onChange: (kind: 'classified' | 'stored' | 'removed' | 'reordered') => void,
  ) {}

  private lastEvidence: PhotoEvidence = { probs: [], heads: null };
  /**
   * What the classified photos say, in order: their class probabilities, and the photo head's outputs (null unless
   * every one has them). The same object until one of those changes, so what is computed from it (the suggestion,
   * the odd photo out) is not computed again when a photo is only stored, checked for explicit content or re-rendered.
   */
  readonly evidence: PhotoEvidence = $derived.by(() => {
    const done = this.items.filter((p) => p.status === 'done' && p.probs);
    const probs = done.map((p) => p.probs!);
    const heads = done.length && done.every((p) => p.head) ? done.map((p) => p.head!) : null;
    const last = this.lastEvidence;
    const same = <T>(a: readonly T[] | null, b: readonly T[] | null) => a === b || (!!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]));
    if (same(last.probs, probs) && same(last.heads, heads)) return last;
    return (this.lastEvidence = { probs, heads });
  });

  get stored(): DraftPhoto[] {
    return this.items.flatMap((p) => (p.status === 'done' && p.stored ? [p.stored] : []));
  }

  /** Adds photos (up to MAX_PHOTOS); each is classified, then downscaled for the draft. Bad files change nothing else. */
  async add(files: Blob[]): Promise<void> {
    this.failures = [];
    const room = Math.max(0, MAX_PHOTOS - this.items.filter((p) => p.status !== 'error').length); // failed tiles take no slot
    for (const f of files.slice(room)) this.failures.push(`${nameOf(f)}: a listing holds at most ${MAX_PHOTOS} photos.`);
    await Promise.all(files.slice(0, room).map((f) => this.addOne(f)));
  }

  private async addOne(file: Blob): Promise<void> {
    const name = nameOf(file);
    const id = `p-${Math.random().toString(36).slice(2, 10)}`;
    const ctl = new AbortController();
    this.work.set(id, ctl);
    this.items.push({ id, name, url: URL.createObjectURL(file), status: 'working', notices: [] });
    try {
      const r = await this.engine.classify(file, ctl.signal);
      this.update(id, {
        status: 'done',
        probs: r.probs,
        head: r.head ?? null,
        ms: r.ms,
        notices: r.notices,
        size: `${r.width}x${r.height}`,
        decoded: r.decoded,
      });
      this.onChange('classified');
      const small = await this.engine.downscale(file, ctl.signal);
      this.update(id, { stored: { id, name, ...small, probs: r.probs } });
      this.onChange('stored');
      void this.checkExplicit(id, file);
    } catch (e) {
      if (ctl.signal.aborted || isAbort(e)) return; // removed or replaced: nothing to report
      const message = `${name}: ${toErrorData(e).message}`;
      this.update(id, { status: 'error', error: message });
      this.failures.push(message);
    } finally {
      this.work.delete(id);
    }
  }

  /** After the suggestion: the explicit-photo check. A failure only means no score (the photo itself is fine). */
  private async checkExplicit(id: string, blob: Blob): Promise<void> {
    const ctl = new AbortController();
    this.checks.set(id, ctl);
    try {
      const r = await this.engine.explicit?.(blob, ctl.signal);
      if (r && !ctl.signal.aborted) this.update(id, { explicit: r.score, explicitMs: r.ms });
    } catch {
      /* no score: the item rules still apply */
    } finally {
      if (this.checks.get(id) === ctl) this.checks.delete(id);
    }
  }

  private update(id: string, patch: Partial<Photo>): void {
    const i = this.items.findIndex((p) => p.id === id);
    if (i >= 0) this.items[i] = { ...this.items[i], ...patch };
  }

  /** Removes a photo: its work in the worker is cancelled, its preview freed, and derived fields recomputed. */
  remove(id: string): void {
    this.work.get(id)?.abort();
    this.checks.get(id)?.abort();
    const p = this.items.find((x) => x.id === id);
    if (!p) return;
    URL.revokeObjectURL(p.url);
    this.items = this.items.filter((x) => x.id !== id);
    this.failures = this.failures.filter((f) => !p.error || f !== p.error);
    this.onChange('removed');
  }

  /** Moves a photo `by` places (negative = earlier); the first photo is the cover. */
  move(id: string, by: number): void {
    const i = this.items.findIndex((p) => p.id === id);
    const j = Math.max(0, Math.min(this.items.length - 1, i + by));
    if (i < 0 || i === j) return;
    const next = [...this.items];
    const [p] = next.splice(i, 1);
    next.splice(j, 0, p);
    this.items = next;
    this.onChange('reordered');
  }

  /** Turns a photo's stored copy a quarter turn clockwise (what the draft keeps and exports). */
  async rotate(id: string): Promise<void> {
    const p = this.items.find((x) => x.id === id);
    if (!p?.stored || p.status !== 'done' || !this.engine.rotate) return;
    try {
      const r = await this.engine.rotate(p.stored.blob, 1);
      const now = this.items.find((x) => x.id === id);
      if (!now?.stored) return; // removed meanwhile
      URL.revokeObjectURL(now.url);
      this.update(id, {
        url: URL.createObjectURL(r.blob),
        size: `${r.width}x${r.height}`,
        stored: { ...now.stored, blob: r.blob, width: r.width, height: r.height },
      });
      this.onChange('reordered');
    } catch (e) {
      this.failures = [...this.failures, `${p.name}: could not be rotated (${toErrorData(e).message})`];
    }
  }

  /** Makes a photo the cover (the first one). */
  makeCover(id: string): void {
    this.move(id, -this.items.length);
  }

  /** Replaces every photo (opening a draft, a new listing): pending work is cancelled, previews freed. */
  replace(photos: DraftPhoto[]): void {
    for (const ctl of [...this.work.values(), ...this.checks.values()]) ctl.abort();
    this.work.clear();
    this.checks.clear();
    for (const p of this.items) URL.revokeObjectURL(p.url);
    this.failures = [];
    this.items = photos.map((p) => ({
      id: p.id,
      name: p.name,
      url: URL.createObjectURL(p.blob),
      status: 'done',
      probs: p.probs,
      notices: [],
      stored: p,
      size: `${p.width}x${p.height}`,
    }));
    for (const p of photos) void this.checkExplicit(p.id, p.blob); // scores are not stored: a reopened draft is checked again
  }

  /** Photos still being read. */
  get busy(): number {
    return this.work.size;
  }
}

function nameOf(f: Blob): string {
  return (f as File).name || 'photo';
}
