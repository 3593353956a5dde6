/**
 * One bridge per worker, on the main thread: started lazily, typed (a request's `type` names its reply), every call
 * abortable (a `cancel` message tells the worker to stop between stages), bounded by a timeout, and optionally
 * queued in a lane where the newest request replaces a waiting one (pricing after each keystroke, live frames).
 * Error replies reject here, as AppErrors; a crash rejects every pending call with a message naming the worker,
 * and the next call starts a fresh one. With `startAfter`, the worker is created only once that promise settles
 * (the app passes "the service worker controls this page", so a worker's model and wasm requests go through the SW's
 * cache even when the seller adds a photo before the SW took control); calls made before then wait. `warm()` creates
 * it at once, for a caller that knows the gate's condition already holds.
 */
import { AppError } from '../core/errors.ts';

type WithId = { id: number; type: string };
/** Omit that keeps a union a union (each request variant loses its id separately). */
export type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Progress<R> = Extract<R, { type: 'progress' }>;

/** The reply a request of type T gets: the protocol's map from request type to reply type. */
export type ReplyTo<Res, M, T> = T extends keyof M ? Extract<Res, { type: M[T] }> : never;

export interface CallOptions<P> {
  signal?: AbortSignal;
  onProgress?: (p: P) => void;
  transfer?: Transferable[];
  /** ms until the call fails with 'timeout' and the worker is restarted (a hung model must not hang the UI). */
  timeoutMs?: number;
  /** Calls in one lane run one after another; with `latestWins`, a new call replaces one still waiting. */
  lane?: string;
  latestWins?: boolean;
}

interface Pending {
  type: string;
  resolve: (r: never) => void;
  reject: (e: AppError) => void;
  onProgress?: (p: never) => void;
  timer?: ReturnType<typeof setTimeout>;
  cleanup: () => void;
}

interface Waiting {
  start: () => void;
  supersede: () => void;
}

const DEFAULT_TIMEOUT_MS = 120_000;

export const cancelledError = (why = 'Cancelled.') => new AppError('aborted', why);

export class WorkerBridge<Req extends WithId, Res extends WithId, M extends Record<Req['type'], Res['type']>> {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private lanes = new Map<string, { busy: boolean; waiting: Waiting[] }>();

  private gateOpen = false;

  /** `name` is what a seller reads when it crashes ("the photo engine"). */
  constructor(
    private readonly name: string,
    private readonly create: () => Worker,
    private readonly startAfter?: Promise<void>,
  ) {
    if (!startAfter) this.gateOpen = true;
    else void startAfter.finally(() => (this.gateOpen = true));
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = this.create();
    w.onmessage = (ev: MessageEvent<Res | { id: number; type: 'error'; error: { code: string; message: string } }>) => this.receive(ev.data);
    w.onerror = (ev) => {
      ev.preventDefault();
      this.crash(ev.message || 'an unknown error');
    };
    w.onmessageerror = () => this.crash('a message could not be read');
    this.worker = w;
    return w;
  }

  private receive(msg: WithId & { error?: { code: string; message: string } }): void {
    const p = this.pending.get(msg?.id);
    if (!p) return; // a reply to a call that was cancelled or timed out
    if (msg.type === 'progress') return p.onProgress?.(msg as never);
    this.settle(msg.id);
    if (msg.type === 'error') p.reject(new AppError((msg.error?.code ?? 'internal') as AppError['code'], msg.error?.message ?? 'Unknown error.'));
    else if (msg.type === 'aborted') p.reject(cancelledError());
    else p.resolve(msg as never);
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    if (!p) return undefined;
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.cleanup();
    return p;
  }

  private crash(reason: string, code: 'worker-crashed' | 'timeout' = 'worker-crashed'): void {
    this.worker?.terminate();
    this.worker = null;
    const err = new AppError(code, `The ${this.name} stopped unexpectedly (${reason}). It restarts with your next action.`);
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(err);
  }

  call<R extends WithoutId<Req>>(req: R, opts: CallOptions<Progress<Res>> = {}): Promise<ReplyTo<Res, M, R['type']>> {
    if (!opts.lane) return this.send(req, opts);
    let lane = this.lanes.get(opts.lane);
    if (!lane) this.lanes.set(opts.lane, (lane = { busy: false, waiting: [] }));
    const l = lane;
    return new Promise((resolve, reject) => {
      const run = () => {
        l.busy = true;
        this.send(req, opts)
          .then(resolve as (v: unknown) => void, reject)
          .finally(() => {
            l.busy = false;
            l.waiting.shift()?.start();
          });
      };
      if (!l.busy) return run();
      if (opts.latestWins) for (const w of l.waiting.splice(0)) w.supersede();
      l.waiting.push({ start: run, supersede: () => reject(cancelledError('Replaced by a newer request.')) });
    });
  }

  private send<R extends WithoutId<Req>>(req: R, opts: CallOptions<Progress<Res>>): Promise<ReplyTo<Res, M, R['type']>> {
    if (opts.signal?.aborted) return Promise.reject(cancelledError());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        if (!this.settle(id)) return;
        this.worker?.postMessage({ id, type: 'cancel' });
        reject(cancelledError());
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      const p: Pending = {
        type: req.type,
        resolve: resolve as (r: never) => void,
        reject,
        onProgress: opts.onProgress as ((p: never) => void) | undefined,
        cleanup: () => opts.signal?.removeEventListener('abort', onAbort),
      };
      p.timer = setTimeout(() => {
        if (!this.pending.has(id)) return;
        // The worker's queue is stuck behind this call: restart it so later calls can run.
        this.crash(`no answer to "${req.type}" within ${Math.round((opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s`, 'timeout');
      }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      this.pending.set(id, p);
      const post = () => {
        if (!this.pending.has(id)) return; // cancelled meanwhile
        const why = (e: unknown) => (e instanceof Error ? e.message : String(e));
        let w: Worker;
        try {
          w = this.start();
        } catch (e) {
          // no worker can be started here: this call fails now, with the reason, not at its timeout
          return this.settle(id)?.reject(new AppError('worker-crashed', `The ${this.name} could not start (${why(e)}).`));
        }
        try {
          w.postMessage({ ...req, id }, opts.transfer ?? []);
        } catch (e) {
          this.settle(id)?.reject(new AppError('internal', `The ${this.name} could not be sent this request (${why(e)}).`));
        }
      };
      if (this.gateOpen) post();
      else void this.startAfter!.finally(post);
    });
  }

  /**
   * Starts the worker now, before any call and whatever the gate says, so its script is fetched, compiled and run while
   * the page is still busy: for a caller that knows the gate's condition already holds (the service worker controls
   * this page on a repeat visit).
   */
  warm(): void {
    try {
      this.start();
    } catch {
      /* no worker here (a browser without module workers): the first call tries again and reports it */
    }
  }

  /** Number of calls in flight (for tests and the status line). */
  get inFlight(): number {
    return this.pending.size;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(cancelledError());
  }
}
