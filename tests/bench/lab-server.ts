/**
 * A bench lab page (tests/bench/<lab>/index.html + its worker) built without the app around it — the tfjs-wasm threads
 * fix and the app's ORT alias, as in vite.config.ts — into node_modules/.cache/<lab>, with the installed models linked
 * in as /models/ (and any `links`: served path → file), served cross-origin isolated like the production build.
 */
import { symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import { securityHeaders } from '../../src/security-headers.ts';
import { tfjsWasmThreads } from '../../src/build/tfjs-wasm-threads.ts';

export async function serveLab(lab: string, port: number, links: Record<string, string> = {}): Promise<{ server: PreviewServer; base: string }> {
  const root = resolve('tests/bench', lab);
  const outDir = resolve('node_modules/.cache', lab);
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    plugins: [tfjsWasmThreads()],
    worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
    resolve: { alias: [{ find: /^onnxruntime-web$/, replacement: 'onnxruntime-web/wasm' }] },
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
  for (const [path, file] of Object.entries({ models: resolve('public/models'), ...links })) symlinkSync(file, join(outDir, path));
  const server = await preview({
    root,
    configFile: false,
    build: { outDir },
    preview: { port, host: '127.0.0.1', headers: securityHeaders({ dev: false }) },
    logLevel: 'warn',
  });
  return { server, base: server.resolvedUrls!.local[0].replace(/\/$/, '') };
}
