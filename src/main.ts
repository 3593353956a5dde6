import { mount } from 'svelte';
import App from './App.svelte';
import { openAppDb } from './storage/db.ts';
import { IdbDraftStore } from './storage/idb-draft-store.ts';
import { IdbCatalogStore } from './storage/idb-catalog-store.ts';
import { AppState } from './state/app-state.svelte.ts';

// Without IndexedDB (some private modes) the app still works; it just cannot keep drafts or a catalog.
const db = await openAppDb().catch(() => null);
const app = new AppState(db ? new IdbDraftStore(db) : null, db ? new IdbCatalogStore(db) : null);
mount(App, { target: document.getElementById('app')!, props: { app } });
