/** Named image variants the cascade can ask for; each returns null when it does not apply to this image. */
import { binarizeLocal, fitLongSide, gamma, rotate90s, rotateSmall, sharpen, stretchContrast, boxBlur } from './image-ops.ts';
import type { GrayImage } from './types.ts';

const long = (g: GrayImage) => Math.max(g.width, g.height);
/** Working size: big photos are shrunk to a 1280 px long side first (1D codes fill a good part of a photo). */
const work = (g: GrayImage) => (long(g) > 1280 ? fitLongSide(g, 1280) : g);
/** Small images (zxing's 240×240 phone crops) are enlarged so bars are ≥ 2 px wide. */
const up = (g: GrayImage, side: number) => (long(g) < side ? fitLongSide(g, side) : null);

export const VARIANTS = {
  plain: (g: GrayImage) => work(g),
  up2: (g: GrayImage) => up(g, Math.min(960, long(g) * 2)),
  up800: (g: GrayImage) => up(g, 800),
  down640: (g: GrayImage) => (long(g) > 800 ? fitLongSide(g, 640) : null),
  stretch: (g: GrayImage) => stretchContrast(work(g), 0.02),
  sharpen: (g: GrayImage) => sharpen(up(g, 720) ?? work(g), 1, 1.5),
  binarize: (g: GrayImage) => binarizeLocal(up(g, 720) ?? work(g), 1 / 10, 0.05),
  gamma2: (g: GrayImage) => gamma(work(g), 2),
  gamma05: (g: GrayImage) => gamma(work(g), 0.5),
  blur: (g: GrayImage) => boxBlur(up(g, 720) ?? work(g), 1),
  rotL15: (g: GrayImage) => rotateSmall(work(g), -15),
  rotR15: (g: GrayImage) => rotateSmall(work(g), 15),
  rotL30: (g: GrayImage) => rotateSmall(work(g), -30),
  rotR30: (g: GrayImage) => rotateSmall(work(g), 30),
  rot90: (g: GrayImage) => rotate90s(work(g), 1),
  rotL8: (g: GrayImage) => rotateSmall(work(g), -8),
  rotR8: (g: GrayImage) => rotateSmall(work(g), 8),
  sharpbin: (g: GrayImage) => binarizeLocal(sharpen(up(g, 720) ?? work(g), 1, 1.5), 1 / 10, 0.05),
  bin20: (g: GrayImage) => binarizeLocal(up(g, 720) ?? work(g), 1 / 20, 0.03),
  gamma3: (g: GrayImage) => gamma(work(g), 3),
  stretch10: (g: GrayImage) => stretchContrast(work(g), 0.1),
  sharpen2: (g: GrayImage) => sharpen(up(g, 720) ?? work(g), 2, 2),
  rot180: (g: GrayImage) => rotate90s(work(g), 2),
} satisfies Record<string, (g: GrayImage) => GrayImage | null>;

export type VariantName = keyof typeof VARIANTS;
