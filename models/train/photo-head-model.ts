/**
 * The photo head: standardised 1280-d MobileNet embedding → (optional ReLU hidden layer) → three softmax heads
 * (category kind, department, colour). Trained with Adam on partial labels: a target is a *set* of classes and the
 * loss is −log Σ_{k∈set} p_k (a home photo labelled "Shoes" is any shoe kind; a home photo of an adult garment is any
 * adult department). Seeded and deterministic. Forward here = what the exported ONNX graph computes.
 */
import { rng } from './sparse-mlp.ts';

export interface HeadSpec {
  name: string;
  classes: number;
}
export interface PhotoHeadModel {
  dim: number;
  hidden: number; // 0 = linear heads on the standardised input
  mean: Float32Array;
  invStd: Float32Array;
  w1: Float32Array; // dim × hidden
  b1: Float32Array;
  heads: { name: string; k: number; w: Float32Array; b: Float32Array; temperature: number }[]; // w: in × k
}

export interface Sample {
  x: Float32Array;
  targets: number[][];
} // targets[h] = allowed classes of head h ([] = none)

export interface TrainOpts {
  epochs: number;
  lr: number;
  l2: number;
  batch: number;
  seed: number;
  hidden: number;
  headWeights?: number[];
  dropout?: number; // on the hidden units while training (inverted: kept units × 1/(1−p))
  smoothing?: number; // label smoothing ε: the target is (1−ε)·the allowed set + ε·uniform
  onEpoch?: (epoch: number, loss: number) => void;
}

export function initModel(dim: number, specs: HeadSpec[], xs: Float32Array[], o: TrainOpts): PhotoHeadModel {
  const mean = new Float32Array(dim);
  const sq = new Float64Array(dim);
  for (const x of xs)
    for (let i = 0; i < dim; i++) {
      mean[i] += x[i] / xs.length;
      sq[i] += (x[i] * x[i]) / xs.length;
    }
  const invStd = new Float32Array(dim);
  for (let i = 0; i < dim; i++) invStd[i] = 1 / Math.sqrt(Math.max(1e-6, sq[i] - mean[i] * mean[i]));
  const r = rng(o.seed);
  const u = (n: number, a: number) => Float32Array.from({ length: n }, () => (r() * 2 - 1) * a);
  const inDim = o.hidden || dim;
  return {
    dim,
    hidden: o.hidden,
    mean,
    invStd,
    w1: u(dim * o.hidden, Math.sqrt(6 / (dim + o.hidden))),
    b1: new Float32Array(o.hidden),
    heads: specs.map((s) => ({
      name: s.name,
      k: s.classes,
      w: u(inDim * s.classes, Math.sqrt(6 / (inDim + s.classes)) * 0.1),
      b: new Float32Array(s.classes),
      temperature: 1,
    })),
  };
}

function standardise(m: PhotoHeadModel, x: Float32Array, out: Float32Array): Float32Array {
  for (let i = 0; i < m.dim; i++) out[i] = (x[i] - m.mean[i]) * m.invStd[i];
  return out;
}

function hiddenOf(m: PhotoHeadModel, z: Float32Array, h: Float32Array): Float32Array {
  const H = m.hidden;
  h.set(m.b1);
  for (let i = 0; i < m.dim; i++) {
    const v = z[i];
    if (v === 0) continue;
    const row = i * H;
    for (let j = 0; j < H; j++) h[j] += v * m.w1[row + j];
  }
  for (let j = 0; j < H; j++) if (h[j] < 0) h[j] = 0;
  return h;
}

function logitsOf(head: PhotoHeadModel['heads'][number], a: Float32Array, out: Float64Array): Float64Array {
  const k = head.k;
  for (let c = 0; c < k; c++) out[c] = head.b[c];
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === 0) continue;
    const row = i * k;
    for (let c = 0; c < k; c++) out[c] += v * head.w[row + c];
  }
  return out;
}

export function softmaxT(z: Float64Array, t = 1): Float64Array {
  let mx = -Infinity;
  for (const v of z) mx = Math.max(mx, v / t);
  const p = new Float64Array(z.length);
  let s = 0;
  for (let i = 0; i < z.length; i++) s += p[i] = Math.exp(z[i] / t - mx);
  for (let i = 0; i < z.length; i++) p[i] /= s;
  return p;
}

/** Raw logits of every head (before temperature). */
export function logits(m: PhotoHeadModel, x: Float32Array): Float64Array[] {
  const z = standardise(m, x, new Float32Array(m.dim));
  const a = m.hidden ? hiddenOf(m, z, new Float32Array(m.hidden)) : z;
  return m.heads.map((h) => logitsOf(h, a, new Float64Array(h.k)));
}

/** Calibrated probabilities of every head: what the ONNX graph outputs. */
export function predict(m: PhotoHeadModel, x: Float32Array): Float64Array[] {
  return logits(m, x).map((z, i) => softmaxT(z, m.heads[i].temperature));
}

class Adam {
  m: Float32Array;
  v: Float32Array;
  t = 0;
  constructor(
    readonly n: number,
    readonly lr: number,
  ) {
    this.m = new Float32Array(n);
    this.v = new Float32Array(n);
  }
  step(p: Float32Array, g: Float32Array, l2: number, scale: number) {
    const b1 = 0.9,
      b2 = 0.999;
    this.t++;
    const a = (this.lr * scale * Math.sqrt(1 - b2 ** this.t)) / (1 - b1 ** this.t);
    for (let i = 0; i < p.length; i++) {
      const gi = g[i] + l2 * p[i];
      this.m[i] = b1 * this.m[i] + (1 - b1) * gi;
      this.v[i] = b2 * this.v[i] + (1 - b2) * gi * gi;
      p[i] -= (a * this.m[i]) / (Math.sqrt(this.v[i]) + 1e-8);
    }
  }
}

/** Partial-label gradient of −log Σ_{k∈S} p_k w.r.t. the logits: p − p·1[S]/P(S). Returns the loss. */
function partialGrad(p: Float64Array, set: number[], g: Float64Array, eps = 0): number {
  let ps = 0;
  for (const k of set) ps += p[k];
  ps = Math.max(ps, 1e-12);
  const u = eps / p.length;
  let lu = 0;
  for (let c = 0; c < p.length; c++) {
    g[c] = p[c] - u;
    if (eps) lu -= u * Math.log(Math.max(p[c], 1e-12));
  }
  for (const k of set) g[k] -= ((1 - eps) * p[k]) / ps;
  return -(1 - eps) * Math.log(ps) + lu;
}

/** Trains in place; returns mean loss per epoch. */
export function train(m: PhotoHeadModel, data: Sample[], o: TrainOpts): number[] {
  const r = rng(o.seed + 1);
  const H = m.hidden,
    D = m.dim;
  const inDim = H || D;
  const gw1 = new Float32Array(m.w1.length),
    gb1 = new Float32Array(m.b1.length);
  const gW = m.heads.map((h) => new Float32Array(h.w.length)),
    gB = m.heads.map((h) => new Float32Array(h.b.length));
  const opt1 = new Adam(m.w1.length, o.lr),
    optb1 = new Adam(m.b1.length, o.lr);
  const optW = m.heads.map((h) => new Adam(h.w.length, o.lr)),
    optB = m.heads.map((h) => new Adam(h.b.length, o.lr));
  const z = new Float32Array(D),
    a = new Float32Array(inDim),
    ga = new Float32Array(inDim);
  const zs = m.heads.map((h) => new Float64Array(h.k)),
    gz = m.heads.map((h) => new Float64Array(h.k));
  const order = data.map((_, i) => i);
  const losses: number[] = [];
  const hw = o.headWeights ?? m.heads.map(() => 1);
  const drop = H ? (o.dropout ?? 0) : 0,
    keep = 1 / (1 - drop);
  for (let ep = 0; ep < o.epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const scale = 0.5 * (1 + Math.cos((Math.PI * ep) / o.epochs)); // cosine decay
    let loss = 0;
    for (let s = 0; s < order.length; s += o.batch) {
      const idx = order.slice(s, s + o.batch);
      gw1.fill(0);
      gb1.fill(0);
      gW.forEach((g) => g.fill(0));
      gB.forEach((g) => g.fill(0));
      for (const n of idx) {
        const { x, targets } = data[n];
        standardise(m, x, z);
        if (H) {
          hiddenOf(m, z, a);
          if (drop) for (let j = 0; j < H; j++) a[j] = r() < drop ? 0 : a[j] * keep;
        } else a.set(z);
        ga.fill(0);
        m.heads.forEach((h, hi) => {
          const set = targets[hi];
          if (!set.length) return;
          const p = softmaxT(logitsOf(h, a, zs[hi]));
          loss += hw[hi] * partialGrad(p, set, gz[hi], o.smoothing ?? 0);
          const g = gz[hi],
            k = h.k,
            W = gW[hi];
          for (let c = 0; c < k; c++) gB[hi][c] += hw[hi] * g[c];
          for (let i2 = 0; i2 < inDim; i2++) {
            const v = a[i2];
            const row = i2 * k;
            if (v !== 0) for (let c = 0; c < k; c++) W[row + c] += hw[hi] * v * g[c];
            if (H && v > 0) {
              let acc = 0;
              for (let c = 0; c < k; c++) acc += h.w[row + c] * g[c];
              ga[i2] += hw[hi] * acc;
            }
          }
        });
        if (H) {
          if (drop) for (let j = 0; j < H; j++) ga[j] *= keep;
          for (let j = 0; j < H; j++) gb1[j] += ga[j];
          for (let i2 = 0; i2 < D; i2++) {
            const v = z[i2];
            const row = i2 * H;
            for (let j = 0; j < H; j++) gw1[row + j] += v * ga[j];
          }
        }
      }
      const inv = 1 / idx.length;
      const sc = (g: Float32Array) => {
        for (let i2 = 0; i2 < g.length; i2++) g[i2] *= inv;
        return g;
      };
      if (H) {
        opt1.step(m.w1, sc(gw1), o.l2, scale);
        optb1.step(m.b1, sc(gb1), 0, scale);
      }
      m.heads.forEach((h, hi) => {
        optW[hi].step(h.w, sc(gW[hi]), o.l2, scale);
        optB[hi].step(h.b, sc(gB[hi]), 0, scale);
      });
    }
    losses.push(loss / order.length);
    o.onEpoch?.(ep, loss / order.length);
  }
  return losses;
}

/** Temperature minimising the partial-label NLL of one head on a validation set (golden-section on log T). */
export function fitTemperature(zs: Float64Array[], sets: number[][]): number {
  const nll = (t: number) => {
    let s = 0,
      n = 0;
    zs.forEach((z, i) => {
      if (!sets[i].length) return;
      const p = softmaxT(z, t);
      s -= Math.log(
        Math.max(
          1e-12,
          sets[i].reduce((a, k) => a + p[k], 0),
        ),
      );
      n++;
    });
    return s / Math.max(1, n);
  };
  let lo = Math.log(0.2),
    hi = Math.log(10);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 60; it++) {
    const a = hi - g * (hi - lo),
      b = lo + g * (hi - lo);
    if (nll(Math.exp(a)) < nll(Math.exp(b))) hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}
