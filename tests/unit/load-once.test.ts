/** loadOncePerKey: one load per key shared by every caller; a failed load is forgotten and the next call retries. */
import { describe, expect, it } from 'vitest';
import { loadOncePerKey } from '../../src/ml/load-once.ts';

describe('loadOncePerKey', () => {
  it('shares one load per key between concurrent and later calls; keys load separately', async () => {
    const calls: string[] = [];
    const load = loadOncePerKey(async (k: string) => (calls.push(k), `${k}!`));
    const [a, b] = await Promise.all([load('a'), load('a')]);
    expect([a, b, await load('a'), await load('b')]).toEqual(['a!', 'a!', 'a!', 'b!']);
    expect(calls).toEqual(['a', 'b']);
  });

  it('a failed load is retried on the next call, a successful retry is then kept', async () => {
    let tries = 0;
    const load = loadOncePerKey<void, number>(async () => {
      if (++tries === 1) throw new Error('offline');
      return tries;
    });
    await expect(load()).rejects.toThrow('offline');
    expect(await load()).toBe(2);
    expect(await load()).toBe(2);
    expect(tries).toBe(2);
  });
});
