/** Barcode reading as the UI sees it: photos and live frames go to the barcode worker; reads become prefills. */
import { barcodePrefill, type BarcodePrefill, type CatalogEntry } from '../core/catalog.ts';
import type { DecodedCode } from '../ml/barcode/types.ts';
import { WorkerBridge } from '../client/bridge.ts';
import { whenServiceWorkerControls } from './sw-control.ts';
import type { BarcodeReplies, BarcodeRequest, BarcodeResponse, WorkerImage } from '../workers/barcode-protocol.ts';
import type { Catalog } from './catalog.svelte.ts';

export class Barcodes {
  /** The last code read (or typed) and what it prefilled. */
  last = $state.raw<(BarcodePrefill & { read?: DecodedCode; ms?: number }) | null>(null);
  /** All codes of the last read, when a frame held more than one. */
  others = $state.raw<DecodedCode[]>([]);
  busy = $state(false);
  /** A read that would replace what the seller already has: waits for "Replace title, category and price?". */
  pendingReplace = $state.raw<BarcodePrefill | null>(null);
  /** The current live scan, measured: frames decoded, decode time, time from the first frame to a confirmed read. */
  live = $state.raw<LiveStats | null>(null);
  private bridge = new WorkerBridge<BarcodeRequest, BarcodeResponse, BarcodeReplies>(
    'barcode reader',
    () => new Worker(new URL('../workers/barcode.worker.ts', import.meta.url), { type: 'module', name: 'barcode' }),
    whenServiceWorkerControls(), // so its model and wasm downloads go through the SW's cache, once
  );

  constructor(private readonly catalog: Catalog) {}

  /**
   * A photo (of the item or of just its barcode): the full still-photo cascade. `quiet`: an item photo searched in
   * the background (no "Reading the barcode…"; only a found code is announced); `signal` stops it.
   */
  async fromPhoto(blob: Blob, opts: { quiet?: boolean; signal?: AbortSignal } = {}): Promise<DecodedCode[]> {
    // a quiet search runs whenever the app is quiet: it leaves an explicit read's "Reading…" and a live scan's stats alone
    if (!opts.quiet) {
      this.busy = true;
      this.live = null;
    }
    try {
      const r = await this.bridge.call({ type: 'decode-blob', blob }, { signal: opts.signal });
      if (r.codes.length && !opts.signal?.aborted) await this.accept(r.codes, r.ms, opts.signal);
      return r.codes;
    } finally {
      if (!opts.quiet) this.busy = false;
    }
  }

  /** One live frame; resolves with the confirmed codes (confirmation spans frames, inside the worker). */
  async liveFrame(image: WorkerImage): Promise<DecodedCode[]> {
    // One frame at a time: a newer frame replaces one still waiting (the camera never queues up).
    const sent = performance.now();
    this.live = this.live
      ? { ...this.live, sent: this.live.sent + 1 }
      : { startedAt: sent, firstFrameAt: sent, sent: 1, decoded: 0, decodeMs: 0, readAt: null };
    const r = await this.bridge.call({ type: 'decode', image, mode: 'live', budgetMs: 60 }, { transfer: [image.data.buffer], lane: 'live', latestWins: true });
    const l = this.live;
    if (l)
      this.live = { ...l, decoded: l.decoded + 1, decodeMs: l.decodeMs + r.ms, readAt: r.codes.length && l.readAt === null ? performance.now() : l.readAt };
    if (r.codes.length) await this.accept(r.codes, r.ms);
    return r.codes;
  }

  async resetLive(): Promise<void> {
    this.live = null;
    await this.bridge.call({ type: 'reset' });
  }

  /** Forgets the last read (a new listing or another draft was opened). */
  clear(): void {
    this.last = null;
    this.others = [];
  }

  /** A code typed by hand (e.g. from under a damaged barcode). */
  async fromTyped(text: string): Promise<void> {
    this.live = null;
    const p = barcodePrefill(text, null);
    this.last = p.code.valid ? await this.prefill(text) : p;
    this.others = [];
  }

  /**
   * A read goes into the listing: straight in when the listing has no title of the seller's (or the same one);
   * otherwise it waits for the seller's answer to "Replace title, category and price with this product?".
   */
  deliver(listing: ListingTarget, p: BarcodePrefill): void {
    const current = (listing.userTitle ?? '').trim();
    if (p.title && current && current !== p.title) {
      listing.applyBarcode({ ...p, title: '', category: [], price: '', brand: '' }); // the code itself is kept
      this.pendingReplace = p;
      return;
    }
    this.pendingReplace = null;
    listing.applyBarcode(p);
  }

  /** The seller's answer to the replace question. */
  answerReplace(listing: ListingTarget, replace: boolean): void {
    const p = this.pendingReplace;
    this.pendingReplace = null;
    if (p && replace) listing.applyBarcode(p, { replace: true });
  }

  /** The seller picked a catalog match ("Is it this?"): the same prefill as scanning its barcode. */
  fromEntry(entry: CatalogEntry): BarcodePrefill {
    this.live = null;
    const p = barcodePrefill(entry.gtin13, entry);
    this.last = p;
    this.others = [];
    return p;
  }

  private async prefill(text: string, read?: DecodedCode, ms?: number) {
    const code = barcodePrefill(text, null, read?.format);
    const entry = code.code.gtin13 ? await this.catalog.lookup(code.code.gtin13) : undefined;
    return { ...barcodePrefill(text, entry ?? null, read?.format), read, ms };
  }

  /** The central/largest code comes first from the decoder; the others are reported too. */
  private async accept(codes: DecodedCode[], ms: number, signal?: AbortSignal): Promise<void> {
    const p = await this.prefill(codes[0].text, codes[0], ms);
    if (signal?.aborted) return; // e.g. another listing was opened during the catalog lookup
    this.last = p;
    this.others = codes.slice(1);
  }
}

/** What deliver() needs of the listing (Listing in listing.svelte.ts). */
export interface ListingTarget {
  userTitle: string | null;
  applyBarcode(p: { code: { gtin13?: string }; title: string; category: string[]; price: string; brand?: string }, opts?: { replace?: boolean }): void;
}

export interface LiveStats {
  startedAt: number;
  firstFrameAt: number;
  /** Frames handed to the worker, and frames it answered (a frame replaced while waiting is never decoded). */
  sent: number;
  decoded: number;
  /** Sum of the worker's decode times. */
  decodeMs: number;
  /** When the first confirmed read arrived (performance.now()). */
  readAt: number | null;
}
