/**
 * The wasm thread count of this realm (the inference worker), fixed once, before any runtime initialises: the first
 * call wins (tfjs-wasm and ORT read it only at init). The runtimes' own modules (tfjs-browser.ts, ort-browser.ts)
 * apply it when they are first imported. No ML runtime imported here.
 */
import { chooseThreads, type ThreadsPreference } from './backend-chooser.ts';
import { detectThreadSupport } from './capabilities.ts';

let fixed: number | null = null;

export function useThreads(preference: ThreadsPreference = 'auto'): number {
  fixed ??= chooseThreads(detectThreadSupport(), preference);
  return fixed;
}
