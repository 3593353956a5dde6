/** Every state object of the app, built once (in main.ts) and handed to App.svelte. */
import type { DraftStore } from '../core/draft.ts';
import type { IdbCatalogStore } from '../storage/idb-catalog-store.ts';
import { Catalog } from './catalog.svelte.ts';
import { Barcodes } from './barcodes.svelte.ts';
import type { Settings } from './settings.svelte.ts';
import type { PhotoEngine } from './photo-engine.svelte.ts';
import { Listing } from './listing.svelte.ts';
import { Drafts } from './drafts.svelte.ts';
import { Pwa } from './pwa.svelte.ts';
import { YieldingQueue } from './yielding-queue.ts';

export class AppState {
  readonly catalog: Catalog;
  readonly barcodes: Barcodes;
  readonly settings: Settings;
  readonly engine: PhotoEngine;
  readonly pwa = new Pwa();
  readonly drafts: Drafts;
  readonly listing: Listing;
  /**
   * The quiet barcode search of item photos, after they are classified (only a found code is announced): one at a
   * time and only once no photo has been read or priced for a moment; a search in work yields to the next photo
   * (yielding-queue.ts). Emptied whenever the listing is (re)loaded: another listing opened or started, or a newer
   * save of this draft adopted from another tab.
   */
  readonly photoSearch: YieldingQueue<Blob>;

  /** `early`: the settings and photo engine, which main.ts builds before IndexedDB opens (to start the inference worker sooner). */
  constructor(store: DraftStore | null, catalogStore: IdbCatalogStore | null, early: { settings: Settings; engine: PhotoEngine }) {
    this.settings = early.settings;
    this.engine = early.engine;
    this.catalog = new Catalog(catalogStore);
    this.barcodes = new Barcodes(this.catalog);
    this.drafts = new Drafts(store, () => this.listing);
    this.listing = new Listing(
      this.engine,
      store,
      () => void this.drafts.refresh(),
      () => {
        this.photoSearch.clear(); // a search of the last listing's photos must not fill this one
        this.barcodes.clear();
      },
    );
    this.photoSearch = new YieldingQueue<Blob>(
      async (f, signal) => {
        const codes = await this.barcodes.fromPhoto(f, { quiet: true, signal });
        if (codes.length && this.barcodes.last && !signal.aborted) this.barcodes.deliver(this.listing, this.barcodes.last);
      },
      () => this.listing.working || this.barcodes.busy, // an explicit barcode read also goes first
    );
  }
}
