/**
 * The still-photo cascade: image variants × engines, cheapest first, stop at the first verified read,
 * within a time budget. Only codes with a valid check digit are ever considered.
 */
import type { RgbaImage } from '../../core/types.ts';
import { AppError } from '../../core/errors.ts';
import { describeGtin, isAcceptableRead } from '../../core/gtin.ts';
import { toGray } from './image-ops.ts';
import { VARIANTS, type VariantName } from './variants.ts';
import type { BarcodeDecoder, BarcodeEngine, DecodeOptions, DecodeResult, DecodedCode, GrayImage, RawRead, StageReport } from './types.ts';

export interface Stage {
  /** "engine:variant[:setting]", reported in confirmed_by. */
  name: string;
  engine: 'zxing' | 'quagga';
  variant: VariantName;
  options?: Record<string, unknown>;
}

/** When one stage's read may be accepted without a second, agreeing stage. */
export type SingleReadRule = (read: RawRead, stage: Stage) => boolean;

export interface CascadeConfig {
  name: string;
  stages: Stage[];
  /** Default time budget in ms. */
  budgetMs: number;
  acceptSingle: SingleReadRule;
  /**
   * Whether an unconfirmed read that fails acceptSingle may still be returned when the cascade ends
   * (budget or stages exhausted) with nothing better. false = never (zero-misread mode).
   */
  acceptUnconfirmedAtEnd: SingleReadRule;
}

interface Candidate {
  text: string;
  format: RawRead['format'];
  gtin13: string;
  stages: Stage[];
  best: RawRead;
  order: number;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class CascadeDecoder implements BarcodeDecoder {
  readonly name: string;

  constructor(
    private readonly engines: { zxing?: BarcodeEngine; quagga?: BarcodeEngine },
    private readonly config: CascadeConfig,
  ) {
    this.name = config.name;
    for (const s of config.stages) {
      if (!engines[s.engine]) throw new AppError('internal', `Cascade stage ${s.name} needs the ${s.engine} engine.`);
    }
  }

  async decode(image: RgbaImage, options: DecodeOptions = {}): Promise<DecodeResult> {
    const t0 = now();
    const budget = options.budgetMs ?? this.config.budgetMs;
    const base = toGray(image);
    const variants = new Map<VariantName, GrayImage | null>();
    const variant = (v: VariantName) => {
      if (!variants.has(v)) variants.set(v, VARIANTS[v](base));
      return variants.get(v)!;
    };
    const candidates = new Map<string, Candidate>();
    const reports: StageReport[] = [];
    const accepted = new Set<string>();
    let order = 0;

    for (const stage of this.config.stages) {
      if (options.signal?.aborted) throw new AppError('aborted', 'Cancelled.');
      if (!options.exhaustive && now() - t0 > budget) break;
      const img = variant(stage.variant);
      if (!img) continue;
      const ts = now();
      let reads: RawRead[] = [];
      try {
        reads = await this.engines[stage.engine]!.read(img, stage.options);
      } catch (e) {
        if (e instanceof AppError && e.code !== 'internal') throw e;
        reads = []; // an engine failing on one variant is a miss, not a failure of the whole decode
      }
      reads = reads.filter((r) => isAcceptableRead(r.text, r.format));
      reports.push({ stage: stage.name, ms: now() - ts, reads });
      for (const r of reads) {
        const gtin13 = describeGtin(r.text, r.format).gtin13!;
        let c = candidates.get(gtin13);
        if (!c) candidates.set(gtin13, (c = { text: r.text, format: r.format, gtin13, stages: [], best: r, order: order++ }));
        if (!c.stages.includes(stage)) c.stages.push(stage);
        if (r.quality > c.best.quality) c.best = r;
        if (c.stages.length >= 2 || this.config.acceptSingle(r, stage)) accepted.add(gtin13);
      }
      if (accepted.size > 0 && !options.exhaustive) break;
    }

    if (accepted.size === 0) {
      for (const c of candidates.values()) {
        if (c.stages.some((s) => this.config.acceptUnconfirmedAtEnd(c.best, s))) accepted.add(c.gtin13);
      }
    }
    const codes: DecodedCode[] = [...candidates.values()]
      .filter((c) => accepted.has(c.gtin13))
      .sort((a, b) => b.stages.length - a.stages.length || a.order - b.order)
      .map((c) => ({ text: c.text, format: c.format, gtin13: c.gtin13, confirmed_by: c.stages.map((s) => s.name).join('+') }));
    return { codes, ms: now() - t0, stages: reports };
  }
}
