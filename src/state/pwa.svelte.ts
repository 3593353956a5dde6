/** Service-worker status for the pill: caching, ready offline (with size), update waiting; plus install prompt. */
import { registerSW } from 'virtual:pwa-register';

export type PwaState = 'off' | 'caching' | 'ready' | 'update' | 'failed';

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
}

export class Pwa {
  state = $state<PwaState>('off');
  cachedBytes = $state(0);
  canInstall = $state(false);
  isIos = /iphone|ipad|ipod/i.test(globalThis.navigator?.userAgent ?? '') && !('standalone' in navigator && (navigator as { standalone?: boolean }).standalone);
  private deferred: InstallPromptEvent | null = null;
  private updateSW: ((reload?: boolean) => Promise<void>) | null = null;

  start(): void {
    if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
    this.state = 'caching';
    this.updateSW = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.state = 'update'),
      onOfflineReady: () => void this.ready(),
      onRegisteredSW: (_url, reg) => {
        if (reg?.active && !reg.installing && !reg.waiting && navigator.serviceWorker.controller) void this.ready();
      },
      onRegisterError: () => (this.state = 'failed'),
    });
    addEventListener('beforeinstallprompt', (e) => {
      e.preventDefault();
      this.deferred = e as InstallPromptEvent;
      this.canInstall = true;
    });
    addEventListener('appinstalled', () => (this.canInstall = false));
  }

  private async ready(): Promise<void> {
    this.cachedBytes = await cachedSize();
    if (this.state !== 'update') this.state = 'ready';
  }

  /** Activates the waiting version and reloads (only when the user asks). */
  async applyUpdate(): Promise<void> {
    await this.updateSW?.(true);
  }

  async install(): Promise<void> {
    await this.deferred?.prompt();
    this.deferred = null;
    this.canInstall = false;
  }
}

/** Bytes held in this origin's caches (precache + models), summed from the cached responses. */
async function cachedSize(): Promise<number> {
  let total = 0;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const req of await cache.keys()) {
      const res = await cache.match(req);
      const len = Number(res?.headers.get('content-length'));
      total += Number.isFinite(len) && len > 0 ? len : (await res?.blob())?.size ?? 0;
    }
  }
  return total;
}
