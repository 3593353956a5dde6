/** tierUp: the warm-up passes after a photo engine loads run only in idle time, one at a time (fake timers). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tierUp, type TierUpOptions } from '../../src/workers/tier-up.ts';

describe('tierUp', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A worker whose requests end at `busyUntil` (fake ms); each pass takes 20 ms and is recorded. */
  function worker(busyUntil: number) {
    const starts: number[] = [];
    const pass = async () => {
      starts.push(Date.now());
      await new Promise((r) => setTimeout(r, 20));
    };
    const opts = (o: Partial<TierUpOptions> = {}): TierUpOptions => ({
      passes: 5,
      quietMs: 400,
      stepMs: 100,
      idleMs: () => Math.max(0, Date.now() - busyUntil),
      alive: () => true,
      ...o,
    });
    return { starts, pass, opts };
  }

  it('runs every pass once the worker has been idle for the quiet period', async () => {
    vi.setSystemTime(0);
    const w = worker(1000);
    const done = tierUp(w.pass, w.opts());
    await vi.advanceTimersByTimeAsync(1300);
    expect(w.starts).toEqual([]); // busy until 1000, then 400 ms of quiet
    await vi.advanceTimersByTimeAsync(1000);
    expect(await done).toBe(5);
    expect(w.starts.length).toBe(5);
    expect(w.starts[0]).toBeGreaterThanOrEqual(1400);
  });

  it('stops starting passes while a request is in work, and goes on once it is quiet again', async () => {
    vi.setSystemTime(0);
    let busy = false;
    let lastEnd = -1000;
    const w = worker(0);
    const done = tierUp(w.pass, w.opts({ idleMs: () => (busy ? 0 : Date.now() - lastEnd) }));
    await vi.advanceTimersByTimeAsync(45); // two passes (20 ms each), the third under way
    busy = true; // a photo arrives
    await vi.advanceTimersByTimeAsync(2000);
    const during = w.starts.length;
    expect(during).toBe(3);
    busy = false;
    lastEnd = Date.now();
    await vi.advanceTimersByTimeAsync(300);
    expect(w.starts.length).toBe(during); // not quiet long enough yet
    await vi.advanceTimersByTimeAsync(500);
    expect(await done).toBe(5);
  });

  it('ends when the engine is replaced, and after a pass that fails', async () => {
    vi.setSystemTime(0);
    let alive = true;
    const w = worker(-1000);
    const done = tierUp(w.pass, w.opts({ alive: () => alive }));
    await vi.advanceTimersByTimeAsync(30);
    alive = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(await done).toBe(2);

    const failing = vi.fn(() => Promise.reject(new Error('disposed')));
    const ended = tierUp(failing, w.opts());
    await vi.advanceTimersByTimeAsync(1000);
    expect(await ended).toBe(0);
    expect(failing).toHaveBeenCalledTimes(1);
  });
});
