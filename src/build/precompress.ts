/**
 * Build + preview plugin: after the build, writes a Brotli (.br) and a gzip (.gz) copy next to every compressible
 * file in the output folder; the preview server (`vite preview`, bench:startup, e2e) then serves the build the way
 * production should: the precompressed copy the browser accepts, with Content-Encoding, Vary and long-lived
 * caching for hashed /assets/ (revalidated caching, with ETag → 304, for the rest), and the app's security headers.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip as gzipCb } from 'node:zlib';
import type { Plugin } from 'vite';
import { securityHeaders } from '../security-headers.ts';

const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|webmanifest|txt|wasm|onnx|bin|tflite|map)$/;
const MIN_BYTES = 1024;

export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.tflite': 'application/octet-stream',
  '.gz': 'application/gzip',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};

function* walk(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else yield p;
  }
}

const brotli = promisify(brotliCompress);
const gzip = promisify(gzipCb);

/**
 * Brotli at maximum quality (11, 16 MB window; 9 above 16 MB, the WebGPU-only ORT build, where 11 costs minutes) and
 * gzip -9. That is slow for the runtimes and models, so results are kept in a content-addressed cache
 * (node_modules/.cache/listing-precompress): a rebuild only compresses what changed.
 */
async function compressed(body: Buffer, cacheDir: string): Promise<{ br: Buffer; gz: Buffer }> {
  const quality = body.length > 16 * 1024 * 1024 ? 9 : 11;
  const key = join(cacheDir, `${createHash('sha256').update(body).digest('hex')}-q${quality}`);
  if (existsSync(`${key}.br`) && existsSync(`${key}.gz`)) return { br: readFileSync(`${key}.br`), gz: readFileSync(`${key}.gz`) };
  const [br, gz] = await Promise.all([
    brotli(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
    gzip(body, { level: 9 }),
  ]);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(`${key}.br`, br);
  writeFileSync(`${key}.gz`, gz);
  return { br, gz };
}

/** Writes name.br and name.gz for each compressible file that shrinks by at least 5%. Returns bytes before/after (br). */
export async function precompressDir(
  dir: string,
  cacheDir = resolve('node_modules/.cache/listing-precompress'),
): Promise<{ files: number; raw: number; br: number }> {
  let files = 0,
    raw = 0,
    br = 0;
  const paths = [...walk(dir)].filter((p) => COMPRESSIBLE.test(p));
  // zlib runs on libuv's thread pool: a few files at a time use every core.
  const next = async (): Promise<void> => {
    for (let path = paths.shift(); path; path = paths.shift()) {
      const body = readFileSync(path);
      if (body.length < MIN_BYTES) continue;
      const c = await compressed(body, cacheDir);
      if (c.br.length > body.length * 0.95) continue;
      writeFileSync(`${path}.br`, c.br);
      writeFileSync(`${path}.gz`, c.gz);
      files++;
      raw += body.length;
      br += c.br.length;
    }
  };
  await Promise.all([next(), next(), next(), next()]);
  return { files, raw, br };
}

/** Hashed build output never changes under its name; everything else is revalidated. */
export function cacheControl(urlPath: string): string {
  return /^\/assets\/.+-[\w-]{8}\.\w+$/.test(urlPath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

function servePrecompressed(root: string) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return next();
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(root, '.' + path);
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return next();
    const accept = String(req.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accept) && existsSync(`${file}.br`) ? 'br' : /\bgzip\b/.test(accept) && existsSync(`${file}.gz`) ? 'gzip' : null;
    const sent = encoding ? `${file}.${encoding === 'br' ? 'br' : 'gz'}` : file;
    const st = statSync(sent);
    const etag = `W/"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}${encoding ? '-' + encoding : ''}"`;
    for (const [k, v] of Object.entries(securityHeaders({ dev: false }))) res.setHeader(k, v);
    res.setHeader('Content-Type', MIME[extname(file)] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', cacheControl(path));
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      // revalidation (sw.js update checks, no-cache files): no body
      res.statusCode = 304;
      return res.end();
    }
    const body = readFileSync(sent);
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', body.length);
    res.statusCode = 200;
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

export function precompressed(): Plugin & { outDir: () => string } {
  let outDir = resolve('dist');
  return {
    name: 'listing:precompressed',
    outDir: () => outDir,
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        if (!existsSync(outDir)) return;
        const t0 = Date.now();
        const r = await precompressDir(outDir);
        console.log(
          `precompressed ${r.files} files in ${relative(process.cwd(), outDir) || '.'}: ${(r.raw / 1e6).toFixed(1)} MB → ${(r.br / 1e6).toFixed(1)} MB br (${Date.now() - t0} ms)`,
        );
      },
    },
    configurePreviewServer(server) {
      server.middlewares.use(servePrecompressed(resolve(server.config.root, server.config.build.outDir)));
    },
  };
}
