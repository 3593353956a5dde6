/**
 * The worker bridge against a scripted worker (same postMessage protocol as src/workers/serve.ts): typed replies,
 * error replies reject, cancel messages, latest-wins lanes, timeouts and crashes that name the worker.
 */
import { describe, expect, it } from 'vitest';
import { WorkerBridge } from '../../src/client/bridge.ts';

type Req = { id: number; type: 'echo'; text: string; ms?: number } | { id: number; type: 'fail' } | { id: number; type: 'hang' };
type Res =
  { id: number; type: 'echoed'; text: string } | { id: number; type: 'aborted' } | { id: number; type: 'error'; error: { code: string; message: string } };
interface Replies {
  echo: 'echoed';
  fail: 'echoed';
  hang: 'echoed';
}

/** Answers like a real worker: echo after `ms`, fail with an error reply, hang forever; `cancel` ends with aborted. */
class ScriptedWorker {
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  received: string[] = [];
  terminated = false;
  private timers = new Map<number, ReturnType<typeof setTimeout>>();
  private reply(msg: object) {
    setTimeout(() => this.onmessage?.({ data: msg } as MessageEvent), 0);
  }
  postMessage(msg: Req | { id: number; type: 'cancel' }) {
    this.received.push(msg.type === 'echo' ? `echo:${msg.text}` : msg.type);
    if (msg.type === 'cancel') {
      clearTimeout(this.timers.get(msg.id));
      return this.reply({ id: msg.id, type: 'aborted' });
    }
    if (msg.type === 'fail') return this.reply({ id: msg.id, type: 'error', error: { code: 'model-missing', message: 'No model.' } });
    if (msg.type === 'echo')
      this.timers.set(
        msg.id,
        setTimeout(() => this.reply({ id: msg.id, type: 'echoed', text: msg.text }), msg.ms ?? 5),
      );
  }
  terminate() {
    this.terminated = true;
  }
  crash(message: string) {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
}

function bridge(startAfter?: Promise<void>) {
  const workers: ScriptedWorker[] = [];
  const b = new WorkerBridge<Req, Res, Replies>(
    'test engine',
    () => {
      const w = new ScriptedWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
    startAfter,
  );
  return { b, workers };
}

describe('WorkerBridge', () => {
  it('with startAfter, no worker exists until the gate opens; calls made before then are sent after, in order; one cancelled meanwhile is not sent', async () => {
    let open!: () => void;
    const { b, workers } = bridge(new Promise<void>((r) => (open = r)));
    const first = b.call({ type: 'echo', text: 'a' });
    const ctl = new AbortController();
    const dropped = b.call({ type: 'echo', text: 'b' }, { signal: ctl.signal });
    const third = b.call({ type: 'echo', text: 'c' });
    ctl.abort();
    await expect(dropped).rejects.toMatchObject({ code: 'aborted' });
    await new Promise((r) => setTimeout(r, 20));
    expect(workers).toHaveLength(0);
    open();
    expect((await first).text).toBe('a');
    expect((await third).text).toBe('c');
    expect(workers).toHaveLength(1);
    expect(workers[0].received).toEqual(['echo:a', 'echo:c']);
    expect((await b.call({ type: 'echo', text: 'd' })).text).toBe('d'); // after the gate: sent at once
  });

  it('a worker that cannot be started fails the call at once with the reason (not at its timeout); the next call tries again', async () => {
    let fail = true;
    const made: ScriptedWorker[] = [];
    const b = new WorkerBridge<Req, Res, Replies>('test engine', () => {
      if (fail) throw new Error('nested workers are not supported');
      const w = new ScriptedWorker();
      made.push(w);
      return w as unknown as Worker;
    });
    const t0 = Date.now();
    await expect(b.call({ type: 'echo', text: 'a' }, { timeoutMs: 5_000 })).rejects.toMatchObject({
      code: 'worker-crashed',
      message: 'The test engine could not start (nested workers are not supported).',
    });
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(b.inFlight).toBe(0); // no call left waiting for its timeout
    fail = false;
    expect((await b.call({ type: 'echo', text: 'b' })).text).toBe('b');
    expect(made).toHaveLength(1);
  });

  it('resolves with the typed reply; an error reply rejects with its code', async () => {
    const { b } = bridge();
    const r = await b.call({ type: 'echo', text: 'hi' });
    expect(r.text).toBe('hi');
    await expect(b.call({ type: 'fail' })).rejects.toMatchObject({ code: 'model-missing', message: 'No model.' });
    expect(b.inFlight).toBe(0);
  });

  it('an abort rejects at once and tells the worker to cancel', async () => {
    const { b, workers } = bridge();
    const ctl = new AbortController();
    const p = b.call({ type: 'echo', text: 'slow', ms: 200 }, { signal: ctl.signal });
    ctl.abort();
    await expect(p).rejects.toMatchObject({ code: 'aborted' });
    expect(workers[0].received).toEqual(['echo:slow', 'cancel']);
    expect((await b.call({ type: 'echo', text: 'next' })).text).toBe('next');
  });

  it('a lane runs one call at a time and the newest waiting call replaces older waiting ones', async () => {
    const { b, workers } = bridge();
    const opts = { lane: 'pricing', latestWins: true };
    const first = b.call({ type: 'echo', text: '1', ms: 30 }, opts);
    const second = b.call({ type: 'echo', text: '2' }, opts);
    const third = b.call({ type: 'echo', text: '3' }, opts);
    await expect(second).rejects.toMatchObject({ code: 'aborted', message: 'Replaced by a newer request.' });
    expect((await first).text).toBe('1');
    expect((await third).text).toBe('3');
    expect(workers[0].received).toEqual(['echo:1', 'echo:3']);
  });

  it('a call with no answer times out, restarts the worker, and the next call works', async () => {
    const { b, workers } = bridge();
    await expect(b.call({ type: 'hang' }, { timeoutMs: 30 })).rejects.toMatchObject({ code: 'timeout', message: /test engine stopped.*"hang" within/ });
    expect(workers[0].terminated).toBe(true);
    expect((await b.call({ type: 'echo', text: 'again' })).text).toBe('again');
    expect(workers).toHaveLength(2);
  });

  it('a crash rejects every pending call with a message naming the worker', async () => {
    const { b, workers } = bridge();
    const a = b.call({ type: 'echo', text: 'a', ms: 50 });
    const c = b.call({ type: 'echo', text: 'c', ms: 50 });
    workers[0].crash('Uncaught RangeError');
    for (const p of [a, c])
      await expect(p).rejects.toMatchObject({ code: 'worker-crashed', message: /The test engine stopped unexpectedly \(Uncaught RangeError\)/ });
    expect(b.inFlight).toBe(0);
  });
});
