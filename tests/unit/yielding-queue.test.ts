/** YieldingQueue: background items run one at a time, only while the app is not busy, and yield when it becomes busy. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { YieldingQueue } from '../../src/state/yielding-queue.ts';

describe('YieldingQueue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Each item takes 200 ms unless aborted; the log says what started, finished or was aborted, and when. */
  function setup() {
    const log: string[] = [];
    let busy = false;
    const q = new YieldingQueue<string>(
      (item, signal) =>
        new Promise<void>((resolve, reject) => {
          log.push(`start ${item} @${Date.now()}`);
          const t = setTimeout(() => {
            log.push(`done ${item} @${Date.now()}`);
            resolve();
          }, 200);
          signal.addEventListener('abort', () => {
            clearTimeout(t);
            log.push(`aborted ${item} @${Date.now()}`);
            reject(new Error('aborted'));
          });
        }),
      () => busy,
      100,
    );
    return { log, q, setBusy: (b: boolean) => (busy = b) };
  }

  it('runs items one after another, each after the quiet period', async () => {
    vi.setSystemTime(0);
    const { log, q } = setup();
    const done = q.push(['a', 'b']);
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(log).toEqual(['start a @100', 'done a @300', 'start b @400', 'done b @600']);
    expect(q.size).toBe(0);
  });

  it('waits while busy, and aborts the item in work when the app becomes busy, running it again first afterwards', async () => {
    vi.setSystemTime(0);
    const { log, q, setBusy } = setup();
    setBusy(true);
    const done = q.push(['a', 'b']);
    await vi.advanceTimersByTimeAsync(300);
    expect(log).toEqual([]); // nothing starts while a photo is being read
    setBusy(false);
    await vi.advanceTimersByTimeAsync(50);
    expect(log).toEqual([]); // not quiet for long enough yet
    await vi.advanceTimersByTimeAsync(100);
    expect(log[0]).toMatch(/^start a @4\d\d$/);
    setBusy(true); // the next photo arrives mid-search
    await vi.advanceTimersByTimeAsync(60);
    expect(log[1]).toMatch(/^aborted a @/);
    await vi.advanceTimersByTimeAsync(1000);
    expect(log.length).toBe(2); // still busy: nothing else started
    expect(q.size).toBe(2);
    setBusy(false);
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(log.slice(2).map((l) => l.split(' @')[0])).toEqual(['start a', 'done a', 'start b', 'done b']);
  });

  it('items pushed while it drains join the same run; a failing item is dropped, not retried', async () => {
    vi.setSystemTime(0);
    const seen: string[] = [];
    const q = new YieldingQueue<string>(
      async (item) => {
        seen.push(item);
        if (item === 'bad') throw new Error('unreadable');
      },
      () => false,
      10,
    );
    const first = q.push(['bad']);
    const second = q.push(['c']);
    await vi.advanceTimersByTimeAsync(100);
    await Promise.all([first, second]);
    expect(seen).toEqual(['bad', 'c']);
  });

  it('clear() drops the queued items and aborts the one in work; items pushed afterwards run', async () => {
    vi.setSystemTime(0);
    const { log, q } = setup();
    const done = q.push(['a', 'b', 'c']);
    await vi.advanceTimersByTimeAsync(150); // a under way
    q.clear(); // another listing opened
    expect(q.size).toBe(0);
    const next = q.push(['d']);
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all([done, next]);
    expect(log.map((l) => l.split(' @')[0])).toEqual(['start a', 'aborted a', 'start d', 'done d']);
  });
});
