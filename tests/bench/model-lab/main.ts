/** ?engine=…&backend=…&threads=… — loads that engine in lab.worker.ts, times it on the fixed photo and writes the JSON into #out. */
import type { AloneRequest } from './lab.worker.ts';

const q = new URLSearchParams(location.search);
const out = document.getElementById('out')!;
const w = new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module' });
w.onmessage = (e) => (out.textContent = JSON.stringify(e.data));
const photo = new Uint8Array(await (await fetch('/fixed.jpg')).arrayBuffer());
const threads = q.get('threads') ?? 'auto';
const req: AloneRequest = {
  engine: q.get('engine') as AloneRequest['engine'],
  backend: q.get('backend') as AloneRequest['backend'],
  threads: threads === 'auto' ? 'auto' : (Number(threads) as 1 | 2 | 4),
  photo,
};
w.postMessage(req, [photo.buffer]);
