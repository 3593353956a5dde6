/** Build helpers for the first visit: precompressed copies, caching headers, the SW's file list and cache names. */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheControl, precompressDir } from '../../src/build/precompress.ts';
import { shellManifestTransform } from '../../src/build/sw-manifest.ts';
import { shellCacheName, type ShellEntry } from '../../src/sw/shell-list.ts';
import { neededModelUrls } from '../../src/sw/model-cache.ts';
import type { ModelManifest } from '../../src/core/model-manifest.ts';

const dir = mkdtempSync(join(tmpdir(), 'precompress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('precompressDir', () => {
  it('writes .br and .gz that decode to the original, and skips tiny or incompressible files', async () => {
    mkdirSync(join(dir, 'assets'));
    const js = Buffer.from('export const x = 1;\n'.repeat(2000));
    writeFileSync(join(dir, 'assets/app-abcdefgh.js'), js);
    writeFileSync(join(dir, 'tiny.js'), 'x');
    writeFileSync(join(dir, 'assets/noise.wasm'), randomBytes(50_000));
    const r = await precompressDir(dir, join(dir, '.cache'));
    expect(r.files).toBe(1);
    expect(await precompressDir(dir, join(dir, '.cache'))).toEqual(r); // the second time from the cache, same bytes
    expect(brotliDecompressSync(readFileSync(join(dir, 'assets/app-abcdefgh.js.br')))).toEqual(js);
    expect(gunzipSync(readFileSync(join(dir, 'assets/app-abcdefgh.js.gz')))).toEqual(js);
    expect(r.br).toBeLessThan(js.length / 10);
    expect(existsSync(join(dir, 'tiny.js.br'))).toBe(false);
    expect(existsSync(join(dir, 'assets/noise.wasm.br'))).toBe(false);
  });

  it('caches hashed assets for a year and revalidates everything else', () => {
    expect(cacheControl('/assets/index-B6kRnRJk.js')).toMatch(/max-age=31536000, immutable/);
    expect(cacheControl('/index.html')).toBe('no-cache');
    expect(cacheControl('/models/price/price.onnx')).toBe('no-cache');
  });
});

describe('service worker file list', () => {
  it('revisions are sha256, wasm is lazy, the barcode reader is needed by every setting', async () => {
    writeFileSync(join(dir, 'assets/zxing_reader-BCjuyud6.wasm'), 'wasm');
    const t = shellManifestTransform(() => dir);
    const { manifest } = await t([
      { url: 'assets/app-abcdefgh.js', revision: null, size: 40000 },
      { url: 'assets/zxing_reader-BCjuyud6.wasm', revision: null, size: 4 },
    ]);
    expect(manifest[0]).toMatchObject({ bytes: 40000, revision: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(manifest[0].lazy).toBeUndefined();
    expect(manifest[1]).toMatchObject({ lazy: true, needed: 'the barcode reader', revision: createHash('sha256').update('wasm').digest('hex') });
  });

  it('the optional runtime chunks of src/ml/lazy/ are lazy (cached when first fetched), the workers are not', async () => {
    const t = shellManifestTransform(() => dir);
    const names = [
      'assets/lazy-tfjs-webgl-BOP1X71Q.js',
      'assets/lazy-ort-webgpu-DmSYVci-.js',
      'assets/inference.worker-0w4Fa5zO.js',
      'assets/dist-B7lXgeyi.js',
    ];
    for (const n of names) writeFileSync(join(dir, n), n);
    const { manifest } = await t(names.map((url) => ({ url, revision: null, size: 10 })));
    expect(manifest.map((e) => !!e.lazy)).toEqual([true, true, false, false]);
    expect(manifest.every((e) => !e.needed)).toBe(true); // no setting needs them offline unless it uses them
  });

  it('names one cache per build: same files, same name; any changed file, a new name', () => {
    const a: ShellEntry[] = [{ url: 'index.html', revision: 'a'.repeat(64), bytes: 1 }];
    expect(shellCacheName(a)).toBe(shellCacheName([{ ...a[0] }]));
    expect(shellCacheName(a)).not.toBe(shellCacheName([{ ...a[0], revision: 'b'.repeat(64) }]));
    expect(shellCacheName(a)).toMatch(/^shell-[0-9a-f]{8}$/);
  });

  it('the models a setting needs: its photo engine and every non-lazy model, not the other engine', () => {
    const m = JSON.parse(readFileSync('models/manifest.json', 'utf8')) as ModelManifest;
    const tfjs = neededModelUrls(m, 'tfjs');
    expect(tfjs).toContain('/models/mobilenet_v2_1.0_224_tfjs/model.json');
    expect(tfjs.some((u) => u.startsWith('/models/mobilenetv2-12-int8_onnx/'))).toBe(false);
    expect(tfjs).toContain('/models/price/price.onnx');
    const onnx = neededModelUrls(m, 'onnx');
    expect(onnx).toContain('/models/mobilenetv2-12-int8_onnx/mobilenetv2-12-int8.onnx');
    expect(onnx.some((u) => u.startsWith('/models/mobilenet_v2_1.0_224_tfjs/'))).toBe(false);
    for (const lazy of m.models.filter((x) => (x as { lazy?: boolean }).lazy)) expect(tfjs.some((u) => u.startsWith(`/models/${lazy.dir}/`))).toBe(false);
    // each engine needs its own photo head, not the other's (tfjs and LiteRT share models/photo)
    expect(tfjs).toContain('/models/photo/photo-head.onnx');
    expect(tfjs).not.toContain('/models/photo-onnx/photo-head.onnx');
    expect(onnx).toContain('/models/photo-onnx/photo-head.onnx');
    expect(onnx).not.toContain('/models/photo/photo-head.onnx');
  });
});
