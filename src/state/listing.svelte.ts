/** The listing being written: its photos, the fused suggestion, and what the seller typed over it. */
import { fuseProbabilities, suggestFromProbabilities } from '../core/photo-suggest.ts';
import { toErrorData } from '../core/errors.ts';
import type { PhotoSuggestion, StageTimes } from '../core/types.ts';
import type { PhotoEngine } from './photo-engine.svelte.ts';

export interface Photo {
  id: number;
  name: string;
  url: string;
  status: 'working' | 'done' | 'error';
  probs?: Float32Array;
  ms?: StageTimes;
  /** Decoded size after EXIF orientation and the one-time downscale, e.g. "1024x768". */
  size?: string;
  error?: string;
  notices: string[];
}

let nextPhotoId = 1;

export class Listing {
  photos = $state<Photo[]>([]);
  /** null = follow the suggestion; a string = the seller's own text (never overwritten). */
  userTitle = $state<string | null>(null);
  userCategory = $state<string[] | null>(null);
  price = $state('');
  error = $state('');

  suggestion: PhotoSuggestion | null = $derived.by(() => {
    const done = this.photos.filter((p) => p.status === 'done' && p.probs).map((p) => p.probs!);
    return done.length ? suggestFromProbabilities(fuseProbabilities(done)) : null;
  });
  title = $derived(this.userTitle ?? (this.suggestion?.product ? this.suggestion.title : ''));
  category = $derived(this.userCategory ?? (this.suggestion?.product ? this.suggestion.category.path : []));
  working = $derived(this.photos.some((p) => p.status === 'working'));

  constructor(private readonly engine: PhotoEngine) {}

  /** Adds photos; each is classified in the worker. Bad files get a message and change nothing else. */
  async addPhotos(files: Blob[]): Promise<void> {
    this.error = '';
    await Promise.all(files.map((f) => this.addOne(f)));
  }

  private async addOne(file: Blob): Promise<void> {
    const name = (file as File).name || 'photo';
    const photo: Photo = { id: nextPhotoId++, name, url: URL.createObjectURL(file), status: 'working', notices: [] };
    this.photos.push(photo);
    const id = photo.id;
    try {
      const r = await this.engine.classify(file);
      this.update(id, { status: 'done', probs: r.probs, ms: r.ms, notices: r.notices, size: `${r.width}x${r.height}` });
    } catch (e) {
      const err = toErrorData(e);
      const message = `${name}: ${err.message}`;
      this.update(id, { status: 'error', error: message });
      this.error = message;
    }
  }

  private update(id: number, patch: Partial<Photo>): void {
    const i = this.photos.findIndex((p) => p.id === id);
    if (i >= 0) this.photos[i] = { ...this.photos[i], ...patch };
  }

  removePhoto(id: number): void {
    const p = this.photos.find((x) => x.id === id);
    if (p) URL.revokeObjectURL(p.url);
    this.photos = this.photos.filter((x) => x.id !== id);
  }

  reportError(message: string): void {
    this.error = message;
  }
}
