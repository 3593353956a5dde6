/** User settings (engine, backend override), persisted in localStorage. */
import { DEFAULT_ENGINE, IMAGE_ENGINES, type ImageEngine } from '../core/model-manifest.ts';
import type { BackendPreference, ThreadsPreference } from '../ml/backend-chooser.ts';

const KEY = 'listing-assistant.settings.v1';

interface Saved {
  engine: ImageEngine;
  backend: BackendPreference;
  /** wasm threads of the ML worker ('auto' = chooseThreads); read when the worker starts, so it applies after a reload. */
  threads: ThreadsPreference;
  /** "Check photos for explicit content" (the NSFW model; on unless switched off). */
  checkExplicit: boolean;
  /** Marketplace fee in percent, to show "You'd receive about $X" (0 = off). */
  feePercent: number;
}

function parseThreads(v: unknown): ThreadsPreference {
  return v === 1 || v === 2 || v === 4 ? v : 'auto';
}

function load(): Saved {
  try {
    const s = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Saved>;
    const fee = Number(s.feePercent);
    return {
      engine: s.engine && IMAGE_ENGINES.includes(s.engine) ? s.engine : DEFAULT_ENGINE,
      backend: s.backend ?? 'auto',
      threads: parseThreads(s.threads),
      checkExplicit: s.checkExplicit !== false,
      feePercent: fee >= 0 && fee < 100 ? fee : 0,
    };
  } catch {
    return { engine: DEFAULT_ENGINE, backend: 'auto', threads: 'auto', checkExplicit: true, feePercent: 0 };
  }
}

export class Settings {
  engine = $state<ImageEngine>(DEFAULT_ENGINE);
  backend = $state<BackendPreference>('auto');
  threads = $state<ThreadsPreference>('auto');
  checkExplicit = $state(true);
  feePercent = $state(0);

  constructor() {
    const s = load();
    this.engine = s.engine;
    this.backend = s.backend;
    this.threads = s.threads;
    this.checkExplicit = s.checkExplicit;
    this.feePercent = s.feePercent;
  }

  save(): void {
    try {
      localStorage.setItem(
        KEY,
        JSON.stringify({
          engine: this.engine,
          backend: this.backend,
          threads: this.threads,
          checkExplicit: this.checkExplicit,
          feePercent: this.feePercent,
        }),
      );
    } catch {
      /* storage unavailable (private mode): settings last for this visit only */
    }
  }
}
