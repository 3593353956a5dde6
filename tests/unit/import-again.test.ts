/**
 * importAgain (src/ml/import-again.ts): a lazy chunk whose dynamic import failed is imported again under a fresh URL,
 * once per success; errors that are not a failed module fetch pass through.
 */
import { describe, expect, it } from 'vitest';
import { failedModuleUrl, importAgain } from '../../src/ml/import-again.ts';

const failed = (url: string) => new TypeError(`Failed to fetch dynamically imported module: ${url}`);

describe('importAgain', () => {
  it('reads the module URL from Chromium and Firefox messages, and nothing else', () => {
    expect(failedModuleUrl(failed('http://127.0.0.1:4199/assets/lazy-tfjs-layers-B_gTDytg.js'))).toBe(
      'http://127.0.0.1:4199/assets/lazy-tfjs-layers-B_gTDytg.js',
    );
    expect(failedModuleUrl(new TypeError('error loading dynamically imported module: https://a.example/assets/x-1.js?v=2'))).toBe(
      'https://a.example/assets/x-1.js?v=2',
    );
    expect(failedModuleUrl(new TypeError('Importing a module script failed.'))).toBeNull(); // Safari names no URL
    expect(failedModuleUrl(new TypeError('Failed to fetch dynamically imported module: http://h/data/x.json'))).toBeNull();
    expect(failedModuleUrl(new Error('The model file /models/x/model.json is damaged'))).toBeNull();
    expect(failedModuleUrl('Failed to fetch dynamically imported module: /a.js')).toBeNull();
  });

  it('a failed chunk is imported under a fresh URL; later calls reuse the URL that loaded; other errors pass through', async () => {
    const asked: string[] = [];
    const module = { loadLayersModel: () => 'ok' };
    let down = true;
    const importUrl = async (u: string) => {
      asked.push(u);
      if (down) throw failed(u);
      return module;
    };
    const load = () => Promise.reject(failed('http://h/assets/lazy-a-1.js')); // the poisoned import: rejects without a fetch
    await expect(importAgain(load, importUrl)).rejects.toThrow(/lazy-a-1\.js\?again=1/); // still down
    down = false;
    expect(await importAgain(load, importUrl)).toBe(module);
    expect(await importAgain(load, importUrl)).toBe(module);
    expect(asked).toEqual(['http://h/assets/lazy-a-1.js?again=1', 'http://h/assets/lazy-a-1.js?again=2', 'http://h/assets/lazy-a-1.js?again=2']);
    const other = new RangeError('bad input');
    await expect(importAgain(() => Promise.reject(other), importUrl)).rejects.toBe(other);
    expect(await importAgain(async () => 'fine', importUrl)).toBe('fine');
    expect(asked).toHaveLength(3);
  });
});
