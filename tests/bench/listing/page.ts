/** Bench page: runs the listing-models bench in a module worker (as the app does) and exposes the result. */
import type { BenchResult } from './bench.worker.ts';

declare global {
  interface Window {
    benchResult?: BenchResult | { error: string };
  }
}

const q = new URLSearchParams(location.search);
const ep = q.get('ep') ?? 'wasm';
const runs = Number(q.get('runs') ?? 300);
const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
worker.onmessage = (e: MessageEvent<BenchResult | { error: string }>) => {
  window.benchResult = e.data;
  document.getElementById('out')!.textContent = JSON.stringify(e.data, null, 1);
};
worker.onerror = (e) => (window.benchResult = { error: e.message || 'worker error' });
worker.postMessage({ ep, runs });
