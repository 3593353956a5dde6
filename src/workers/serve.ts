/// <reference lib="webworker" />
/**
 * The request loop every worker runs: validates each message, answers unknown types with an error, keeps one
 * AbortController per request so a `{type: 'cancel', id}` message stops it between stages, and turns whatever a
 * handler throws into a structured `{code, message}` reply (or `aborted`, when it was cancelled).
 */
import { AppError, toErrorData } from '../core/errors.ts';

type Msg = { id: number; type: string };
export type Post<Res> = (msg: Res, transfer?: Transferable[]) => void;

/** What a worker can read of its own request loop. */
export interface Served {
  /** ms since the last request ended (or since the loop started); 0 while one is in work. */
  idleMs(): number;
}

/** Messages kept by holdRequests() until serveRequests() runs. */
let held: MessageEvent<unknown>[] | null = null;

/**
 * For a worker whose request handlers are imported after its start (a light entry module that starts something
 * else first): keeps the messages that arrive until serveRequests() runs, which then serves them in order.
 */
export function holdRequests(): void {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  const kept: MessageEvent<unknown>[] = [];
  held = kept;
  scope.onmessage = (ev: MessageEvent<unknown>) => void kept.push(ev);
}

export function serveRequests<Req extends Msg, Res extends Msg>(
  types: readonly Req['type'][],
  handle: (req: Req, signal: AbortSignal, post: Post<Res>) => Promise<void>,
): Served {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  const post: Post<Res> = (msg, transfer = []) => scope.postMessage(msg, transfer);
  const running = new Map<number, AbortController>();
  const known = new Set<string>(types);
  let lastEnd = performance.now();
  const onMessage = (ev: MessageEvent<unknown>) => {
    const req = ev.data as Msg | null;
    if (!req || typeof req !== 'object' || typeof req.id !== 'number' || typeof req.type !== 'string') return;
    if (req.type === 'cancel') return running.get(req.id)?.abort();
    if (!known.has(req.type)) {
      const error = new AppError('worker-unknown-message', `This worker does not know requests of type "${req.type}".`);
      return scope.postMessage({ id: req.id, type: 'error', error: error.toJSON() });
    }
    const ctl = new AbortController();
    running.set(req.id, ctl);
    handle(req as Req, ctl.signal, post)
      .catch((e: unknown) => {
        if (ctl.signal.aborted) scope.postMessage({ id: req.id, type: 'aborted' });
        else scope.postMessage({ id: req.id, type: 'error', error: toErrorData(e) });
      })
      .finally(() => {
        running.delete(req.id);
        lastEnd = performance.now();
      });
  };
  scope.onmessage = onMessage;
  const early = held ?? [];
  held = null;
  // after this call has returned (the caller's `served` is bound), before any later message (a task)
  if (early.length) queueMicrotask(() => early.forEach(onMessage));
  return { idleMs: () => (running.size ? 0 : performance.now() - lastEnd) };
}

/** Throws 'aborted' when the request was cancelled: call between stages (decode → preprocess → infer → map). */
export function checkpoint(signal: AbortSignal): void {
  if (signal.aborted) throw new AppError('aborted', 'Cancelled.');
}
