/**
 * Makes tfjs-backend-wasm's threaded build work in our bundles (toolchain.md F3), in the build and in dev.
 *
 * tfjs starts its pthread workers from a blob: script that importScripts() `mainScriptUrlOrBlob`, which tfjs builds as
 * `new Blob(['var WasmBackendModuleThreadedSimd = ' + wasmFactoryThreadedSimd.toString()])`. Once our bundle is
 * minified that function's text refers to names outside itself (the factory's `_scriptDir`, hoisted and renamed by the
 * minifier to `e`, lost its `typeof` guard): "Uncaught ReferenceError: e is not defined" in every pthread worker, the
 * main thread waits for workers that never report "loaded" and setBackend('wasm') never settles. A blob: script is
 * also refused by our CSP (script-src 'self'), so importScripts() of it fails in dev as well.
 *
 * Fix: replace that Blob with the URL of tfjs's own, untouched Emscripten glue (wasm-out/tfjs-backend-wasm-threaded-
 * simd.js, a self-contained classic script defining WasmBackendModuleThreadedSimd), served from this origin as an
 * asset. The pthread worker importScripts() a same-origin file: self-contained, allowed by script-src 'self', cached
 * by the service worker with the other assets. The build fails if tfjs's code no longer has the expected line.
 */
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
const BACKEND_FILE = /@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
const GLUE_FILE = /@tensorflow[\\/]tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;
const BLOB_EXPR = /new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\],\s*\{ type: 'text\/javascript' \}\)/;
const FACTORY_CALL = 'wasm = wasmFactoryThreadedSimd(factoryConfig);';
const CORES = 'return navigator["hardwareConcurrency"]}';
const GLUE = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';

function must(code: string, found: boolean, what: string): string {
  if (!found) throw new Error(`tfjs-wasm-threads: ${what} of @tensorflow/tfjs-backend-wasm changed; update src/build/tfjs-wasm-threads.ts`);
  return code;
}

/**
 * The rewritten module text, or null for other modules; `mainUrlExpr` is a JS expression giving the glue's URL.
 *
 * Second fix, the thread cap: tfjs's C++ caps the XNNPACK pool at hardwareConcurrency / 2 whatever setThreadsCount()
 * asks for (init_with_threads_count: min(count, num_logical_cores / 2)), i.e. 1 thread on a 2-core machine. The main
 * thread's copy of the glue answers num_logical_cores with 2 × the requested count instead, so the request is honoured
 * (the pool is still capped at tfjs's 8 pre-spawned workers).
 */
export function rewriteTfjsWasm(id: string, code: string, mainUrlExpr: string, importLine = ''): string | null {
  if (id.includes('?')) return null; // e.g. the glue's own ?url import: an asset, left as it is
  const file = id;
  if (GLUE_FILE.test(file)) {
    return must(code, code.includes(CORES), "the glue's num_logical_cores").replace(
      CORES,
      'return Module["tfjsLogicalCores"]||navigator["hardwareConcurrency"]}',
    );
  }
  if (!BACKEND_FILE.test(file)) return null;
  must(code, BLOB_EXPR.test(code), 'the threaded-main Blob line');
  must(code, code.includes(FACTORY_CALL), 'the threaded factory call');
  return (
    importLine +
    code
      .replace(BLOB_EXPR, `new URL(${mainUrlExpr}, self.location.href).href`)
      .replace(FACTORY_CALL, `factoryConfig.tfjsLogicalCores = threadsCount > 0 ? 2 * threadsCount : undefined;\n${FACTORY_CALL}`)
  );
}

/** Vite plugin for the app and its workers (the build; dev pre-bundles tfjs, see below). */
export function tfjsWasmThreads(): Plugin {
  return {
    name: 'tfjs-wasm-threads',
    enforce: 'pre',
    transform(code, id) {
      const out = rewriteTfjsWasm(id, code, '__tfjsThreadedMain', `import __tfjsThreadedMain from '${GLUE}?url';\n`);
      return out === null ? null : { code: out, map: null };
    },
  };
}

/**
 * The same rewrite inside Vite's dev dependency pre-bundling (optimizeDeps.rolldownOptions.plugins), where `?url`
 * imports do not exist: the glue is served by the dev server from node_modules through /@fs/.
 */
export function tfjsWasmThreadsPrebundle(): { name: string; transform: (code: string, id: string) => { code: string } | null } {
  const glue = require.resolve(GLUE).replace(/\\/g, '/');
  const url = JSON.stringify('/@fs' + (glue.startsWith('/') ? '' : '/') + glue);
  return {
    name: 'tfjs-wasm-threads-prebundle',
    transform(code, id) {
      const out = rewriteTfjsWasm(id, code, url);
      return out === null ? null : { code: out };
    },
  };
}
