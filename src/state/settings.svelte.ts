/** User settings (engine, backend override), persisted in localStorage. */
import type { ImageEngine } from '../core/model-manifest.ts';
import type { BackendPreference } from '../ml/backend-chooser.ts';

const KEY = 'listing-assistant.settings.v1';

interface Saved {
  engine: ImageEngine;
  backend: BackendPreference;
  /** "Check photos for explicit content" (the NSFW model; on unless switched off). */
  checkExplicit: boolean;
  /** Marketplace fee in percent, to show "You'd receive about $X" (0 = off). */
  feePercent: number;
}

function load(): Saved {
  try {
    const s = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Saved>;
    const fee = Number(s.feePercent);
    return {
      engine: s.engine === 'onnx' ? 'onnx' : 'tfjs',
      backend: s.backend ?? 'auto',
      checkExplicit: s.checkExplicit !== false,
      feePercent: fee >= 0 && fee < 100 ? fee : 0,
    };
  } catch {
    return { engine: 'tfjs', backend: 'auto', checkExplicit: true, feePercent: 0 };
  }
}

export class Settings {
  engine = $state<ImageEngine>('tfjs');
  backend = $state<BackendPreference>('auto');
  checkExplicit = $state(true);
  feePercent = $state(0);

  constructor() {
    const s = load();
    this.engine = s.engine;
    this.backend = s.backend;
    this.checkExplicit = s.checkExplicit;
    this.feePercent = s.feePercent;
  }

  save(): void {
    try {
      localStorage.setItem(KEY, JSON.stringify({ engine: this.engine, backend: this.backend, checkExplicit: this.checkExplicit, feePercent: this.feePercent }));
    } catch {
      /* storage unavailable (private mode): settings last for this visit only */
    }
  }
}
