/// <reference lib="webworker" />
/** Service-worker helpers: sha256, a storable copy of a response, one download per URL at a time. */

export async function sha256(buf: ArrayBuffer): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest('SHA-256', buf))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A response to store and serve from the SW: the decoded body with the server's headers (security headers included:
 * COOP/COEP must survive offline), minus transfer encoding, which no longer applies to the decoded bytes.
 */
export function storable(body: ArrayBuffer, from: Headers, sha?: string): Response {
  const headers = new Headers(from);
  headers.delete('content-encoding');
  headers.delete('transfer-encoding');
  headers.set('content-length', String(body.byteLength));
  if (sha) headers.set('x-sha256', sha);
  return new Response(body, { status: 200, headers });
}

/** Thrown when the network is unreachable (fetch rejected), as opposed to an HTTP error or a bad download. */
export class NetworkDown extends Error {}

/** Fetches `url` and keeps the body only if it has this size (when given) and sha256; null on an HTTP error. */
export async function fetchChecked(
  url: string,
  sha: string,
  cache: RequestCache,
  bytes?: number,
  credentials: RequestCredentials = 'same-origin',
): Promise<Response | null> {
  let res: Response;
  try {
    res = await fetch(url, { cache, credentials, mode: 'same-origin' });
  } catch (e) {
    throw new NetworkDown((e as Error).message);
  }
  if (!res.ok) return null;
  const body = await res.arrayBuffer();
  if ((bytes !== undefined && body.byteLength !== bytes) || (await sha256(body)) !== sha) return null;
  return storable(body, res.headers, sha);
}

const inflight = new Map<string, Promise<Response>>();

/** Runs `work` once per key at a time: a page request and a coverage top-up of the same file share one download. */
export function once(key: string, work: () => Promise<Response>): Promise<Response> {
  let p = inflight.get(key);
  if (!p) {
    p = work().finally(() => inflight.delete(key));
    inflight.set(key, p);
  }
  return p.then((r) => r.clone());
}
