/**
 * One bridge per worker: started lazily, calls matched by id, progress streamed, every call abortable.
 * An uncaught error in the worker counts as a crash: pending calls fail with 'worker-crashed' and the
 * next call starts a fresh worker.
 */
import { AppError } from '../core/errors.ts';

type WithId = { id: number; type: string };
/** Omit that keeps a union a union (each request variant loses its id separately). */
export type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Progress<R> = Extract<R, { type: 'progress' }>;
type Final<R> = Exclude<R, { type: 'progress' }>;

interface Pending<R> {
  resolve: (r: Final<R>) => void;
  reject: (e: AppError) => void;
  onProgress?: (p: Progress<R>) => void;
}

export class WorkerBridge<Req extends WithId, Res extends WithId> {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending<Res>>();

  constructor(private readonly create: () => Worker) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = this.create();
    w.onmessage = (ev: MessageEvent<Res>) => {
      const msg = ev.data;
      const p = this.pending.get(msg.id);
      if (!p) return;
      if (msg.type === 'progress') p.onProgress?.(msg as Progress<Res>);
      else {
        this.pending.delete(msg.id);
        p.resolve(msg as Final<Res>);
      }
    };
    w.onerror = (ev) => {
      ev.preventDefault();
      this.crash(ev.message || 'unknown error');
    };
    w.onmessageerror = () => this.crash('a message could not be read');
    this.worker = w;
    return w;
  }

  private crash(reason: string): void {
    this.worker?.terminate();
    this.worker = null;
    const err = new AppError('worker-crashed', `The background photo engine stopped unexpectedly (${reason}). It will restart with your next photo.`);
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  call(
    req: WithoutId<Req>,
    opts: { signal?: AbortSignal; onProgress?: (p: Progress<Res>) => void; transfer?: Transferable[] } = {},
  ): Promise<Final<Res>> {
    if (opts.signal?.aborted) return Promise.reject(new AppError('aborted', 'Cancelled.'));
    const id = this.nextId++;
    const w = this.start();
    return new Promise<Final<Res>>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress: opts.onProgress });
      opts.signal?.addEventListener('abort', () => {
        if (this.pending.delete(id)) reject(new AppError('aborted', 'Cancelled.'));
      });
      w.postMessage({ ...req, id } as Req, opts.transfer ?? []);
    });
  }

  /** Number of calls in flight (for tests and the status line). */
  get inFlight(): number {
    return this.pending.size;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
