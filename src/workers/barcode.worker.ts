/// <reference lib="webworker" />
/**
 * The barcode worker: runs the same cascade as the Node CLI on ImageData-shaped frames (no DOM, no canvas).
 * zxing's wasm is served from the app's own origin (Vite ?url import, precached by the service worker).
 */
import './window-shim.ts'; // must stay the first import (quagga2's UMD wrapper needs `window`)
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { AppError } from '../core/errors.ts';
import { CascadeDecoder } from '../ml/barcode/cascade.ts';
import { HYBRID, LIVE } from '../ml/barcode/configs.ts';
import { LiveConfirmer } from '../ml/barcode/live.ts';
import { QuaggaEngine } from '../ml/barcode/quagga-engine.ts';
import { ZxingEngine, configureZxing } from '../ml/barcode/zxing-engine.ts';
import { BARCODE_REQUESTS, type BarcodeRequest, type BarcodeResponse } from './barcode-protocol.ts';
import { checkpoint, serveRequests } from './serve.ts';
import { decodeBlob, drawScaled } from './decode-blob.ts';

const post = (msg: BarcodeResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg);

let ready: Promise<{ photo: CascadeDecoder; live: CascadeDecoder }> | null = null;
function decoders() {
  ready ??= (async () => {
    await configureZxing({ wasmUrl });
    const engines = { zxing: new ZxingEngine(), quagga: new QuaggaEngine() };
    return { photo: new CascadeDecoder(engines, HYBRID), live: new CascadeDecoder(engines, LIVE) };
  })();
  ready.catch(() => (ready = null)); // a failed load is retried on the next request
  return ready;
}
const confirmer = new LiveConfirmer();

async function handle(req: BarcodeRequest, signal: AbortSignal): Promise<void> {
  if (req.type === 'reset') {
    confirmer.reset();
    post({ id: req.id, type: 'reset' });
    return;
  }
  if (req.type === 'decode-blob') {
    const { bitmap } = await decodeBlob(req.blob);
    let image;
    try {
      image = drawScaled(bitmap, 1600);
    } finally {
      bitmap.close();
    }
    checkpoint(signal);
    const r = await (await decoders()).photo.decode(image, { budgetMs: req.budgetMs, signal });
    post({ id: req.id, type: 'result', codes: r.codes, ms: r.ms });
    return;
  }
  const { width, height, data } = req.image ?? {};
  if (!width || !height || !data || data.length !== width * height * 4) {
    throw new AppError('corrupt-image', 'The frame sent to the barcode reader is not width × height RGBA pixels.');
  }
  const d = await decoders();
  if (req.mode === 'live') {
    const r = await d.live.decode(req.image, { budgetMs: req.budgetMs });
    post({ id: req.id, type: 'result', codes: confirmer.push(r), ms: r.ms });
  } else {
    const r = await d.photo.decode(req.image, { budgetMs: req.budgetMs });
    post({ id: req.id, type: 'result', codes: r.codes, ms: r.ms });
  }
}

serveRequests<BarcodeRequest, BarcodeResponse>(BARCODE_REQUESTS, (req, signal) => handle(req, signal));
