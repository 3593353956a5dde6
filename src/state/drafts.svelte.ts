/** The Drafts list, export/import, and the device storage it uses. */
import { duplicateDraft, type DraftStore, type DraftSummary } from '../core/draft.ts';
import { exportDraftsCsv, exportDraftsJson, importDraftsJson } from '../core/draft-io.ts';
import type { Listing } from './listing.svelte.ts';

/** Warn when the origin has used this share of its quota. */
const QUOTA_WARN = 0.8;

export class Drafts {
  items = $state.raw<DraftSummary[]>([]);
  usage = $state(0);
  quota = $state(0);
  persisted = $state(false);
  message = $state('');

  constructor(
    readonly store: DraftStore | null,
    private readonly listing: () => Listing,
  ) {}

  nearlyFull = $derived(this.quota > 0 && this.usage / this.quota > QUOTA_WARN);

  async refresh(): Promise<void> {
    if (!this.store) return;
    this.items = await this.store.list();
    await this.measure();
  }

  async measure(): Promise<void> {
    const est = await navigator.storage?.estimate?.().catch(() => undefined);
    if (est) { this.usage = est.usage ?? 0; this.quota = est.quota ?? 0; }
  }

  /** Asks the browser not to evict our drafts under storage pressure. */
  async askPersist(): Promise<void> {
    try {
      this.persisted = (await navigator.storage?.persisted?.()) || (await navigator.storage?.persist?.()) || false;
    } catch { this.persisted = false; }
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

  async remove(id: string): Promise<void> {
    await this.store?.delete(id);
    if (this.listing().id === id) this.listing().reset();
    await this.refresh();
  }

  async newListing(): Promise<void> {
    await this.listing().flush();
    this.listing().reset();
    await this.refresh();
  }

  private async all() {
    if (!this.store) return [];
    return (await Promise.all(this.items.map((s) => this.store!.get(s.id)))).filter((d) => d !== undefined);
  }

  async exportJson(): Promise<Blob> {
    await this.listing().flush();
    await this.refresh();
    return new Blob([await exportDraftsJson(await this.all())], { type: 'application/json' });
  }

  async exportCsv(): Promise<Blob> {
    await this.listing().flush();
    await this.refresh();
    return new Blob([exportDraftsCsv(await this.all())], { type: 'text/csv' });
  }

  /** Imports an export file: all drafts or none (a malformed file changes nothing). */
  async importJson(file: Blob): Promise<void> {
    this.message = '';
    if (!this.store) { this.message = 'Drafts cannot be saved in this browser mode, so they cannot be imported.'; return; }
    try {
      const drafts = importDraftsJson(await file.text());
      for (const d of drafts) await this.store.save(d, Number.MAX_SAFE_INTEGER);
      this.message = `Imported ${drafts.length} draft${drafts.length === 1 ? '' : 's'}.`;
    } catch (e) {
      this.message = `Import failed: ${(e as Error).message}`;
    }
    await this.refresh();
  }
}
