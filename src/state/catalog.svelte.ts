/** The offline catalog as the UI sees it: streaming import with progress, lookups, export, clear. */
import { CatalogParser, type RejectedRow } from '../core/catalog-parse.ts';
import { toEntry, type CatalogEntry } from '../core/catalog.ts';
import { CatalogFullError, type IdbCatalogStore } from '../storage/idb-catalog-store.ts';

const BATCH = 2000;

export class Catalog {
  count = $state(0);
  importing = $state(false);
  progress = $state(0);
  report = $state('');
  rejected = $state.raw<RejectedRow[]>([]);

  constructor(readonly store: IdbCatalogStore | null) {}

  async refresh(): Promise<void> {
    if (this.store) this.count = await this.store.count();
  }

  async lookup(gtin13: string): Promise<CatalogEntry | undefined> {
    return this.store?.get(gtin13);
  }

  /**
   * Streams a CSV/TSV/JSON file: every code validated, each batch upserted in one transaction (all or nothing),
   * progress saved after each batch so an interrupted import of the same file resumes where it stopped.
   */
  async import(file: File): Promise<void> {
    this.report = '';
    this.rejected = [];
    if (!this.store) { this.report = 'The catalog needs storage, which this browser mode does not allow.'; return; }
    if (file.size === 0) { this.report = `“${file.name}” is empty (0 bytes): nothing was imported.`; return; }
    this.importing = true;
    this.progress = 0;
    const store = this.store;
    const prev = await store.progress();
    const skipTo = prev && prev.file === file.name && prev.size === file.size && prev.lastModified === file.lastModified ? prev.lineDone : 0;
    const parser = new CatalogParser();
    const rejected: RejectedRow[] = [];
    let pending: CatalogEntry[] = [];
    let lastLine = skipTo;
    let imported = 0;
    let read = 0;
    const flush = async () => {
      if (!pending.length) return;
      await store.putBatch(pending);
      imported += pending.length;
      pending = [];
      await store.setProgress({ file: file.name, size: file.size, lastModified: file.lastModified, lineDone: lastLine });
    };
    const take = async (b: { accepted: { line: number }[] & Parameters<typeof toEntry>[0][]; rejected: RejectedRow[] }) => {
      rejected.push(...b.rejected);
      for (const r of b.accepted) {
        if (r.line <= skipTo) continue;
        pending.push(toEntry(r, file.name));
        lastLine = Math.max(lastLine, r.line);
        if (pending.length >= BATCH) await flush();
      }
    };
    try {
      const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        read += value.length;
        this.progress = Math.min(0.99, read / file.size);
        await take(parser.push(value) as never);
      }
      await take(parser.end() as never);
      await flush();
      await store.setProgress(null);
      this.progress = 1;
      this.report = `Imported ${imported.toLocaleString()} products from “${file.name}”${skipTo ? ` (resumed after line ${skipTo})` : ''}; ${rejected.length.toLocaleString()} rows rejected.`;
    } catch (e) {
      this.report = e instanceof CatalogFullError
        ? `Storage is full: ${imported.toLocaleString()} products were imported before space ran out; the rest were not. Free some space and import the same file again to continue.`
        : `The import stopped: ${(e as Error).message}. ${imported.toLocaleString()} products were saved; import the same file again to continue.`;
    } finally {
      this.rejected = rejected.slice(0, 200);
      this.importing = false;
      await this.refresh();
    }
  }

  async exportJson(): Promise<Blob> {
    return new Blob([JSON.stringify((await this.store?.all()) ?? [])], { type: 'application/json' });
  }

  async clear(): Promise<void> {
    await this.store?.clear();
    this.report = 'The catalog was cleared.';
    await this.refresh();
  }
}
