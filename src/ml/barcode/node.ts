/** Node entry point of the barcode engine: decoders with zxing's wasm read from node_modules. */
import { CascadeDecoder, type CascadeConfig } from './cascade.ts';
import { QuaggaEngine } from './quagga-engine.ts';
import { ZxingEngine } from './zxing-engine.ts';
import { setupZxingForNode } from './node-setup.ts';
import { HYBRID, LIVE, QUAGGA_ONLY, ZXING_ONLY, EXHAUSTIVE } from './configs.ts';
import type { BarcodeDecoder } from './types.ts';

export const DECODER_CONFIGS: Record<string, CascadeConfig> = { hybrid: HYBRID, zxing: ZXING_ONLY, quagga: QUAGGA_ONLY, live: LIVE, exhaustive: EXHAUSTIVE };

export async function createNodeDecoder(config: CascadeConfig | keyof typeof DECODER_CONFIGS = 'hybrid'): Promise<BarcodeDecoder> {
  const cfg = typeof config === 'string' ? DECODER_CONFIGS[config] : config;
  if (!cfg) throw new Error(`Unknown decoder "${String(config)}"; use ${Object.keys(DECODER_CONFIGS).join(', ')}.`);
  const needsZxing = cfg.stages.some((s) => s.engine === 'zxing');
  if (needsZxing) await setupZxingForNode();
  return new CascadeDecoder({ zxing: needsZxing ? new ZxingEngine() : undefined, quagga: new QuaggaEngine() }, cfg);
}
