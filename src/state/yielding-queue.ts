/**
 * Background work that yields to what a seller is waiting for. Items run one at a time, each once `busy()` has read
 * false for `quietMs` in a row (not in the moment between two photos added one after the other); one in work when
 * `busy()` turns true is aborted (its AbortSignal) and runs again first once the app is quiet again. The photo
 * barcode search is such work: its cascade takes a core for about 240 ms a photo, and beside it the next photo's
 * model took 35–40 ms instead of 23–24 on the 2-core dev machine (photo → suggestion 64–76 instead of 42–48 ms).
 */
import { whenQuiet } from './quiet.ts';

export class YieldingQueue<T> {
  private items: T[] = [];
  private running = false;
  private current: AbortController | null = null;

  constructor(
    private readonly run: (item: T, signal: AbortSignal) => Promise<void>,
    private readonly busy: () => boolean,
    private readonly quietMs = 500,
    private readonly stepMs = 50,
  ) {}

  /** Queues items; resolves once the queue is empty again. */
  push(items: readonly T[]): Promise<void> {
    this.items.push(...items);
    return this.drain();
  }

  /** Drops every queued item and aborts the one in work (another listing was opened or started). */
  clear(): void {
    this.items = [];
    this.current?.abort();
  }

  /** Items not yet finished (the one in work included). */
  get size(): number {
    return this.items.length;
  }

  private idle = new Promise<void>((r) => r());

  private drain(): Promise<void> {
    if (this.running) return this.idle;
    this.running = true;
    this.idle = (async () => {
      try {
        while (this.items.length) {
          await whenQuiet(this.busy, this.quietMs, this.stepMs);
          if (!this.items.length) break; // cleared while waiting
          const item = this.items[0];
          const ctl = new AbortController();
          this.current = ctl;
          const watch = setInterval(() => this.busy() && ctl.abort(), this.stepMs);
          try {
            await this.run(item, ctl.signal);
          } catch {
            // aborted: tried again first; failed: the item's own business (it reports what it must)
          } finally {
            clearInterval(watch);
            this.current = null;
          }
          if (!ctl.signal.aborted && this.items[0] === item) this.items.shift();
        }
      } finally {
        this.running = false;
      }
    })();
    return this.idle;
  }
}
