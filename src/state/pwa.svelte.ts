/**
 * Service-worker status for the pill (caching, ready offline with size, missing, update waiting) and the install
 * prompt. "Ready offline" means everything the current settings need is cached: the shell, the models of the chosen
 * engine and our own, and the runtimes the app has loaded (it is checked again when the settings change).
 * `whenControlled()` lets the app start its workers only once the service worker handles their requests, so a first
 * visit downloads every model and wasm file once, through the SW's cache.
 */
import { untrack } from 'svelte';
import { registerSW } from 'virtual:pwa-register';
import type { ImageEngine } from '../core/model-manifest.ts';
import type { SwCoverage, SwRequest } from '../sw/messages.ts';
import { serviceWorkerControls } from './sw-control.ts';

export type PwaState = 'off' | 'caching' | 'ready' | 'missing' | 'update' | 'failed';

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
}

/** What the offline check reads from the rest of the app. */
export interface PwaNeeds {
  engine: () => ImageEngine;
  /** True once the photo model and our listing models have loaded (so their runtimes went through the SW). */
  runtimeLoaded: () => boolean;
}

/** Longest wait for the service worker before the app starts its workers anyway. */
const CONTROL_TIMEOUT_MS = 15_000;
/** Wait before asking the service worker again when it did not answer or a download failed (tripled each time). */
const RECHECK_MS = 5_000;
const MAX_RECHECK_MS = 5 * 60_000;

export class Pwa {
  state = $state<PwaState>('off');
  cachedBytes = $state(0);
  /** Model files the current settings need that are not on this device (shown when offline). */
  missing = $state.raw<SwCoverage['missing']>([]);
  canInstall = $state(false);
  isIos = /iphone|ipad|ipod/i.test(globalThis.navigator?.userAgent ?? '') && !('standalone' in navigator && (navigator as { standalone?: boolean }).standalone);
  private deferred: InstallPromptEvent | null = null;
  private updateSW: ((reload?: boolean) => Promise<void>) | null = null;
  private controlled: Promise<void> = Promise.resolve();
  private needs: PwaNeeds | null = null;
  private checking = 0;
  private retryMs = RECHECK_MS;
  private recheck: ReturnType<typeof setTimeout> | undefined;

  start(needs: PwaNeeds): void {
    this.needs = needs;
    if (import.meta.env.DEV || !('serviceWorker' in navigator)) return serviceWorkerControls();
    this.state = 'caching';
    let settle!: () => void;
    this.controlled = navigator.serviceWorker.controller ? Promise.resolve() : new Promise<void>((r) => (settle = r));
    void this.controlled.then(serviceWorkerControls);
    const timer = setTimeout(() => settle?.(), CONTROL_TIMEOUT_MS);
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      clearTimeout(timer);
      settle?.();
      void this.check();
    });
    this.updateSW = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.state = 'update'),
      onRegisteredSW: (_url, reg) => {
        // Only a first install takes control of this page; with an active SW that did not (a hard reload) or an
        // install that failed, nothing will, so the app does not wait.
        if (reg?.active) settle?.();
        const sw = reg?.installing;
        sw?.addEventListener('statechange', () => {
          if (sw.state === 'redundant') settle?.();
        });
        void this.check();
      },
      onRegisterError: () => {
        clearTimeout(timer);
        settle?.();
        this.state = 'failed';
      },
    });
    // Checked again whenever the engine setting or what has loaded changes.
    $effect.root(() => {
      $effect(() => {
        needs.engine();
        needs.runtimeLoaded();
        untrack(() => void this.check());
      });
    });
    addEventListener('online', () => {
      this.retryMs = RECHECK_MS; // the network is back: failed downloads are worth trying again soon
      void this.check();
    });
    addEventListener('offline', () => void this.check());
    addEventListener('beforeinstallprompt', (e) => {
      e.preventDefault();
      this.deferred = e as InstallPromptEvent;
      this.canInstall = true;
    });
    addEventListener('appinstalled', () => (this.canInstall = false));
  }

  /** Resolves once the service worker controls this page (at once without one, or after a timeout). */
  whenControlled(): Promise<void> {
    return this.controlled;
  }

  /**
   * Asks the SW what the current settings still need (and, online, to download it once); sets the state.
   * Call it when the engine or what has loaded changes; a newer call supersedes an older one.
   */
  async check(): Promise<void> {
    const sw = navigator.serviceWorker?.controller;
    if (!sw || !this.needs || this.state === 'off' || this.state === 'failed') return;
    clearTimeout(this.recheck); // this check replaces any re-check still waiting
    const mine = ++this.checking;
    const online = navigator.onLine;
    const reply = await ask(sw, { type: 'coverage', engine: this.needs.engine(), fetch: online }).catch(() => null);
    if (mine !== this.checking) return;
    if (!reply) {
      // The service worker did not answer (stopped by the browser mid-check): ask again rather than say "Saving" for good.
      this.recheck = setTimeout(() => void this.check(), RECHECK_MS);
      return;
    }
    this.cachedBytes = reply.cachedBytes;
    this.missing = reply.missing;
    if (this.state === 'update') return;
    const complete = reply.missing.length === 0 && reply.runtimePending === 0 && reply.runtimeFailed.length === 0;
    if (complete) this.retryMs = RECHECK_MS;
    if (complete && this.needs.runtimeLoaded()) this.state = 'ready';
    else if (!online && reply.missing.length) this.state = 'missing';
    else {
      this.state = 'caching';
      if (reply.runtimePending) this.recheck = setTimeout(() => void this.check(), 500);
      else if (online && (reply.missing.length || reply.runtimeFailed.length)) {
        // a download failed while the browser still says online (a dropped connection fires no "online" event)
        this.recheck = setTimeout(() => void this.check(), this.retryMs);
        this.retryMs = Math.min(this.retryMs * 3, MAX_RECHECK_MS);
      }
    }
  }

  /** What the pill says about offline use. */
  get summary(): string {
    const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
    switch (this.state) {
      case 'caching':
        return 'Saving for offline…';
      case 'ready':
        return `Ready offline (${mb(this.cachedBytes)})`;
      case 'missing':
        return `Offline · ${mb(this.missing.reduce((n, m) => n + m.bytes, 0))} not downloaded`; // the error names it
      case 'update':
        return 'Update available';
      default:
        return '';
    }
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

function ask(sw: ServiceWorker, msg: SwRequest): Promise<SwCoverage> {
  return new Promise((resolve, reject) => {
    const ch = new MessageChannel();
    const timer = setTimeout(() => reject(new Error('service worker did not answer')), 120_000);
    ch.port1.onmessage = (e) => {
      clearTimeout(timer);
      resolve(e.data as SwCoverage);
    };
    sw.postMessage(msg, [ch.port2]);
  });
}
