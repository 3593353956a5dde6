/**
 * Live-camera acceptance: a code is accepted when one frame reads it cleanly (the decoder's single-read rule)
 * or when the same EAN-13 / UPC-A is read in `need` of the last `window` frames (quagga2 maintainers' advice).
 */
import { describeGtin, isAcceptableRead } from '../../core/gtin.ts';
import type { DecodeResult, DecodedCode } from './types.ts';

export class LiveConfirmer {
  private frame = 0;
  private seen = new Map<string, { frames: number[]; code: DecodedCode }>();

  constructor(
    private readonly need = 2,
    private readonly window = 5,
  ) {}

  reset(): void {
    this.frame = 0;
    this.seen.clear();
  }

  /** Feed one frame's result (decoded with stage reports); returns the codes confirmed so far in this frame. */
  push(r: DecodeResult): DecodedCode[] {
    const f = this.frame++;
    const out = new Map<string, DecodedCode>();
    for (const c of r.codes) out.set(c.gtin13, c);
    for (const s of r.stages ?? []) {
      for (const read of s.reads) {
        // short codes (EAN-8 / UPC-E) only via the decoder's clean single-read rule: near-identical frames
        // repeat the same partial read of an EAN-13's add-on, so agreement between frames proves little
        if (read.format === 'ean_8' || read.format === 'upc_e' || !isAcceptableRead(read.text, read.format)) continue;
        const gtin13 = describeGtin(read.text, read.format).gtin13!;
        let e = this.seen.get(gtin13);
        if (!e) this.seen.set(gtin13, (e = { frames: [], code: { text: read.text, format: read.format, gtin13, confirmed_by: s.stage } }));
        if (e.frames[e.frames.length - 1] !== f) e.frames.push(f);
        e.frames = e.frames.filter((x) => x > f - this.window);
        if (e.frames.length >= this.need && !out.has(gtin13)) {
          out.set(gtin13, { ...e.code, confirmed_by: `${e.code.confirmed_by}+${this.need}-frames` });
        }
      }
    }
    for (const [k, e] of this.seen) if (e.frames.every((x) => x <= f - this.window)) this.seen.delete(k);
    return [...out.values()];
  }
}
