/**
 * quagga2's browser build is a UMD bundle that passes `window` as its root object, which does not exist in a
 * worker. Imported first by barcode.worker.ts so that it runs before quagga2's module body.
 */
const g = globalThis as unknown as { window?: unknown };
g.window ??= globalThis;
export {};
