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

export class AppState {
  readonly catalog: Catalog;
  readonly barcodes: Barcodes;
  readonly settings: Settings;
  readonly engine: PhotoEngine;
  readonly pwa = new Pwa();
  readonly drafts: Drafts;
  readonly listing: Listing;

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
      () => this.barcodes.clear(),
    );
  }
}
