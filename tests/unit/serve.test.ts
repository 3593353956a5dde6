/**
 * The workers' request loop (src/workers/serve.ts) against a stand-in worker scope: requests kept by holdRequests()
 * before the handlers are there are served in arrival order once serveRequests() runs, and then later requests too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { holdRequests, serveRequests } from '../../src/workers/serve.ts';

type Msg = { id: number; type: string; n?: number };

function fakeScope() {
  const posted: Msg[] = [];
  const scope = {
    onmessage: null as ((ev: MessageEvent<unknown>) => void) | null,
    postMessage: (m: Msg) => void posted.push(m),
    deliver(data: unknown) {
      scope.onmessage?.({ data } as MessageEvent<unknown>);
    },
  };
  (globalThis as unknown as { self: unknown }).self = scope;
  return { scope, posted };
}

afterEach(() => {
  delete (globalThis as unknown as { self?: unknown }).self;
});

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('serveRequests', () => {
  it('serves the requests held before it ran, in order, then the later ones', async () => {
    const { scope, posted } = fakeScope();
    holdRequests();
    scope.deliver({ id: 1, type: 'echo', n: 10 });
    scope.deliver({ id: 2, type: 'echo', n: 20 });
    scope.deliver({ id: 3, type: 'nope' });
    await flush();
    expect(posted).toEqual([]); // nothing is answered while the handlers are not there
    const seen: number[] = [];
    serveRequests<Msg, Msg>(['echo'], async (req, _signal, post) => {
      seen.push(req.id);
      post({ id: req.id, type: 'echoed', n: (req.n ?? 0) + 1 });
    });
    expect(seen).toEqual([]); // replayed once serveRequests has returned (its caller's result is bound)
    await Promise.resolve();
    expect(seen).toEqual([1, 2]); // …in a microtask, so before any later message
    scope.deliver({ id: 4, type: 'echo', n: 40 });
    await flush();
    expect(seen).toEqual([1, 2, 4]);
    expect(posted.map((m) => [m.id, m.type, m.n])).toEqual([
      [1, 'echoed', 11],
      [2, 'echoed', 21],
      [3, 'error', undefined], // an unknown type held early is refused like a late one
      [4, 'echoed', 41],
    ]);
  });

  it('a cancel held with its request stops it', async () => {
    const { scope, posted } = fakeScope();
    holdRequests();
    scope.deliver({ id: 1, type: 'slow' });
    scope.deliver({ id: 1, type: 'cancel' });
    serveRequests<Msg, Msg>(['slow'], async (req, signal, post) => {
      await flush();
      if (signal.aborted) throw new Error('stopped');
      post({ id: req.id, type: 'done' });
    });
    await flush();
    await flush();
    expect(posted).toEqual([{ id: 1, type: 'aborted' }]);
  });

  it('without holdRequests nothing is replayed', async () => {
    const { scope, posted } = fakeScope();
    serveRequests<Msg, Msg>(['echo'], async (req, _signal, post) => post({ id: req.id, type: 'echoed' }));
    scope.deliver({ id: 7, type: 'echo' });
    await flush();
    expect(posted).toEqual([{ id: 7, type: 'echoed' }]);
  });
});
