/** Structured errors that cross worker and process boundaries as plain {code, message}. */
export type ErrorCode =
  | 'empty-file'
  | 'not-an-image'
  | 'corrupt-image'
  | 'image-too-large'
  | 'model-missing'
  | 'model-corrupt'
  | 'model-load-failed'
  | 'backend-unavailable'
  | 'worker-crashed'
  | 'camera-denied'
  | 'camera-unavailable'
  | 'aborted'
  | 'internal';

export interface AppErrorData {
  code: ErrorCode;
  message: string;
}

export class AppError extends Error implements AppErrorData {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
  toJSON(): AppErrorData {
    return { code: this.code, message: this.message };
  }
}

/** Any thrown value → {code, message}; unknown errors keep their text but get code 'internal'. */
export function toErrorData(e: unknown): AppErrorData {
  if (e instanceof AppError) return { code: e.code, message: e.message };
  if (e && typeof e === 'object' && 'code' in e && 'message' in e && typeof (e as AppErrorData).message === 'string') {
    const d = e as AppErrorData;
    return { code: d.code, message: d.message };
  }
  if (e instanceof Error && e.name === 'AbortError') return { code: 'aborted', message: 'Cancelled.' };
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}
