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

export interface AcceptancePolicy {
  /** A read this rule accepts needs no confirmation (e.g. zxing agreeing on many scan lines). */
  single: SingleReadRule;
  /** Distinct image variants that must agree on a code otherwise (0 = never confirm by agreement). */
  agree: number;
  /** EAN-8 / UPC-E reads may only be accepted by `single`, never by agreement (short codes misread more). */
  shortNeedsSingle: boolean;
  /** Drop EAN-8 / UPC-E codes when an EAN-13 / UPC-A is accepted in the same image (add-on / partial reads). */
  dropShortWithLong: boolean;
}

export interface CascadeConfig {
  name: string;
  stages: Stage[];
  /** Default time budget in ms. */
  budgetMs: number;
  policy: AcceptancePolicy;
}

const isShort = (f: RawRead['format']) => f === 'ean_8' || f === 'upc_e';
/** What counts as an independent look: zxing options on one variant are not, quagga's locator settings are. */
const agreementKey = (s: Stage) => (s.engine === 'zxing' ? `zxing:${s.variant}` : s.name);

interface Candidate {
  text: string;
  format: RawRead['format'];
  gtin13: string;
  stages: Stage[];
  keys: Set<string>;
  best: RawRead;
  order: number;
  /** Distance of the symbol's centre from the image centre (0 = centre, ~0.7 = corner), when known. */
  offCentre: number;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Resolves in a new task (a MessageChannel round trip: no timer clamping). The engines' reads settle without giving
 * the worker's message loop a turn, so without this a cancel message would wait for the whole cascade.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      port2.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

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
    const policy = this.config.policy;
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
      if (options.signal) await nextTask(); // lets a worker take in its "cancel" message between stages
      if (options.signal?.aborted) throw new AppError('aborted', 'Cancelled.');
      if (!options.exhaustive && now() - t0 > budget) break;
      const img = variant(stage.variant);
      if (!img) continue;
      const ts = now();
      let reads: RawRead[];
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
        if (!c) candidates.set(gtin13, (c = { text: r.text, format: r.format, gtin13, stages: [], keys: new Set(), best: r, order: order++, offCentre: 1 }));
        if (r.centre && !stage.variant.startsWith('rot')) {
          c.offCentre = Math.min(c.offCentre, Math.hypot(r.centre.x / img.width - 0.5, r.centre.y / img.height - 0.5));
        }
        if (!c.stages.includes(stage)) c.stages.push(stage);
        c.keys.add(agreementKey(stage));
        if (r.quality > c.best.quality) c.best = r;
        const agreed = policy.agree > 0 && c.keys.size >= policy.agree && !(policy.shortNeedsSingle && isShort(r.format));
        if (agreed || policy.single(r, stage)) accepted.add(gtin13);
      }
      if (accepted.size > 0 && !options.exhaustive) break;
    }

    if (policy.dropShortWithLong && [...accepted].some((g) => !isShort(candidates.get(g)!.format))) {
      for (const g of [...accepted]) if (isShort(candidates.get(g)!.format)) accepted.delete(g);
    }
    const codes: DecodedCode[] = [...candidates.values()]
      .filter((c) => accepted.has(c.gtin13))
      // two codes in one frame: the central one first (the user aimed at it), then the better-confirmed one
      .sort((a, b) => a.offCentre - b.offCentre || b.stages.length - a.stages.length || a.order - b.order)
      .map((c) => ({ text: c.text, format: c.format, gtin13: c.gtin13, confirmed_by: c.stages.map((s) => s.name).join('+') }));
    return { codes, ms: now() - t0, stages: reports };
  }
}
