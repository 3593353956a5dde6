import { mount } from 'svelte';
import App from './App.svelte';
import { openAppDb } from './storage/db.ts';
import { IdbDraftStore } from './storage/idb-draft-store.ts';
import { IdbCatalogStore } from './storage/idb-catalog-store.ts';
import { AppState } from './state/app-state.svelte.ts';
import { Settings } from './state/settings.svelte.ts';
import { PhotoEngine } from './state/photo-engine.svelte.ts';
import { serviceWorkerControls } from './state/sw-control.ts';

// A repeat visit (the service worker already controls the page, so the worker's downloads go through its cache): the
// inference worker's script is fetched, compiled and run, and the models start loading, while IndexedDB opens and the
// page mounts.
const settings = new Settings();
const engine = new PhotoEngine(settings);
if (navigator.serviceWorker?.controller) {
  serviceWorkerControls(); // what the Pwa would report once mounted: the workers' requests may start now
  engine.warm();
}
// Without IndexedDB (some private modes) the app still works; it just cannot keep drafts or a catalog.
const db = await openAppDb().catch(() => null);
const app = new AppState(db ? new IdbDraftStore(db) : null, db ? new IdbCatalogStore(db) : null, { settings, engine });
mount(App, { target: document.getElementById('app')!, props: { app } });
