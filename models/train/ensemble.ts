/**
 * The one training loop for ensemble members (price and category models): member i is initialised and shuffled
 * with seed + 1000·i, trained for the configured epochs, and its best validation epoch is kept.
 */
import { cloneMlp, trainMlp, type Mlp, type Task } from './sparse-mlp.ts';
import type { SparseVec } from '../../src/core/text-features.ts';

export interface EnsembleOptions {
  task: Task;
  members: number;
  seed: number;
  hidden: number;
  epochs: number;
  lr: number;
  batch: number;
  /** A fresh member for this seed. */
  init: (seed: number) => Mlp;
  /**
   * After each epoch of member `member`: the validation score (higher is better) and the model it scored
   * (e.g. with an adjusted bias); the best-scoring epoch is the member's result.
   */
  onEpoch: (member: number, epoch: number, trainLoss: number, model: Mlp) => { score: number; model: Mlp };
  progress?: (fraction: number) => void;
}

export function trainEnsemble(xs: SparseVec[], y: ArrayLike<number>, o: EnsembleOptions): { members: Mlp[]; losses: number[] } {
  const members: Mlp[] = [];
  const losses: number[] = [];
  for (let mi = 0; mi < o.members; mi++) {
    const seed = o.seed + 1000 * mi;
    const model = o.init(seed);
    let best = { score: -Infinity, model: cloneMlp(model) };
    const memberLosses = trainMlp(model, xs, y, {
      task: o.task,
      hidden: o.hidden,
      epochs: o.epochs,
      lr: o.lr,
      batch: o.batch,
      seed,
      onProgress: o.progress && ((f) => o.progress!((mi + f) / o.members)),
      onEpoch: (ep, loss, m) => {
        const v = o.onEpoch(mi, ep, loss, m);
        if (v.score > best.score) best = { score: v.score, model: cloneMlp(v.model) };
      },
    });
    losses.push(...memberLosses);
    members.push(best.model);
  }
  return { members, losses };
}
