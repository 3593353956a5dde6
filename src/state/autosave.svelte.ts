/**
 * Draft autosave: debounced writes to the DraftStore, "storage full" retries, and other tabs (BroadcastChannel):
 * an idle tab adopts a newer version saved elsewhere; a tab with unsaved edits of the seller's says the last edit wins.
 */
import { StorageFullError, type Draft, type DraftStore } from '../core/draft.ts';

export type SaveState = 'idle' | 'pending' | 'saved' | 'full' | 'unavailable' | 'error';

const SAVE_DELAY_MS = 400;
const FULL_RETRY_MS = 30_000;
const CURRENT_KEY = 'listing-assistant.current-draft';
const CHANNEL = 'listing-assistant.drafts';

export interface AutosaveHost {
  /** The draft as it should be saved now, or null when there is nothing worth saving. */
  snapshot(): Draft | null;
  /** Replaces the form with a stored version (another tab's newer save). */
  adopt(d: Draft): void;
  readonly id: string;
}

export class Autosave {
  state = $state<SaveState>('idle');
  notice = $state('');
  error = $state('');
  private baseRev = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The seller changed something since the last save or load (automatic prefills alone do not count). */
  private userDirty = false;
  /** What the store holds for this draft as far as this tab knows (contentPrint), '' when unknown. */
  private savedPrint = '';
  /** Changes so far (a save clears userDirty only if none came while it was being written), and saves in flight. */
  private changes = 0;
  private writing = 0;
  private channel: BroadcastChannel | null = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(CHANNEL) : null;
  private readonly onMessage = (ev: MessageEvent<{ id: string; rev: number }>) => {
    if (ev.data?.id !== this.host.id || ev.data.rev <= this.baseRev) return;
    if (this.userDirty) this.notice = 'This draft was just changed in another tab. If you keep editing here, your edits replace those (the last edit wins).';
    else void this.adoptNewer(); // nothing of ours is unsaved: show the other tab's version
  };

  constructor(
    private readonly store: DraftStore | null,
    private readonly host: AutosaveHost,
    private readonly onSaved: () => void = () => {},
  ) {
    if (!store) this.state = 'unavailable';
    this.channel?.addEventListener('message', this.onMessage);
  }

  /** Schedules a save; `auto` = a prefill the app made, not an edit of the seller's. */
  changed(auto = false): void {
    if (!auto) this.userDirty = true;
    this.changes++;
    if (!this.store) return;
    this.state = 'pending';
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), SAVE_DELAY_MS);
  }

  /** Saves now if anything is pending (tab hidden, page closing, or before switching drafts). */
  async flush(): Promise<void> {
    if (this.state === 'pending' || this.state === 'full') {
      clearTimeout(this.timer);
      await this.save();
    }
  }

  /** A draft was loaded into the form: it is the saved state now (`content`: what is stored, if known). */
  loaded(rev: number, fresh: boolean, content?: Draft): void {
    clearTimeout(this.timer);
    this.userDirty = false;
    this.baseRev = rev;
    this.savedPrint = content ? contentPrint(content) : '';
    this.notice = '';
    this.error = '';
    this.state = !this.store ? 'unavailable' : fresh ? 'idle' : 'saved';
    if (!fresh) remember(this.host.id);
  }

  get rev(): number {
    return this.baseRev;
  }

  private async save(): Promise<void> {
    if (!this.store) return;
    // Taken synchronously: the form may move on to another draft (New listing) while this one is being written.
    const draft = this.host.snapshot();
    if (!draft) {
      this.state = 'idle';
      return;
    }
    // An automatic prefill that changed nothing (the price the stored version already has, recomputed after opening
    // it) is not written: two idle tabs showing one draft would otherwise adopt each other's saves for ever.
    const print = contentPrint(draft);
    if (!this.userDirty && !this.writing && print === this.savedPrint) {
      this.state = 'saved';
      this.error = '';
      return;
    }
    const baseRev = this.baseRev;
    const seen = this.changes;
    const current = () => this.host.id === draft.id;
    this.writing++;
    try {
      // Only an automatic prefill is pending: the store writes nothing over a newer version another tab saved (it
      // checks inside its write transaction, so a save landing just before ours counts too); this tab shows that one.
      const { rev, overtook, kept } = await this.store.save(draft, baseRev, { keepNewer: !this.userDirty });
      if (kept) return void (await this.adoptNewer(draft.id));
      this.channel?.postMessage({ id: draft.id, rev });
      this.onSaved();
      if (!current()) return; // saved; the form now shows another draft, whose state this must not touch
      this.baseRev = rev;
      this.savedPrint = print;
      if (overtook) this.notice = 'Another tab had changed this draft; your version was saved over it (the last edit wins).';
      this.error = '';
      remember(draft.id);
      if (this.changes !== seen) return; // changed while this was written: that change's own save is still to come
      this.userDirty = false;
      this.state = 'saved';
    } catch (e) {
      if (!current()) {
        this.error = `Your previous draft “${draft.title || 'untitled'}” could not be saved: ${(e as Error).message}.`;
        return;
      }
      if (e instanceof StorageFullError) {
        this.state = 'full';
        this.error = e.message;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.save(), FULL_RETRY_MS); // retried when space may have freed
      } else {
        this.state = 'error';
        this.error = `Your draft could not be saved: ${(e as Error).message}. It is kept in this tab.`;
      }
    } finally {
      this.writing--;
    }
  }

  /** Loads this draft's stored version when another tab saved a newer one; true when it did. */
  private async adoptNewer(id = this.host.id): Promise<boolean> {
    const stored = await this.store?.get(id).catch(() => undefined);
    if (!stored || id !== this.host.id || stored.rev <= this.baseRev || this.userDirty) return false;
    this.host.adopt(stored);
    this.notice = 'This draft was changed in another tab; this tab now shows that version.';
    return true;
  }

  /** Stops timers and closes the channel (the app is torn down, or a test ends). */
  dispose(): void {
    clearTimeout(this.timer);
    this.channel?.removeEventListener('message', this.onMessage);
    this.channel?.close();
    this.channel = null;
  }

  static lastDraftId(): string | null {
    try {
      return localStorage.getItem(CURRENT_KEY);
    } catch {
      return null;
    }
  }
}

function remember(id: string): void {
  try {
    localStorage.setItem(CURRENT_KEY, id);
  } catch {
    /* private mode, or Node */
  }
}

/** A draft's content, independent of key order and of when and how often it was saved. */
function contentPrint(d: Draft): string {
  return JSON.stringify({ ...d, rev: 0, updatedAt: 0 }, (_k, v: unknown) => {
    if (typeof Blob !== 'undefined' && v instanceof Blob) return { blob: v.size, type: v.type }; // a photo's bytes: by size
    if (!v || typeof v !== 'object' || Array.isArray(v) || ArrayBuffer.isView(v)) return v;
    return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)));
  });
}
