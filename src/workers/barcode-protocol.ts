/** The typed request/response protocol of the barcode worker. UI code imports only these types. */
import type { AppErrorData } from '../core/errors.ts';
import type { DecodedCode } from '../ml/barcode/types.ts';

/** ImageData-shaped pixels (RGBA, row-major); the buffer is transferred, not copied. */
export interface WorkerImage {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}

export type BarcodeRequest =
  /** photo: the full still-photo cascade; live: cheap stages + confirmation across frames. */
  | { id: number; type: 'decode'; image: WorkerImage; mode?: 'photo' | 'live'; budgetMs?: number }
  /** A photo file: decoded (EXIF-oriented, long side ≤ 1600 px) in the worker, then the photo cascade. */
  | { id: number; type: 'decode-blob'; blob: Blob; budgetMs?: number }
  /** Start a new live scan (forgets reads from earlier frames). */
  | { id: number; type: 'reset' };

export type BarcodeResponse =
  | { id: number; type: 'result'; codes: DecodedCode[]; ms: number }
  | { id: number; type: 'reset' }
  | { id: number; type: 'aborted' }
  | { id: number; type: 'error'; error: AppErrorData };

export const BARCODE_REQUESTS = ['decode', 'decode-blob', 'reset'] as const satisfies readonly BarcodeRequest['type'][];

/** Which reply each request gets (the bridge types `call()` with it). */
export interface BarcodeReplies {
  decode: 'result';
  'decode-blob': 'result';
  reset: 'reset';
}
