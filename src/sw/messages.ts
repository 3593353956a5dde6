/** Typed messages between the page (src/state/pwa.svelte.ts) and the service worker; replies travel on a MessagePort. */
import type { ImageEngine } from '../core/model-manifest.ts';

export type SwRequest =
  /** workbox-window's "activate the waiting version" (sent on "reload to update"). */
  | { type: 'SKIP_WAITING' }
  /** What these settings need offline; with `fetch`, download (once, verified) whatever is not cached yet. */
  | { type: 'coverage'; engine: ImageEngine; fetch: boolean };

export interface SwCoverage {
  type: 'coverage';
  /** Model files (and runtimes every setting needs) not cached (with `fetch`: that could not be downloaded). */
  missing: { url: string; model: string; bytes: number }[];
  /** Runtimes (wasm) being fetched right now, and those whose download failed since the worker started. */
  runtimePending: number;
  runtimeFailed: string[];
  /** Bytes held in this version's caches (shell, runtimes, models). */
  cachedBytes: number;
}
