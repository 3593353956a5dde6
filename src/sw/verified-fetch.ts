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

/**
 * Download classes, most urgent first: what a photo needs for its suggestion (photo model, photo head, their runtimes,
 * the app's scripts, any runtime a worker asks for now), then the rest of a first listing (the price and text →
 * category models, the starter catalog, the barcode reader), then the rest (models loaded on first use, prefetches).
 * Which file is in which class: downloadClass() in model-store.ts, and the callers of ShellCache.respond.
 */
export const PHOTO_PATH = 0;
export const PRICE_PATH = 1;
export const BACKGROUND = 2;
const admitted = [0, 0, 0]; // downloads of each class running or waiting
let wake: (() => void)[] = [];
const wakeAll = () => {
  const w = wake;
  wake = [];
  for (const r of w) r();
};

interface Ticket {
  priority: number;
  /** Set once its download has ended and left the count (it stays in `inflight` for a few microtasks more). */
  done?: boolean;
}

/**
 * Runs `work` once no download of a more urgent class runs or waits: on a first visit (one shared, often slow
 * connection) the photo path gets the bandwidth first, so a photo added at once is suggested seconds earlier, while the
 * total time to "Ready offline" stays the same. Downloads of one class run side by side.
 */
async function prioritised<T>(ticket: Ticket, work: () => Promise<T>): Promise<T> {
  admitted[ticket.priority]++;
  try {
    while (admitted.slice(0, ticket.priority).some((n) => n > 0)) await new Promise<void>((r) => wake.push(r));
    return await work();
  } finally {
    admitted[ticket.priority]--;
    ticket.done = true;
    wakeAll();
  }
}

/** A waiting (or running) download becomes more urgent: someone needs it now. */
function upgrade(ticket: Ticket, priority: number): void {
  if (ticket.done || priority >= ticket.priority) return; // an ended download counted again would block its class for good
  admitted[ticket.priority]--;
  admitted[priority]++;
  ticket.priority = priority;
  wakeAll();
}

const inflight = new Map<string, { ticket: Ticket; p: Promise<Response> }>();

/**
 * Runs `work` once per key at a time (a page request and a coverage top-up of the same file share one download), in
 * download class `priority`; a more urgent request for a file already queued moves it up. `recheck` (the cache lookup)
 * runs again when its turn comes: a request that missed the cache just before an earlier download of the same file
 * finished gets the stored copy, not a second download.
 */
export function once(key: string, work: () => Promise<Response>, priority = BACKGROUND, recheck?: () => Promise<Response | undefined>): Promise<Response> {
  let f = inflight.get(key);
  if (f) upgrade(f.ticket, priority);
  else {
    const ticket = { priority };
    const p = prioritised(ticket, async () => (await recheck?.()) ?? (await work())).finally(() => inflight.delete(key));
    inflight.set(key, (f = { ticket, p }));
  }
  return f.p.then((r) => r.clone());
}
