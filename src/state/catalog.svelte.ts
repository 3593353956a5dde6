/**
 * The offline catalog as the UI sees it: the starter catalog installed on first use (in the catalog worker),
 * streaming import (CSV/TSV/JSON, gzip decompressed on the device) with progress, lookups, title matching,
 * export, and a clear that keeps the starter part.
 */
import { CatalogParser, type RejectedRow } from '../core/catalog-parse.ts';
import { toEntry, type CatalogEntry } from '../core/catalog.ts';
import type { MatchCandidate } from '../core/catalog-match.ts';
import { sniffCatalogBytes } from '../core/catalog-sniff.ts';
import { WorkerBridge } from '../client/bridge.ts';
import { whenServiceWorkerControls } from './sw-control.ts';
import type { CatalogReplies, CatalogRequest, CatalogResponse, StarterInfo } from '../workers/catalog-protocol.ts';
import { CatalogFullError, type IdbCatalogStore } from '../storage/idb-catalog-store.ts';

const BATCH = 2000;
/** The longest the background start waits for the photo path (startWhenIdle's `after`). */
export const BACKGROUND_START_CAP_MS = 20_000;

export class Catalog {
  count = $state(0);
  importing = $state(false);
  progress = $state(0);
  report = $state('');
  rejected = $state.raw<RejectedRow[]>([]);
  /** The installed starter catalog (sources + licences for the credit line), once the worker has it. */
  starter = $state.raw<StarterInfo | null>(null);
  starterState = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  starterError = $state('');
  /** The last title search, timed on this thread (round trip to the worker) and inside the worker. */
  lastMatch = $state.raw<{ ms: number; workerMs: number } | null>(null);
  private ready: Promise<void> | null = null;
  /** Resolves when the service worker handles this page's requests (the asset is then downloaded once, into its cache). */
  private gate: Promise<void> = Promise.resolve();
  private bridge = new WorkerBridge<CatalogRequest, CatalogResponse, CatalogReplies>(
    'catalog search',
    () => new Worker(new URL('../workers/catalog.worker.ts', import.meta.url), { type: 'module', name: 'catalog' }),
    whenServiceWorkerControls(), // so its model and wasm downloads go through the SW's cache, once
  );

  constructor(readonly store: IdbCatalogStore | null) {}

  async refresh(): Promise<void> {
    if (this.store) this.count = await this.store.count();
  }

  /** Installs the starter catalog and builds the search index, once (a failure is retried on the next call). */
  start(force = false): Promise<void> {
    if (!this.store) return Promise.resolve();
    if (this.ready && !force) return this.ready;
    this.starterState = 'loading';
    const p = this.gate
      .then(() => this.bridge.call({ type: 'init', force }, { timeoutMs: 120_000 }))
      .then(async (r) => {
        this.starter = r.starter;
        this.starterError = r.starterError;
        this.starterState = r.starter ? 'ready' : 'error';
        await this.refresh();
      });
    p.catch((e) => {
      this.starterState = 'error';
      this.starterError = (e as Error).message;
      this.ready = null;
    });
    this.ready = p;
    return p;
  }

  /**
   * Starts in the background when the page is idle, so the first photo's suggestion is not held up; `gate`: wait for it
   * first (the service worker taking control), also for lookups and matches that come earlier. `after`: the background
   * start also waits for this (the photo path's models loading, or BACKGROUND_START_CAP_MS, whichever is first):
   * building the search index takes a core for a few hundred ms, which on a 2-core phone is the inference worker's.
   * A lookup or a match never waits for `after`: it starts the catalog itself.
   */
  startWhenIdle(gate?: Promise<void>, after: Promise<unknown> = Promise.resolve()): void {
    if (gate) this.gate = gate.catch(() => {});
    const go = () => void this.start().catch(() => {});
    const cap = new Promise<void>((r) => setTimeout(r, BACKGROUND_START_CAP_MS));
    // After the service worker took control: the starter file is then downloaded once, into its cache.
    void Promise.all([whenServiceWorkerControls(), Promise.race([after.catch(() => {}), cap])]).then(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(go, { timeout: 3000 });
      else setTimeout(go, 1000);
    });
  }

  async lookup(gtin13: string): Promise<CatalogEntry | undefined> {
    await this.start().catch(() => {}); // a lookup right after first launch waits for the starter rows
    return this.store?.get(gtin13);
  }

  /** Catalog entries that a typed title may describe (best first); runs in the catalog worker. */
  async match(query: string, signal?: AbortSignal): Promise<MatchCandidate[]> {
    if (!this.store) return [];
    await this.start();
    const t0 = performance.now();
    const r = await this.bridge.call({ type: 'match', query, limit: 3 }, { signal, lane: 'match', latestWins: true });
    this.lastMatch = { ms: performance.now() - t0, workerMs: r.ms };
    return r.candidates;
  }

  /** The file's bytes as text, decompressed when it is gzip; null (with the report set) when it cannot be read. */
  private async textStream(file: File, onBytes: (n: number) => void): Promise<{ stream: ReadableStream<string>; gzip: boolean } | null> {
    const sniff = sniffCatalogBytes(new Uint8Array(await file.slice(0, 4096).arrayBuffer()), file.name);
    if (sniff.kind === 'unreadable') {
      this.report = `“${file.name}” could not be imported: ${sniff.reason}.`;
      return null;
    }
    type Bytes = TransformStream<BufferSource, BufferSource>;
    const counted = (file.stream() as ReadableStream<BufferSource>).pipeThrough<BufferSource>(
      new TransformStream({
        transform(chunk, c) {
          onBytes(chunk.byteLength);
          c.enqueue(chunk);
        },
      }) as Bytes,
    );
    if (sniff.kind === 'gzip') {
      if (typeof DecompressionStream === 'undefined') {
        this.report = `“${file.name}” could not be imported: this looks like a gzip file, and this browser cannot decompress it. Decompress it first (gunzip), then import the result.`;
        return null;
      }
      return {
        stream: counted.pipeThrough<BufferSource>(new DecompressionStream('gzip') as unknown as Bytes).pipeThrough(new TextDecoderStream()),
        gzip: true,
      };
    }
    return { stream: counted.pipeThrough(new TextDecoderStream()), gzip: false };
  }

  /**
   * Streams a CSV/TSV/JSON file (gzip too): every code validated, each batch upserted in one transaction (all or nothing),
   * progress saved after each batch so an interrupted import of the same file resumes where it stopped.
   */
  async import(file: File): Promise<void> {
    this.report = '';
    this.rejected = [];
    if (!this.store) {
      this.report = 'The catalog needs storage, which this browser mode does not allow.';
      return;
    }
    if (file.size === 0) {
      this.report = `“${file.name}” is empty (0 bytes): nothing was imported.`;
      return;
    }
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
    let gzip = false;
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
      const text = await this.textStream(file, (n) => {
        read += n;
        this.progress = Math.min(0.99, read / file.size);
      });
      if (!text) return;
      gzip = text.gzip;
      const reader = text.stream.getReader();
      for (;;) {
        let chunk: ReadableStreamReadResult<string>;
        try {
          chunk = await reader.read();
        } catch (e) {
          throw new Error(
            gzip ? `this looks like a gzip file, but it could not be decompressed (damaged or cut short: ${(e as Error).message})` : (e as Error).message,
            { cause: e },
          );
        }
        if (chunk.done) break;
        await take(parser.push(chunk.value) as never);
      }
      await take(parser.end() as never);
      await flush();
      await store.setProgress(null);
      this.progress = 1;
      const how = gzip ? ' (gzip, decompressed on this device)' : '';
      this.report =
        parser.problem && imported === 0
          ? `“${file.name}”${how} could not be imported: ${parser.problem}`
          : `Imported ${imported.toLocaleString()} products from “${file.name}”${how}${skipTo ? ` (resumed after line ${skipTo})` : ''}; ${rejected.length.toLocaleString()} rows rejected.`;
    } catch (e) {
      this.report =
        e instanceof CatalogFullError
          ? `Storage is full: ${imported.toLocaleString()} products were imported before space ran out; the rest were not. Free some space and import the same file again to continue.`
          : `The import of “${file.name}” stopped: ${(e as Error).message}. ${imported.toLocaleString()} products were saved${gzip ? '' : '; import the same file again to continue'}.`;
    } finally {
      this.rejected = parser.problem ? [] : rejected.slice(0, 200);
      this.importing = false;
      await this.refresh();
      if (imported) await this.bridge.call({ type: 'reindex' }).catch(() => {});
    }
  }

  async exportJson(): Promise<Blob> {
    return new Blob([JSON.stringify((await this.store?.all()) ?? [])], { type: 'application/json' });
  }

  /**
   * Removes the imported products; the starter catalog stays. Emptying the store and reinstalling the starter rows
   * is much faster than deleting imported rows one by one, and restores starter rows an import had replaced.
   */
  async clear(): Promise<void> {
    if (!this.store) return;
    const before = await this.store.count();
    await this.store.clear();
    await this.start(true).catch(() => {});
    await this.refresh();
    const kept = this.starter
      ? ` The starter catalog (${this.starter.entries.toLocaleString()} products) stays: it comes with the app.`
      : ` The starter catalog could not be reinstalled: ${this.starterError}`;
    this.report = `Removed ${Math.max(0, before - this.count).toLocaleString()} imported products.${kept}`;
  }
}
