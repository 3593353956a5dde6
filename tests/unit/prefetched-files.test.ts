/** prefetchedModelFiles: every file of a model is requested at once, each served once, a retry reads again. */
import { describe, expect, it } from 'vitest';
import { prefetchedModelFiles } from '../../src/ml/browser-model-files.ts';
import type { ModelEntry } from '../../src/core/model-manifest.ts';

const entry = { id: 'm', name: 'M', dir: 'm', files: [{ path: 'model.json' }, { path: 'shard.bin' }] } as unknown as ModelEntry;

describe('prefetchedModelFiles', () => {
  it('asks for every file before anyone reads, serves each read from that request once, then reads again', async () => {
    const asked: string[] = [];
    const files = { read: async (p: string) => (asked.push(p), new TextEncoder().encode(`${p}#${asked.length}`)) };
    const pre = prefetchedModelFiles(entry, files);
    expect(asked).toEqual(['model.json', 'shard.bin']);
    expect(new TextDecoder().decode(await pre.read('shard.bin'))).toBe('shard.bin#2');
    expect(new TextDecoder().decode(await pre.read('shard.bin'))).toBe('shard.bin#3'); // a retry: a fresh read
    expect(asked).toEqual(['model.json', 'shard.bin', 'shard.bin']);
  });

  it('a failed early read rejects where the file is read, and is not an unhandled rejection before', async () => {
    const files = { read: (p: string) => (p === 'shard.bin' ? Promise.reject(new Error('offline')) : Promise.resolve(new Uint8Array(1))) };
    const pre = prefetchedModelFiles(entry, files);
    await new Promise((r) => setTimeout(r, 5));
    await expect(pre.read('shard.bin')).rejects.toThrow('offline');
    expect((await pre.read('model.json')).length).toBe(1);
  });
});
