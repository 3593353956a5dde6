/**
 * When the service worker controls this page (reported by src/state/pwa.svelte.ts). Code that starts a worker
 * waits for it (main.ts warms the inference worker without waiting only when a controller is already there), so the
 * worker's model and wasm requests go through the SW's cache and each file is downloaded once.
 * Components mount before the app starts the Pwa, so this is pending from the start; it settles anyway after
 * 15 s (no service worker, or one that never takes control).
 */
let settle: () => void = () => {};
const controlled = new Promise<void>((resolve) => {
  settle = resolve;
  setTimeout(resolve, 15_000);
});

/** Called once: when the SW controls the page, or at once where there is none. */
export function serviceWorkerControls(): void {
  settle();
}

export function whenServiceWorkerControls(): Promise<void> {
  return controlled;
}
