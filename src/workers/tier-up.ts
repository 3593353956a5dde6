/**
 * Tier-up passes after a photo engine loads on wasm. V8 runs a new wasm module on its baseline compiler (Liftoff) and
 * compiles a function with TurboFan, in the background, only once that function has run enough, so a model's first
 * passes can be slower than the rest. One scratch measurement of LiteRT's MobileNet V2 alone in a Chromium worker here:
 * 16–26 ms for passes 2–12, then 10–11 ms (2 threads). The bench's model lab shows less: 1–4 ms in 3 of 4 page
 * loads on 2 threads, none measurable on 1 (README, "Photo runtimes side by side"). Once the worker has been idle for
 * `quietMs`, `pass` runs `passes` times (on the caller's input), one at a time and each only while the worker is still
 * idle, so a photo that arrives waits for at most the pass in progress (the engine runs one pass at a time). No DOM:
 * unit-tested in Node.
 */
export interface TierUpOptions {
  /** Passes to run (the engine's load already ran one). */
  passes: number;
  /** How long the worker must have been idle before a pass starts. */
  quietMs: number;
  /** How often idleness is read while waiting. */
  stepMs: number;
  /** ms since the worker's last request ended; 0 while one is in work. */
  idleMs: () => number;
  /** False once the engine was replaced or disposed: no further pass. */
  alive: () => boolean;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs the passes as idle time allows; resolves with how many ran. A pass that fails ends the passes. */
export async function tierUp(pass: () => Promise<unknown>, o: TierUpOptions): Promise<number> {
  let done = 0;
  while (done < o.passes && o.alive()) {
    if (o.idleMs() < o.quietMs) {
      await sleep(o.stepMs);
      continue;
    }
    try {
      await pass();
    } catch {
      break; // the engine is gone or broken: a photo will say so, not these passes
    }
    done++;
    await sleep(0); // a photo request that arrived during the pass is handled before the next idle check
  }
  return done;
}
