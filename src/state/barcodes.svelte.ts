/** Barcode reading as the UI sees it: photos and live frames go to the barcode worker; reads become prefills. */
import { AppError } from '../core/errors.ts';
import { barcodePrefill, type BarcodePrefill } from '../core/catalog.ts';
import type { DecodedCode } from '../ml/barcode/types.ts';
import { WorkerBridge, type WithoutId } from '../workers/bridge.ts';
import type { BarcodeRequest, BarcodeResponse, WorkerImage } from '../workers/barcode-protocol.ts';
import type { Catalog } from './catalog.svelte.ts';

export class Barcodes {
  /** The last code read (or typed) and what it prefilled. */
  last = $state.raw<(BarcodePrefill & { read?: DecodedCode; ms?: number }) | null>(null);
  /** All codes of the last read, when a frame held more than one. */
  others = $state.raw<DecodedCode[]>([]);
  busy = $state(false);
  private bridge = new WorkerBridge<BarcodeRequest, BarcodeResponse>(
    () => new Worker(new URL('../workers/barcode.worker.ts', import.meta.url), { type: 'module', name: 'barcode' }),
  );

  constructor(private readonly catalog: Catalog) {}

  private async call(req: WithoutId<BarcodeRequest>, transfer?: Transferable[]): Promise<{ codes: DecodedCode[]; ms: number }> {
    const res = await this.bridge.call(req, { transfer });
    if (res.type === 'error') throw new AppError(res.error.code, res.error.message);
    if (res.type !== 'result') throw new AppError('internal', `Unexpected reply ${res.type}`);
    return res;
  }

  /** A photo (of the item or of just its barcode): the full still-photo cascade. */
  async fromPhoto(blob: Blob): Promise<DecodedCode[]> {
    this.busy = true;
    try {
      const r = await this.call({ type: 'decode-blob', blob });
      if (r.codes.length) await this.accept(r.codes, r.ms);
      return r.codes;
    } finally {
      this.busy = false;
    }
  }

  /** One live frame; resolves with the confirmed codes (confirmation spans frames, inside the worker). */
  async liveFrame(image: WorkerImage): Promise<DecodedCode[]> {
    const r = await this.call({ type: 'decode', image, mode: 'live', budgetMs: 60 }, [image.data.buffer]);
    if (r.codes.length) await this.accept(r.codes, r.ms);
    return r.codes;
  }

  async resetLive(): Promise<void> {
    await this.bridge.call({ type: 'reset' });
  }

  /** A code typed by hand (e.g. from under a damaged barcode). */
  async fromTyped(text: string): Promise<void> {
    const p = barcodePrefill(text, null);
    this.last = p.code.valid ? await this.prefill(text) : p;
    this.others = [];
  }

  private async prefill(text: string, read?: DecodedCode, ms?: number) {
    const code = barcodePrefill(text, null, read?.format);
    const entry = code.code.gtin13 ? await this.catalog.lookup(code.code.gtin13) : undefined;
    return { ...barcodePrefill(text, entry ?? null, read?.format), read, ms };
  }

  /** The central/largest code comes first from the decoder; the others are reported too. */
  private async accept(codes: DecodedCode[], ms: number): Promise<void> {
    this.last = await this.prefill(codes[0].text, codes[0], ms);
    this.others = codes.slice(1);
  }
}
