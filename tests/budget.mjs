// CI budget ($DIST_DIR, default dist/): the first page's JavaScript (entry chunk + its static imports, before models and wasm) ≤ 150 KB gzipped.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const LIMIT = 150 * 1024;
const DIST = process.env.DIST_DIR ?? 'dist';
const html = readFileSync(join(DIST, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]);
if (!scripts.length) {
  console.error(`budget: no script found in ${DIST}/index.html`);
  process.exit(1);
}
let total = 0;
for (const s of new Set(scripts)) total += gzipSync(readFileSync(join(DIST, s.replace(/^\//, '')))).length;
console.log(`budget: first-page JS ${(total / 1024).toFixed(1)} KB gzipped (limit ${LIMIT / 1024} KB) in ${new Set(scripts).size} file(s)`);
process.exit(total <= LIMIT ? 0 : 1);
