/**
 * LiteRT.js in the browser (the inference worker). The package's wasm files are emitted by Vite (`?url`) and cached
 * by the service worker when first fetched, like ORT's (never at install: src/build/sw-manifest.ts lists them lazy).
 *
 * Four builds: threaded (relaxed SIMD + SharedArrayBuffer: XNNPack on N threads), single-threaded (relaxed SIMD), compat
 * (plain SIMD, for browsers without relaxed SIMD) and JSPI, loaded when WebGPU comes first: the other builds' WebGPU
 * path fails here with "Asyncify is not defined"; the JSPI one runs the whole graph on WebGPU (1 wasm thread). The package's loader runs its Emscripten glue with
 * importScripts(), which a module worker refuses, so this module imports the glue itself — the glue is a UMD script
 * that assigns `module.exports` when `module` and `exports` exist, so they are lent as globals for that one import —
 * and hands the factory over (self.ModuleFactory, a no-op importScripts while loadLiteRt() runs). Module.locateFile
 * points at the emitted .wasm; mainScriptUrlOrBlob at the glue, which the pthread workers load as classic scripts
 * (by default they would start the inference worker itself).
 */
import { loadLiteRt, supportsFeature } from '@litertjs/core';
import threadedJs from '@litertjs/core/wasm/litert_wasm_threaded_internal.js?url';
import threadedWasm from '@litertjs/core/wasm/litert_wasm_threaded_internal.wasm?url';
import plainJs from '@litertjs/core/wasm/litert_wasm_internal.js?url';
import plainWasm from '@litertjs/core/wasm/litert_wasm_internal.wasm?url';
import compatJs from '@litertjs/core/wasm/litert_wasm_compat_internal.js?url';
import compatWasm from '@litertjs/core/wasm/litert_wasm_compat_internal.wasm?url';
import jspiJs from '@litertjs/core/wasm/litert_wasm_jspi_internal.js?url';
import jspiWasm from '@litertjs/core/wasm/litert_wasm_jspi_internal.wasm?url';
import type { ModelEntry } from '../core/model-manifest.ts';
import type { ModelFiles } from './image-classifier.ts';
import { loadLiteRtClassifier, type LiteRtAccelerator } from './litert-classifier.ts';

export type LiteRtBuild = 'threaded' | 'single' | 'compat' | 'jspi';
const BUILDS: Record<LiteRtBuild, { js: string; wasm: string }> = {
  threaded: { js: threadedJs, wasm: threadedWasm },
  single: { js: plainJs, wasm: plainWasm },
  compat: { js: compatJs, wasm: compatWasm },
  jspi: { js: jspiJs, wasm: jspiWasm },
};

/** Which build serves `threads` threads here: threaded only when asked for more than one and SharedArrayBuffer works. */
export async function liteRtBuild(threads: number, webgpu = false): Promise<LiteRtBuild> {
  if (!(await supportsFeature('relaxedSimd'))) return 'compat';
  if (webgpu && (await supportsFeature('jspi'))) return 'jspi';
  return threads > 1 && (await supportsFeature('threads')) ? 'threaded' : 'single';
}

type Glue = (moduleArg: object) => Promise<unknown>;

async function importGlue(url: string): Promise<Glue> {
  const g = globalThis as { module?: { exports?: unknown }; exports?: unknown };
  const lent = { module: { exports: undefined as unknown }, exports: {} };
  g.module = lent.module;
  g.exports = lent.exports;
  try {
    await import(/* @vite-ignore */ url);
  } finally {
    delete g.module;
    delete g.exports;
  }
  if (typeof lent.module.exports !== 'function') throw new Error(`LiteRT's wasm glue ${url} did not export its module factory`);
  return lent.module.exports as Glue;
}

/**
 * loadLiteRt() opens a default WebGPU device (a high-performance adapter, the adapter's largest limits) whatever the
 * model will run on. Only the JSPI build runs WebGPU here; for the other builds (also when WebGPU came first but
 * this browser lacks JSPI) navigator.gpu is hidden while LiteRT loads, so no GPU device is opened for nothing (20–40 ms of the
 * start-up in headless Chromium here, more where a real GPU wakes up), and the one warning LiteRT then logs about it
 * is dropped. Returns what puts both back.
 */
function hideWebGpu(): () => void {
  const nav = self.navigator as unknown as Record<string, unknown>;
  if (!nav || !('gpu' in nav)) return () => {};
  const warn = console.warn;
  Object.defineProperty(nav, 'gpu', { value: undefined, configurable: true });
  const quiet = (...args: unknown[]) => {
    if (!(typeof args[0] === 'string' && args[0].startsWith('Failed to create default WebGPU device'))) warn(...args);
  };
  console.warn = quiet;
  return () => {
    delete nav.gpu; // the prototype's getter again
    if (console.warn === quiet) console.warn = warn;
  };
}

let loaded: { build: LiteRtBuild; promise: Promise<unknown> } | null = null;

/** Loads LiteRT once per realm with the build for `threads`; the first call fixes the build (like ORT's thread count). */
export async function loadBrowserLiteRt(threads: number, webgpu = false): Promise<LiteRtBuild> {
  if (!loaded) {
    const build = await liteRtBuild(threads, webgpu);
    const { js, wasm } = BUILDS[build];
    const promise = (async () => {
      const factory = await importGlue(js);
      const g = self as unknown as { ModuleFactory?: Glue; Module?: object; importScripts?: unknown };
      const own = Object.prototype.hasOwnProperty.call(g, 'importScripts');
      const saved = g.importScripts;
      g.ModuleFactory = factory;
      g.Module = { locateFile: (p: string) => (p.endsWith('.wasm') ? wasm : p), mainScriptUrlOrBlob: js };
      g.importScripts = () => {}; // the factory is already in place
      const unhide = build === 'jspi' ? () => {} : hideWebGpu();
      try {
        await loadLiteRt(js);
      } finally {
        unhide();
        if (own) g.importScripts = saved;
        else delete g.importScripts;
      }
    })();
    loaded = { build, promise };
    promise.catch(() => (loaded = null));
  }
  await loaded.promise;
  return loaded.build;
}

/** The LiteRT engine on the first accelerator of `order` that works, with `threads` XNNPack threads where possible. */
export async function loadLiteRtBrowserClassifier(entry: ModelEntry, files: ModelFiles, order: readonly LiteRtAccelerator[], threads: number) {
  const build = await loadBrowserLiteRt(threads, order[0] === 'webgpu');
  return loadLiteRtClassifier(entry, files, order, build === 'threaded' ? threads : 1);
}
