/** Page side of tests/bench/decode.ts: hands each photo to the worker and returns its timings. */
const worker = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module' });
let next = 0;
const waiting = new Map<number, (r: unknown) => void>();
worker.onmessage = (e: MessageEvent<{ id: number }>) => waiting.get(e.data.id)?.(e.data);
(window as unknown as { bench(b64: string): Promise<unknown> }).bench = (b64: string) =>
  new Promise((resolve) => {
    const id = next++;
    waiting.set(id, resolve);
    worker.postMessage({ id, bytes: Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)) });
  });
