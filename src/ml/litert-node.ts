/**
 * LiteRT.js in Node (CLI, model tests, benchmarks). The package's loader runs its Emscripten glue with
 * importScripts() (workers) or a <script> tag (pages); Node has neither, so while it loads we lend it an
 * importScripts that evaluates the glue as CommonJS (the glue supports Node: it reads its .wasm with fs).
 * Single-threaded: the threaded glue's pthreads would start worker_threads on the glue file itself, which Node
 * loads as an ES module (the package is "type": "module") and they fail.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';
import { loadLiteRt, type LiteRt } from '@litertjs/core';

const require = createRequire(import.meta.url);

/** The folder of the package's wasm files (node_modules/@litertjs/core/wasm). */
export function liteRtWasmDir(): string {
  return dirname(require.resolve('@litertjs/core/wasm/litert_wasm_internal.js'));
}

let loading: Promise<LiteRt> | null = null;

/** Loads LiteRT's wasm once per process (the package holds one global instance). */
export function loadNodeLiteRt(): Promise<LiteRt> {
  loading ??= (async () => {
    const g = globalThis as { self?: unknown; importScripts?: unknown; ModuleFactory?: unknown };
    const saved = { self: g.self, importScripts: g.importScripts };
    g.self = globalThis;
    g.importScripts = (file: string) => {
      const wrap = `(function (require, __filename, __dirname, module, exports) {${readFileSync(file, 'utf8')}\nreturn ModuleFactory;\n})`;
      const run = vm.runInThisContext(wrap, { filename: file }) as (...args: unknown[]) => unknown;
      g.ModuleFactory = run(require, file, dirname(file), undefined, undefined);
    };
    try {
      return await loadLiteRt(liteRtWasmDir() + '/', { threads: false });
    } finally {
      g.self = saved.self;
      g.importScripts = saved.importScripts;
      if (saved.self === undefined) delete g.self;
      if (saved.importScripts === undefined) delete g.importScripts;
    }
  })();
  loading.catch(() => (loading = null));
  return loading;
}
