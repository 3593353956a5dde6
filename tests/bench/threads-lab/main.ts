/** ?threads=N&where=page|worker — runs bench() there and writes its JSON into #out. */
const q = new URLSearchParams(location.search);
const threads = Number(q.get('threads') ?? 1);
const out = document.getElementById('out')!;
const show = (r: unknown) => (out.textContent = JSON.stringify(r));
if (q.get('where') === 'worker') {
  const w = new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (e) => show(e.data);
  w.postMessage(threads);
} else {
  import('./bench.ts').then((b) => b.bench(threads)).then(show, (e) => show({ error: String(e) }));
}
