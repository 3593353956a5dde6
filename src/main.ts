import { mount } from 'svelte';
import App from './App.svelte';
import { IdbDraftStore } from './storage/idb-draft-store.ts';

// Without IndexedDB (some private modes) the app still works; it just cannot keep drafts.
const store = await IdbDraftStore.open().catch(() => null);
mount(App, { target: document.getElementById('app')!, props: { store } });
