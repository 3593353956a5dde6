/**
 * The one training loop for ensemble members (price and category models): member i is initialised and shuffled
 * with seed + 1000·i, trained for the configured epochs, and its best validation epoch is kept.
 *
 * The trainer's options travel as one typed object: an `EnsembleConfig` is a `TrainOptions` (less what the loop
 * sets per member) plus `members`, and `memberOptions` copies every trainer key of it, checked at compile time, so an
 * option added to `TrainOptions` reaches every member or fails to typecheck here; it is never dropped silently.
 */
import { cloneMlp, trainMlp, type Mlp, type Task, type TrainOptions } from './sparse-mlp.ts';
import type { SparseVec } from '../../src/core/text-features.ts';

/** What the price / category configs give every member's trainMlp (the loop sets task, per-member seed and the callbacks). */
export type MemberOptions = Omit<TrainOptions, 'task' | 'seed' | 'onEpoch' | 'onProgress'>;

export interface EnsembleConfig extends MemberOptions {
  /** Members of the averaged ensemble (each `hidden` wide); member i trains with seed + 1000·i. */
  members: number;
  seed: number;
}

/** Every key of MemberOptions; the type below fails to compile if one is missing (or is not an option). */
const MEMBER_KEYS = ['hidden', 'epochs', 'lr', 'batch', 'lrDecay', 'l2'] as const satisfies readonly (keyof MemberOptions)[];
const allKeysListed: Exclude<keyof MemberOptions, (typeof MEMBER_KEYS)[number]> extends never ? true : never = true;
void allKeysListed;

/** The trainer's options out of a (wider) config: only TrainOptions keys, each one that is set. */
export function memberOptions(cfg: EnsembleConfig): MemberOptions {
  const out: Partial<MemberOptions> = {};
  for (const k of MEMBER_KEYS) if (cfg[k] !== undefined) Object.assign(out, { [k]: cfg[k] });
  return out as MemberOptions;
}

export interface EnsembleHooks {
  /** A fresh member for this seed. */
  init: (seed: number) => Mlp;
  /**
   * After each epoch of member `member`: the validation score (higher is better) and the model it scored
   * (e.g. with an adjusted bias); the best-scoring epoch is the member's result.
   */
  onEpoch: (member: number, epoch: number, trainLoss: number, model: Mlp) => { score: number; model: Mlp };
  progress?: (fraction: number) => void;
}

export function trainEnsemble(
  xs: SparseVec[],
  y: ArrayLike<number>,
  task: Task,
  cfg: EnsembleConfig,
  hooks: EnsembleHooks,
): { members: Mlp[]; losses: number[] } {
  const members: Mlp[] = [];
  const losses: number[] = [];
  const progress = hooks.progress;
  for (let mi = 0; mi < cfg.members; mi++) {
    const seed = cfg.seed + 1000 * mi;
    const model = hooks.init(seed);
    let best = { score: -Infinity, model: cloneMlp(model) };
    const memberLosses = trainMlp(model, xs, y, {
      ...memberOptions(cfg),
      task,
      seed,
      onProgress: progress && ((f) => progress((mi + f) / cfg.members)),
      onEpoch: (ep, loss, m) => {
        const v = hooks.onEpoch(mi, ep, loss, m);
        if (v.score > best.score) best = { score: v.score, model: cloneMlp(v.model) };
      },
    });
    losses.push(...memberLosses);
    members.push(best.model);
  }
  return { members, losses };
}
