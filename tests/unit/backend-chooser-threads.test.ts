import { describe, expect, it } from 'vitest';
import { chooseThreads } from '../../src/ml/backend-chooser.ts';
import { rewriteTfjsWasm } from '../../src/build/tfjs-wasm-threads.ts';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

describe('thread chooser', () => {
  it('is 1 without cross-origin isolation, whatever is asked', () => {
    for (const pref of ['auto', 1, 2, 4] as const) expect(chooseThreads({ threads: false, cores: 8 }, pref)).toBe(1);
  });
  it("'auto' leaves one core free (1 thread on one or two cores), at most 4", () => {
    expect(chooseThreads({ threads: true, cores: 1 })).toBe(1);
    expect(chooseThreads({ threads: true, cores: 2 })).toBe(1);
    expect(chooseThreads({ threads: true, cores: 3 })).toBe(2);
    expect(chooseThreads({ threads: true, cores: 4 })).toBe(3);
    expect(chooseThreads({ threads: true, cores: 16 })).toBe(4);
    expect(chooseThreads({ threads: true, cores: 0 })).toBe(1); // hardwareConcurrency missing or 0
  });
  it('a forced count is used as asked when threads are possible (benchmarks, tests)', () => {
    expect(chooseThreads({ threads: true, cores: 2 }, 1)).toBe(1);
    expect(chooseThreads({ threads: true, cores: 2 }, 4)).toBe(4);
  });
});

describe('tfjs-wasm threads build rewrite', () => {
  const backend = require.resolve('@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js');
  const glue = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
  it('replaces the toString() blob with the glue URL and passes the thread count to the cores probe', () => {
    const out = rewriteTfjsWasm(backend, readFileSync(backend, 'utf8'), 'MAIN_URL', 'import X;\n')!;
    expect(out.startsWith('import X;\n')).toBe(true);
    expect(out).not.toContain('wasmFactoryThreadedSimd.toString()');
    expect(out).toContain('mainScriptUrlOrBlob = new URL(MAIN_URL, self.location.href).href');
    expect(out).toContain('factoryConfig.tfjsLogicalCores = threadsCount > 0 ? 2 * threadsCount : undefined;');
    const g = rewriteTfjsWasm(glue, readFileSync(glue, 'utf8'), 'MAIN_URL')!;
    expect(g).toContain('return Module["tfjsLogicalCores"]||navigator["hardwareConcurrency"]}');
  });
  it('leaves other modules and ?url imports alone, and fails loudly when tfjs changed', () => {
    expect(rewriteTfjsWasm('/x/src/main.ts', 'code', 'U')).toBeNull();
    expect(rewriteTfjsWasm(glue + '?url', 'export default "/a.js"', 'U')).toBeNull();
    expect(() => rewriteTfjsWasm(backend, 'const changed = 1;', 'U')).toThrow(/changed/);
  });
});
