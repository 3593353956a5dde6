/**
 * The "4G" profile of bench:startup: a preview-server plugin that shapes every response the server sends (one shared
 * 12 Mbit/s downlink for all connections, +40 ms before each response's first byte), and Chromium's CPU throttling
 * over CDP. The network is shaped at the server rather than with CDP's Network.emulateNetworkConditions because that
 * throttles only the page's own requests: the service worker fetches the models and runtimes (its own target), so the
 * first visit would run at full speed where it matters.
 */
import type { ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import type { Plugin } from 'vite';

export interface ThrottleProfile {
  name: string;
  downMbit: number;
  latencyMs: number;
  cpuSlowdown: number;
}

export const FOUR_G: ThrottleProfile = { name: '4G (12 Mbit/s down, 40 ms, CPU ×4)', downMbit: 12, latencyMs: 40, cpuSlowdown: 4 };

interface Flow {
  /** Nothing of this response leaves before (request time + latency). */
  readyAt: number;
  queue: { buf: Buffer; done: () => void }[];
}

/**
 * `enabled()` is read per request, so one server can serve throttled and unthrottled visits. The link sends 16 KB
 * slices round-robin over the responses that have data (as TCP flows share a link), on a virtual clock so the rate
 * holds whatever the timer granularity; a response's write() reports backpressure until its chunk is on the wire.
 */
export function networkShaper(profile: ThrottleProfile, enabled: () => boolean): Plugin {
  const bytesPerMs = (profile.downMbit * 1e6) / 8 / 1000;
  const SLICE = 16 * 1024;
  const flows = new Set<Flow>();
  let linkClock = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let turn = 0;
  const pump = () => {
    timer = null;
    const now = Date.now();
    const ready = [...flows].filter((f) => f.queue.length && f.readyAt <= now);
    if (!ready.length) {
      const next = Math.min(...[...flows].filter((f) => f.queue.length).map((f) => f.readyAt));
      if (Number.isFinite(next)) timer = setTimeout(pump, next - now);
      return;
    }
    const f = ready[turn++ % ready.length];
    const item = f.queue[0];
    const slice = item.buf.subarray(0, SLICE);
    item.buf = item.buf.subarray(slice.length);
    if (!item.buf.length) f.queue.shift();
    linkClock = Math.max(linkClock, now) + slice.length / bytesPerMs;
    timer = setTimeout(() => {
      if (!item.buf.length) item.done();
      pump();
    }, linkClock - now);
    (f as Flow & { send: (b: Buffer) => void }).send(slice);
  };
  const kick = () => {
    if (!timer) pump();
  };
  return {
    name: 'bench-network-shaper',
    enforce: 'pre',
    configurePreviewServer(server) {
      server.middlewares.use((_req, res: ServerResponse, next) => {
        if (!enabled()) return next();
        const write = res.write.bind(res) as (chunk: unknown) => boolean;
        const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
        const flow = { readyAt: Date.now() + profile.latencyMs, queue: [], send: (b: Buffer) => void write(b) } as Flow & { send: (b: Buffer) => void };
        flows.add(flow);
        const toBuf = (chunk: unknown, enc?: unknown) =>
          typeof chunk === 'string'
            ? Buffer.from(chunk, typeof enc === 'string' ? (enc as BufferEncoding) : 'utf8')
            : chunk instanceof Uint8Array
              ? Buffer.from(chunk)
              : null;
        const enqueue = (buf: Buffer | null, done: () => void) => {
          if (!buf || !buf.length) return done();
          flow.queue.push({ buf, done });
          kick();
        };
        res.write = ((chunk: unknown, enc?: unknown, cb?: unknown) => {
          const callback = [enc, cb].find((x) => typeof x === 'function') as (() => void) | undefined;
          enqueue(toBuf(chunk, enc), () => {
            callback?.();
            res.emit('drain');
          });
          return false;
        }) as typeof res.write;
        res.end = ((chunk?: unknown, enc?: unknown, cb?: unknown) => {
          const callback = [chunk, enc, cb].find((x) => typeof x === 'function') as (() => void) | undefined;
          enqueue(typeof chunk === 'function' ? null : toBuf(chunk, enc), () => {
            // the end waits for every slice queued before it
            const finish = () => (flow.queue.length ? setTimeout(finish, 5) : (flows.delete(flow), end(callback)));
            finish();
          });
          return res;
        }) as typeof res.end;
        res.on('close', () => flows.delete(flow));
        next();
      });
    },
  };
}

/** CPU throttling for this page (Chromium applies it to the page's renderer main thread; see the report on workers). */
export async function throttleCpu(page: Page, profile: ThrottleProfile): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuSlowdown });
}

/**
 * Installed before the app's scripts: records (page clock, ms) when a photo is chosen, when the title field first
 * holds text and when the price field first holds a price. Read with `photoTimes(page)`.
 */
export const PHOTO_TIMES_SCRIPT = `(() => {
  const t = (window.__photoTimes = {});
  document.addEventListener('change', (e) => { if (e.target && e.target.dataset && e.target.dataset.testid === 'photo-input') t.photo = t.photo ?? performance.now(); }, true);
  const val = (id) => { const el = document.querySelector('[data-testid="' + id + '"]'); return el && el.value; };
  const tick = () => {
    if (t.photo !== undefined) {
      if (t.title === undefined && val('title')) t.title = performance.now();
      if (t.price === undefined && val('price')) t.price = performance.now();
    }
    if (t.title === undefined || t.price === undefined) setTimeout(tick, 10);
  };
  tick();
})();`;

export interface PhotoTimes {
  photoToTitleMs: number;
  photoToPriceMs: number;
}

/** Waits until both the title and the price are shown, then returns both delays after the photo was chosen. */
export async function photoTimes(page: Page, timeoutMs = 300_000): Promise<PhotoTimes> {
  const h = await page.waitForFunction(
    () => {
      const t = (window as unknown as { __photoTimes: { photo?: number; title?: number; price?: number } }).__photoTimes;
      return t.photo !== undefined && t.title !== undefined && t.price !== undefined ? t : null;
    },
    undefined,
    { timeout: timeoutMs, polling: 100 },
  );
  const t = (await h.jsonValue()) as { photo: number; title: number; price: number };
  return { photoToTitleMs: Math.round(t.title - t.photo), photoToPriceMs: Math.round(t.price - t.photo) };
}
