/** Times the app's two decode paths (src/workers/decode-blob.ts) on one photo, each with the model's 224 px centre crop. */
import { decodeBlob, decodeForModel, MODEL_DECODE_MIN_SIDE, squareCrop } from '../../../src/workers/decode-blob.ts';

self.onmessage = async (e: MessageEvent<{ id: number; bytes: Uint8Array<ArrayBuffer> }>) => {
  const blob = new Blob([e.data.bytes], { type: 'image/jpeg' });
  const full: number[] = [];
  const model: number[] = [];
  let side = 0;
  let a: ArrayLike<number> = [];
  let b: ArrayLike<number> = [];
  for (let round = 0; round < 5; round++) {
    let t = performance.now();
    const f = await decodeBlob(blob);
    a = squareCrop(f.bitmap, 224, 1).data;
    f.bitmap.close();
    full.push(performance.now() - t);
    t = performance.now();
    const m = await decodeForModel(blob, MODEL_DECODE_MIN_SIDE);
    side = Math.min(m.bitmap.width, m.bitmap.height);
    b = squareCrop(m.bitmap, 224, 1).data;
    m.bitmap.close();
    model.push(performance.now() - t);
  }
  let diff = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (i % 4 === 3) continue; // alpha
    diff += Math.abs(a[i] - b[i]);
    n++;
  }
  postMessage({ id: e.data.id, full, model, side, diff: diff / n });
};
