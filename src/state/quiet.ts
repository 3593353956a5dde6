/** Waiting for a quiet moment: background work that would take a core from what a seller is waiting for. */

/** Resolves once `busy()` has read false for `quietMs` in a row (read every `stepMs`). */
export function whenQuiet(busy: () => boolean, quietMs: number, stepMs = 100): Promise<void> {
  return new Promise((resolve) => {
    let quietSince = busy() ? null : performance.now();
    const tick = () => {
      const now = performance.now();
      if (busy()) quietSince = null;
      else quietSince ??= now;
      if (quietSince !== null && now - quietSince >= quietMs) resolve();
      else setTimeout(tick, stepMs);
    };
    setTimeout(tick, Math.min(stepMs, quietMs));
  });
}
