/** The Drafts list (one thumbnail URL per draft, revoked when it goes), delete with undo, export/import. */
import { duplicateDraft, type Draft, type DraftStore, type DraftSummary } from '../core/draft.ts';
import { exportDraftsCsv } from '../core/draft-csv.ts';
import { exportDraftsJson } from '../core/draft-io.ts';
import { toErrorData } from '../core/errors.ts';
import { exportDraftsZip, importDraftsFile } from '../storage/drafts-zip.ts';
import type { Listing } from './listing.svelte.ts';

/** Warn when the origin has used this share of its quota. */
const QUOTA_WARN = 0.8;
/** How long "Deleted … Undo" stays before the draft is really deleted. */
export const UNDO_MS = 6000;

export interface DraftListItem extends DraftSummary {
  thumbUrl: string | null;
}

/** The part of Listing the drafts list uses. */
type ListingPort = Pick<Listing, 'id' | 'flush' | 'load' | 'reset'>;

interface PendingDelete {
  timer: ReturnType<typeof setTimeout>;
  wasOpen: boolean;
}

export class Drafts {
  items = $state.raw<DraftListItem[]>([]);
  usage = $state(0);
  quota = $state(0);
  persisted = $state(false);
  message = $state('');
  /** The draft just deleted, while it can still be brought back. */
  undo = $state.raw<{ id: string; title: string } | null>(null);

  /** draft id → its thumbnail's object URL and what it shows (photo id, size, type). Bookkeeping, never rendered. */
  private readonly thumbs = new Map<string, { key: string; url: string }>();
  private readonly pending = new Map<string, PendingDelete>();
  private listed: DraftSummary[] = [];
  private refreshSeq = 0;

  constructor(
    readonly store: DraftStore | null,
    private readonly listing: () => ListingPort,
    private readonly undoMs = UNDO_MS,
  ) {}

  nearlyFull = $derived(this.quota > 0 && this.usage / this.quota > QUOTA_WARN);

  async refresh(): Promise<void> {
    if (!this.store) return;
    const seq = ++this.refreshSeq;
    const list = await this.store.list();
    if (seq !== this.refreshSeq) return; // a newer refresh started meanwhile: its list wins
    this.listed = list;
    this.show();
    await this.measure();
  }

  /** Publishes the stored list minus drafts waiting to be deleted; reuses, creates and revokes thumbnail URLs. */
  private show(): void {
    const visible = this.listed.filter((s) => !this.pending.has(s.id));
    this.items = visible.map((s) => {
      if (!s.thumb) return { ...s, thumbUrl: null };
      const key = `${s.thumbKey}:${s.thumb.size}:${s.thumb.type}`;
      let t = this.thumbs.get(s.id);
      if (t && t.key !== key) {
        URL.revokeObjectURL(t.url);
        t = undefined;
      }
      if (!t) {
        t = { key, url: URL.createObjectURL(s.thumb) };
        this.thumbs.set(s.id, t);
      }
      return { ...s, thumbUrl: t.url };
    });
    for (const [id, t] of this.thumbs) {
      if (!visible.some((s) => s.id === id && s.thumb)) {
        URL.revokeObjectURL(t.url);
        this.thumbs.delete(id);
      }
    }
  }

  async measure(): Promise<void> {
    const est = await globalThis.navigator?.storage?.estimate?.().catch(() => undefined);
    if (est) {
      this.usage = est.usage ?? 0;
      this.quota = est.quota ?? 0;
    }
  }

  /** Asks the browser not to evict our drafts under storage pressure. */
  async askPersist(): Promise<void> {
    try {
      const s = globalThis.navigator?.storage;
      this.persisted = (await s?.persisted?.()) || (await s?.persist?.()) || false;
    } catch {
      this.persisted = false;
    }
  }

  async open(id: string): Promise<void> {
    if (!this.store) return;
    await this.listing().flush();
    const d = await this.store.get(id);
    if (d) this.listing().load(d);
  }

  async duplicate(id: string): Promise<void> {
    const d = await this.store?.get(id);
    if (!d || !this.store) return;
    await this.store.save(duplicateDraft(d), 0);
    await this.refresh();
  }

  /** Hides the draft at once; it is deleted from storage after `undoMs` unless `undoDelete()` is called first. */
  async remove(id: string): Promise<void> {
    if (!this.store || this.pending.has(id)) return;
    const title = this.listed.find((s) => s.id === id)?.title || 'Untitled';
    const wasOpen = this.listing().id === id;
    if (wasOpen) {
      await this.listing().flush();
      this.listing().reset();
    } // Undo brings back the last edit
    await this.commitDeletes(); // one Undo at a time: an earlier deletion becomes final
    this.pending.set(id, { wasOpen, timer: setTimeout(() => void this.commitDelete(id), this.undoMs) });
    this.undo = { id, title };
    this.show();
  }

  /** Brings the last deleted draft back exactly as it was (it never left storage). */
  async undoDelete(): Promise<void> {
    const u = this.undo;
    const p = u && this.pending.get(u.id);
    this.undo = null;
    if (!u || !p) return;
    clearTimeout(p.timer);
    this.pending.delete(u.id);
    this.show();
    await this.refresh();
    if (p.wasOpen) await this.open(u.id);
  }

  private async commitDelete(id: string): Promise<void> {
    const p = this.pending.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    if (this.undo?.id === id) this.undo = null;
    try {
      await this.store?.delete(id);
    } catch (e) {
      this.message = `The draft could not be deleted: ${toErrorData(e).message}`;
    }
    this.pending.delete(id);
    await this.refresh();
  }

  /** Makes every pending deletion final now (another deletion, the page being closed). */
  async commitDeletes(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((id) => this.commitDelete(id)));
  }

  /** Revokes every thumbnail URL (the list is going away). */
  dispose(): void {
    for (const t of this.thumbs.values()) URL.revokeObjectURL(t.url);
    this.thumbs.clear();
    this.items = [];
  }

  async newListing(): Promise<void> {
    // The pending save takes its snapshot at once; the empty form is there before the write ends, so nothing typed
    // meanwhile lands in the old draft.
    const saving = this.listing().flush();
    this.listing().reset();
    await saving;
    await this.refresh();
  }

  private async all(): Promise<Draft[]> {
    if (!this.store) return [];
    return (await Promise.all(this.items.map((s) => this.store!.get(s.id)))).filter((d) => d !== undefined);
  }

  private async current(): Promise<Draft[]> {
    await this.listing().flush();
    await this.refresh();
    return this.all();
  }

  async exportJson(): Promise<Blob> {
    return new Blob([await exportDraftsJson(await this.current())], { type: 'application/json' });
  }

  async exportCsv(): Promise<Blob> {
    return new Blob([exportDraftsCsv(await this.current())], { type: 'text/csv;charset=utf-8' });
  }

  async exportZip(): Promise<Blob> {
    return new Blob([(await exportDraftsZip(await this.current())) as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
  }

  /** Imports a JSON or ZIP export: all drafts or none (a malformed file changes nothing). */
  async importFile(file: Blob): Promise<void> {
    this.message = '';
    if (!this.store) {
      this.message = 'Drafts cannot be saved in this browser mode, so they cannot be imported.';
      return;
    }
    try {
      const drafts = await importDraftsFile(file);
      await this.store.putAll(drafts);
      for (const d of drafts) {
        // an imported draft replaces one waiting to be deleted
        const p = this.pending.get(d.id);
        if (p) {
          clearTimeout(p.timer);
          this.pending.delete(d.id);
          if (this.undo?.id === d.id) this.undo = null;
        }
      }
      this.message = `Imported ${drafts.length} draft${drafts.length === 1 ? '' : 's'}.`;
    } catch (e) {
      this.message = `Import failed: ${toErrorData(e).message}`;
    }
    await this.refresh();
  }
}
