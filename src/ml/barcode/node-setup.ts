/** Node-only: loads zxing-wasm's reader .wasm from node_modules (never from the network). */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { AppError } from '../../core/errors.ts';
import { configureZxing } from './zxing-engine.ts';

let loaded: Promise<unknown> | null = null;

export function zxingWasmPath(): string {
  return createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
}

/** Idempotent: reads the wasm once and hands the bytes to zxing-wasm. */
export function setupZxingForNode(): Promise<unknown> {
  loaded ??= (async () => {
    let bytes: Buffer;
    try {
      bytes = await readFile(zxingWasmPath());
    } catch (e) {
      loaded = null;
      throw new AppError('model-missing', `zxing_reader.wasm was not found in node_modules (run npm install): ${e instanceof Error ? e.message : String(e)}`);
    }
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    return configureZxing({ wasmBinary });
  })();
  return loaded;
}
