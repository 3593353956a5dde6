/// <reference lib="webworker" />
import { bench } from './bench.ts';

self.onmessage = async (e: MessageEvent<number>) => {
  try {
    postMessage(await bench(e.data));
  } catch (err) {
    postMessage({ error: String(err) });
  }
};
