/**
 * Cascade configurations: which stages run in which order, and when a single read is trusted.
 * "exhaustive" lists every stage we measured (benchmarks only); the product uses "hybrid".
 * Stage order and the keep/drop choices come from tests/bench/eval-barcodes.ts (see results/barcodes.json).
 */
import type { CascadeConfig, Stage } from './cascade.ts';

const z = (variant: Stage['variant'], options?: Record<string, unknown>, tag = ''): Stage => ({
  name: `zxing:${variant}${tag}`,
  engine: 'zxing',
  variant,
  options,
});
const q = (variant: Stage['variant'], options?: Record<string, unknown>, tag = ''): Stage => ({
  name: `quagga:${variant}${tag}`,
  engine: 'quagga',
  variant,
  options,
});

/** Every stage we know, for measurement. */
export const ALL_STAGES: Stage[] = [
  z('plain'),
  q('plain'),
  z('up2'),
  z('stretch'),
  z('sharpen'),
  z('binarize'),
  z('gamma2'),
  z('gamma05'),
  z('blur'),
  z('down640'),
  z('rotL15'),
  z('rotR15'),
  z('rotL30'),
  z('rotR30'),
  z('plain', { binarizer: 'GlobalHistogram' }, ':global'),
  z('up2', { binarizer: 'GlobalHistogram' }, ':global'),
  z('plain', { tryDenoise: true }, ':denoise'),
  q('plain', { patchSize: 'small' }, ':small'),
  q('plain', { patchSize: 'large' }, ':large'),
  q('plain', { halfSample: false }, ':full'),
  q('plain', { size: 640 }, ':640'),
  q('plain', { size: 1280 }, ':1280'),
  q('sharpen'),
  q('stretch'),
  q('binarize'),
  q('blur'),
  q('gamma2'),
  q('rot90'),
];

/** zxing-wasm alone, as the library is normally used: one call, default options, retail formats only. */
export const ZXING_ONLY: CascadeConfig = {
  name: 'zxing',
  stages: [z('plain')],
  budgetMs: 1000,
  acceptSingle: () => true,
  acceptUnconfirmedAtEnd: () => true,
};

/** quagga2 alone, as decodeSingle runs it (size 800, medium patches, half-sampled locator). */
export const QUAGGA_ONLY: CascadeConfig = {
  name: 'quagga',
  stages: [q('plain')],
  budgetMs: 1000,
  acceptSingle: () => true,
  acceptUnconfirmedAtEnd: () => true,
};

export const EXHAUSTIVE: CascadeConfig = {
  name: 'exhaustive',
  stages: ALL_STAGES,
  budgetMs: 60_000,
  acceptSingle: () => true,
  acceptUnconfirmedAtEnd: () => true,
};

/** Placeholder until measured: zxing first, quagga on its misses. */
export const HYBRID: CascadeConfig = {
  name: 'hybrid',
  stages: [z('plain'), q('plain')],
  budgetMs: 400,
  acceptSingle: () => true,
  acceptUnconfirmedAtEnd: () => true,
};
