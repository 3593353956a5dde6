/** Serves the production build (dist/ or $DIST_DIR, built beforehand by `npm run build`) with `vite preview` for all e2e files. */
import { existsSync } from 'node:fs';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

let server: PreviewServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  // DIST_DIR lets parallel work trees share one checkout (`vite build --outDir dist-x`); CI uses dist/.
  const outDir = process.env.DIST_DIR ?? 'dist';
  if (!existsSync(`${outDir}/index.html`)) throw new Error(`${outDir}/ is missing: run \`npm run build\` before the e2e tests`);
  server = await preview({ build: { outDir }, preview: { port: 4179, strictPort: false, host: '127.0.0.1' }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4179/';
  project.provide('baseUrl', url.replace(/\/$/, ''));
}

export async function teardown(): Promise<void> {
  await new Promise<void>((r) => server?.httpServer.close(() => r()) ?? r());
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
