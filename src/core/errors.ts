/** Structured errors that cross worker and process boundaries as plain {code, message}. */

/** Every code the app emits (tests/unit/errors.test.ts checks this list against the sources). */
export const ERROR_CODES = [
  'empty-file',
  'not-an-image',
  'corrupt-image',
  'image-too-large',
  'file-unreadable',
  'bad-input',
  'model-missing',
  'model-corrupt',
  'model-load-failed',
  'backend-unavailable',
  'worker-crashed',
  'worker-unknown-message',
  'camera-denied',
  'camera-unavailable',
  'storage-full',
  'timeout',
  'aborted',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const CODE_SET: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(x: unknown): x is ErrorCode {
  return typeof x === 'string' && CODE_SET.has(x);
}

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

/** Platform error names (DOMException, getUserMedia, AbortSignal.timeout) → our codes. */
function fromPlatformName(name: string, message: string): AppErrorData | null {
  switch (name) {
    case 'QuotaExceededError':
    case 'NS_ERROR_DOM_QUOTA_REACHED':
      return { code: 'storage-full', message };
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      return { code: 'camera-denied', message };
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'NotReadableError':
      return { code: 'camera-unavailable', message };
    case 'TimeoutError':
      return { code: 'timeout', message };
    default:
      return null;
  }
}

/** Node file-system errno codes that mean "this file cannot be read". */
const FILE_ERRNO = new Set(['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EPERM', 'ELOOP', 'ENAMETOOLONG', 'EMFILE']);

function messageOf(e: unknown): string {
  if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string') return (e as { message: string }).message;
  return String(e);
}

/**
 * Any thrown value → {code, message}. Order matters: an AbortError is a DOMException whose numeric `code` is 20, so
 * names are checked before `code`. Unknown errors keep their text but get code 'internal'.
 */
export function toErrorData(e: unknown): AppErrorData {
  if (e instanceof AppError) return { code: e.code, message: e.message };
  if (e === null || typeof e !== 'object') return { code: 'internal', message: String(e) };
  const name = (e as { name?: unknown }).name;
  if (name === 'AbortError') return { code: 'aborted', message: 'Cancelled.' };
  const message = messageOf(e);
  const platform = typeof name === 'string' ? fromPlatformName(name, message) : null;
  if (platform) return platform;
  const code = (e as { code?: unknown }).code;
  if (isErrorCode(code)) return { code, message };
  if (typeof code === 'string' && FILE_ERRNO.has(code)) return { code: 'file-unreadable', message };
  return { code: 'internal', message };
}

/** For workers: a request whose `type` the worker does not know (a stale or mismatched build). */
export function unknownMessageError(worker: string, type: unknown): AppError {
  return new AppError('worker-unknown-message', `The ${worker} received a request it does not understand (${String(type)}). Reload the page.`);
}
