/** whenQuiet: background work waits until the app has been idle for a while (fake timers). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenQuiet } from '../../src/state/quiet.ts';

describe('whenQuiet', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const settled = (p: Promise<void>) => {
    const s = { done: false };
    void p.then(() => (s.done = true));
    return s;
  };

  it('resolves after the quiet period when nothing is busy', async () => {
    const s = settled(whenQuiet(() => false, 1500));
    await vi.advanceTimersByTimeAsync(1400);
    expect(s.done).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(s.done).toBe(true);
  });

  it('starts counting again whenever work is in progress', async () => {
    let busy = true;
    const s = settled(whenQuiet(() => busy, 1500));
    await vi.advanceTimersByTimeAsync(5000);
    expect(s.done).toBe(false);
    busy = false;
    await vi.advanceTimersByTimeAsync(1000);
    busy = true; // a photo added before the quiet period ended
    await vi.advanceTimersByTimeAsync(1000);
    busy = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.done).toBe(false);
    await vi.advanceTimersByTimeAsync(700);
    expect(s.done).toBe(true);
  });
});
