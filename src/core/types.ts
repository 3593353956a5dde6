/** Shared, DOM-free types used by the browser, workers and the Node CLI. */

/** Why a photo is not something to sell. */
export type NotProductReason = 'animal' | 'food' | 'scene' | 'person' | 'plant' | 'vehicle';

export interface LabelScore {
  /** ImageNet-1k class index 0..999 (tench = 0). */
  index: number;
  label: string;
  score: number;
}

export interface CategoryScore {
  /** Path from the top level down, e.g. ["Fashion", "Shoes", "Sneakers"]. */
  path: string[];
  score: number;
}

/** What the photo path proposes for a listing. */
export interface PhotoSuggestion {
  product: boolean;
  /** Set when product is false. */
  reason?: NotProductReason;
  title: string;
  category: CategoryScore;
  alternatives: CategoryScore[];
  labels: LabelScore[];
  /** Who wears it, for clothing (our photo head); absent when unknown. */
  department?: NamedScore | null;
  /** The item's main colour, one of the named colours; absent when unknown. */
  colour?: NamedScore | null;
}

export interface NamedScore {
  name: string;
  score: number;
}

/** Pixels in RGBA order, row-major, as ImageData and sharp's raw output give them. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

export type Layout = 'NHWC' | 'NCHW';

/** How a model wants its input tensor; read from models/manifest.json, never hard-coded per engine. */
export interface InputSpec {
  size: number;
  layout: Layout;
  /** value = (pixel / 255 - mean[c]) / std[c] */
  mean: [number, number, number];
  std: [number, number, number];
  /** Fraction of the short side kept by the centre crop (1 = whole image squeezed to a square). */
  crop: number;
}

export interface StageTimes {
  decode: number;
  preprocess: number;
  infer: number;
  /** Our photo head's part of `infer` (ms; 0 when no head ran). */
  head?: number;
  total: number;
}
