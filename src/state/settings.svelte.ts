/** User settings (engine, backend override), persisted in localStorage. */
import type { ImageEngine } from '../core/model-manifest.ts';
import type { BackendPreference } from '../ml/backend-chooser.ts';

const KEY = 'listing-assistant.settings.v1';

interface Saved {
  engine: ImageEngine;
  backend: BackendPreference;
}

function load(): Saved {
  try {
    const s = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Saved>;
    return { engine: s.engine === 'onnx' ? 'onnx' : 'tfjs', backend: s.backend ?? 'auto' };
  } catch {
    return { engine: 'tfjs', backend: 'auto' };
  }
}

export class Settings {
  engine = $state<ImageEngine>('tfjs');
  backend = $state<BackendPreference>('auto');

  constructor() {
    const s = load();
    this.engine = s.engine;
    this.backend = s.backend;
  }

  save(): void {
    try {
      localStorage.setItem(KEY, JSON.stringify({ engine: this.engine, backend: this.backend }));
    } catch {
      /* storage unavailable (private mode): settings last for this visit only */
    }
  }
}
