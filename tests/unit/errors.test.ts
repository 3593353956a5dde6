/** toErrorData maps platform errors to our codes; ERROR_CODES is exactly the set of codes the sources emit. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, isErrorCode, toErrorData, unknownMessageError } from '../../src/core/errors.ts';
import { StorageFullError } from '../../src/core/draft.ts';

const dom = (name: string, message = `${name} happened`) => new DOMException(message, name);

describe('toErrorData', () => {
  it('an AbortError DOMException (numeric code 20) is aborted, not {code: 20}', () => {
    const e = dom('AbortError');
    expect(e.code).toBe(20);
    expect(toErrorData(e)).toEqual({ code: 'aborted', message: 'Cancelled.' });
    const ac = new AbortController();
    ac.abort();
    expect(toErrorData(ac.signal.reason)).toEqual({ code: 'aborted', message: 'Cancelled.' });
    const plain = new Error('stop');
    plain.name = 'AbortError';
    expect(toErrorData(plain).code).toBe('aborted');
  });

  it.each([
    ['QuotaExceededError', 'storage-full'],
    ['NotAllowedError', 'camera-denied'],
    ['NotFoundError', 'camera-unavailable'],
    ['OverconstrainedError', 'camera-unavailable'],
    ['NotReadableError', 'camera-unavailable'],
    ['TimeoutError', 'timeout'],
  ])('DOMException %s → %s, message kept', (name, code) => {
    expect(toErrorData(dom(name, 'the platform said so'))).toEqual({ code, message: 'the platform said so' });
  });

  it('AbortSignal.timeout() reason → timeout', async () => {
    const s = AbortSignal.timeout(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(toErrorData(s.reason).code).toBe('timeout');
  });

  it('Node file errors (string code) → file-unreadable, keeping the path in the message', async () => {
    const missing = '/no/such/dir/photo.jpg';
    const e = await open(missing).catch((x: unknown) => x);
    expect(toErrorData(e)).toEqual({ code: 'file-unreadable', message: expect.stringContaining(missing) });
    const dir = await open('/', 'r').then(async (h) => {
      try {
        await h.readFile();
        return null;
      } catch (x) {
        return x;
      } finally {
        await h.close();
      }
    });
    expect(toErrorData(dir)).toMatchObject({ code: 'file-unreadable' });
    for (const code of ['EACCES', 'EISDIR'])
      expect(toErrorData(Object.assign(new Error(`${code}: /x/y.png`), { code }))).toEqual({ code: 'file-unreadable', message: `${code}: /x/y.png` });
  });

  it('AppErrors and {code, message} with one of our codes pass through; other codes become internal', () => {
    expect(toErrorData(new AppError('model-missing', 'gone'))).toEqual({ code: 'model-missing', message: 'gone' });
    expect(toErrorData({ code: 'corrupt-image', message: 'bad' })).toEqual({ code: 'corrupt-image', message: 'bad' });
    expect(toErrorData({ code: 'ERR_WEIRD', message: 'odd' })).toEqual({ code: 'internal', message: 'odd' });
    expect(toErrorData({ code: 42, message: 'numeric' })).toEqual({ code: 'internal', message: 'numeric' });
    expect(toErrorData(new TypeError('x is undefined'))).toEqual({ code: 'internal', message: 'x is undefined' });
    expect(toErrorData('just a string')).toEqual({ code: 'internal', message: 'just a string' });
    expect(toErrorData(null)).toEqual({ code: 'internal', message: 'null' });
    expect(toErrorData(new StorageFullError())).toMatchObject({ code: 'storage-full', message: expect.stringMatching(/Storage is full/) });
  });

  it('every result code is a declared ErrorCode', () => {
    const samples: unknown[] = [
      dom('AbortError'),
      dom('SyntaxError'),
      { code: 20, message: 'x' },
      Object.assign(new Error('e'), { code: 'ENOENT' }),
      7,
      undefined,
    ];
    for (const s of samples) expect(isErrorCode(toErrorData(s).code)).toBe(true);
    expect(unknownMessageError('photo worker', 'frobnicate')).toMatchObject({ code: 'worker-unknown-message', message: expect.stringContaining('frobnicate') });
  });
});

/** Every .ts / .svelte file under src/. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|svelte)$/.test(n) ? [p] : [];
  });
}

/**
 * Codes emitted in error contexts: new AppError('x', …), super('x', …) in an AppError subclass, and a `code` key or
 * parameter given a literal or a union of literals ({code: 'x', message}, `code: 'a' | 'b' = 'a'`). Comparisons such as
 * `e.code === 'ENOENT'` are reads of foreign codes, not emissions.
 */
function emittedCodes(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\bAppError\(\s*'([^']+)'/g)) out.push(m[1]);
  if (/extends AppError\b/.test(text)) for (const m of text.matchAll(/\bsuper\(\s*'([^']+)'/g)) out.push(m[1]);
  for (const m of text.matchAll(/\bcode\??:\s*('[^']+'(?:\s*\|\s*'[^']+')*)/g)) {
    for (const lit of m[1].matchAll(/'([^']+)'/g)) out.push(lit[1]);
  }
  return out;
}

describe('ERROR_CODES matches the sources', () => {
  const root = join(import.meta.dirname, '../../src');
  const uses = new Map<string, string[]>();
  for (const file of sources(root)) {
    for (const code of emittedCodes(readFileSync(file, 'utf8'))) uses.set(code, [...(uses.get(code) ?? []), relative(root, file)]);
  }

  it('the scanner sees the known emitters (so the check below can fail)', () => {
    expect(uses.get('bad-input')).toContain('cli/price.ts');
    expect(uses.get('corrupt-image')).toContain('core/image-sniff.ts');
    expect(emittedCodes(`throw new AppError('zzz', 'm'); x = { code: 'yyy' as const, message: 'm' }`)).toEqual(['zzz', 'yyy']);
    expect(emittedCodes(`function crash(code: 'a-b' | 'c' = 'a-b') {}`)).toEqual(['a-b', 'c']);
    expect(emittedCodes(`if (e.code === 'ENOENT') return; const n = e.code ?? 'x';`)).toEqual([]);
  });

  it('no code is used that is not declared', () => {
    const undeclared = [...uses.keys()].filter((c) => !isErrorCode(c));
    expect(undeclared.map((c) => `${c} (${uses.get(c)!.join(', ')})`)).toEqual([]);
  });

  it('no declared code is unused', () => {
    expect(ERROR_CODES.filter((c) => !uses.has(c))).toEqual([]);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
