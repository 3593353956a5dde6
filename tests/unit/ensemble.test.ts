/** models/train/ensemble.ts: the config reaches every member's trainer whole (no option dropped on the way). */
import { describe, expect, it } from 'vitest';
import { memberOptions, trainEnsemble, type EnsembleConfig } from '../../models/train/ensemble.ts';
import { cloneMlp, initMlp, trainMlp, type Mlp } from '../../models/train/sparse-mlp.ts';
import { SHIPPED_PRICE_CONFIG } from '../../models/train/price-model.ts';
import { SHIPPED_CATEGORY_CONFIG } from '../../models/train/category-model.ts';
import { categoryFeatures } from '../../src/core/text-features.ts';

const DIM = 256;
const titles = ['red dress', 'blue jeans', 'iphone 8', 'galaxy s7', 'nike shoes', 'adidas trainers'];
const xs = titles.map((t) => categoryFeatures(t, DIM));
const y = [0, 0, 1, 1, 2, 2];
const init = (seed: number) => initMlp({ dim: DIM, hidden: 4, outputs: 3 }, seed);
const base: EnsembleConfig = { members: 2, seed: 5, hidden: 4, epochs: 3, lr: 0.02, batch: 2 };

/** The ensemble with each member's last epoch kept (score rises every epoch). */
const last = (cfg: EnsembleConfig) => trainEnsemble(xs, y, 'classification', cfg, { init, onEpoch: (_m, ep, _l, model) => ({ score: ep, model }) });

describe('trainEnsemble options', () => {
  it('memberOptions keeps every trainer key and only those', () => {
    const cfg = { ...SHIPPED_PRICE_CONFIG, lrDecay: 0.5, l2: 1e-3 };
    expect(memberOptions(cfg)).toEqual({ hidden: cfg.hidden, epochs: cfg.epochs, lr: cfg.lr, batch: cfg.batch, lrDecay: 0.5, l2: 1e-3 });
    expect(memberOptions(SHIPPED_CATEGORY_CONFIG)).toEqual({
      hidden: SHIPPED_CATEGORY_CONFIG.hidden,
      epochs: SHIPPED_CATEGORY_CONFIG.epochs,
      lr: SHIPPED_CATEGORY_CONFIG.lr,
      batch: SHIPPED_CATEGORY_CONFIG.batch,
    });
  });

  it('member i is trainMlp with seed + 1000·i and the config as given', () => {
    const { members } = last(base);
    for (const [i, m] of members.entries()) {
      const seed = base.seed + 1000 * i;
      const direct: Mlp = init(seed);
      trainMlp(direct, xs, y, { task: 'classification', hidden: 4, epochs: 3, lr: 0.02, batch: 2, seed });
      expect(Array.from(m.w2)).toEqual(Array.from(direct.w2));
    }
  });

  it('lrDecay and l2 reach the members (each changes the trained weights)', () => {
    const plain = last(base).members[0];
    for (const extra of [{ lrDecay: 0.3 }, { l2: 0.05 }]) {
      const m = last({ ...base, ...extra }).members[0];
      expect(Array.from(m.w1)).not.toEqual(Array.from(plain.w1));
    }
  });

  it('keeps each member at its best-scoring epoch', () => {
    const seen: Mlp[] = [];
    const { members } = trainEnsemble(
      xs,
      y,
      'classification',
      { ...base, members: 1 },
      {
        init,
        onEpoch: (_m, ep, _l, model) => {
          seen.push(cloneMlp(model));
          return { score: ep === 1 ? 1 : 0, model };
        },
      },
    );
    expect(Array.from(members[0].w2)).toEqual(Array.from(seen[1].w2));
  });
});
