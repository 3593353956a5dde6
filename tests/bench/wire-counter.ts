/**
 * A preview-server plugin for measurements (bench:startup, the offline e2e test): records every response the server
 * sends, with its body bytes as written (compressed, on the wire) and its size before compression.
 */
import { statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export interface Hit {
  path: string;
  status: number;
  wire: number;
  raw: number;
}

/** How many of these responses each path got (the callers pick which statuses count as a download). */
export function countPerPath(hits: readonly Hit[]): Map<string, number> {
  const count = new Map<string, number>();
  for (const h of hits) count.set(h.path, (count.get(h.path) ?? 0) + 1);
  return count;
}

export function wireCounter(distDir: string, onHit: (h: Hit) => void): Plugin {
  return {
    name: 'bench-wire-counter',
    enforce: 'pre',
    configurePreviewServer(server) {
      server.middlewares.use((req, res: ServerResponse, next) => {
        let wire = 0;
        const write = res.write.bind(res) as (...a: unknown[]) => boolean;
        const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
        const count = (chunk: unknown) => {
          if (typeof chunk === 'string') wire += Buffer.byteLength(chunk);
          else if (chunk instanceof Uint8Array) wire += chunk.byteLength;
        };
        res.write = ((chunk: unknown, ...rest: unknown[]) => {
          count(chunk);
          return write(chunk, ...rest);
        }) as typeof res.write;
        res.end = ((chunk?: unknown, ...rest: unknown[]) => {
          if (typeof chunk !== 'function') count(chunk);
          return end(chunk, ...rest);
        }) as typeof res.end;
        res.on('finish', () => {
          const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
          let raw = wire;
          if (res.getHeader('content-encoding') && res.statusCode === 200) {
            try {
              raw = statSync(join(distDir, path.endsWith('/') ? path + 'index.html' : path)).size;
            } catch {
              raw = wire;
            }
          }
          onHit({ path, status: res.statusCode, wire, raw });
        });
        next();
      });
    },
  };
}
