/**
 * HTTP headers for dev, preview and production hosting (documented in README).
 * COOP/COEP make the page crossOriginIsolated, which wasm threads need.
 */
export function securityHeaders({ dev }: { dev: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    // wasm-unsafe-eval: WebAssembly.instantiate for tfjs/ORT/zxing; dev adds Vite's HMR websocket.
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    "img-src 'self' blob: data:",
    "media-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    dev ? "connect-src 'self' ws: data: blob:" : "connect-src 'self' data: blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Content-Security-Policy': csp,
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
    'X-Content-Type-Options': 'nosniff',
  };
}
