/**
 * A one-hidden-layer MLP on sparse hashed inputs, trained with Adam (lazy on the first layer), seeded.
 * y = W2ᵀ·relu(W1ᵀ·x + b1) + b2; regression (MSE, K = 1) or softmax classification (K classes).
 * The same weights export to ONNX as MatMul → Add → Relu → MatMul → Add (→ Softmax).
 */
import type { SparseVec } from '../../src/core/text-features.ts';

export type Task = 'regression' | 'classification';

export interface MlpShape {
  dim: number;
  hidden: number;
  outputs: number;
}

export interface Mlp extends MlpShape {
  /** [dim, hidden] row-major. */
  w1: Float32Array;
  b1: Float32Array;
  /** [hidden, outputs] row-major. */
  w2: Float32Array;
  b2: Float32Array;
  /** Optional wide (linear) term [dim, outputs], added to the output ("wide & deep"). */
  wl?: Float32Array;
}

export interface TrainOptions {
  task: Task;
  hidden: number;
  epochs: number;
  lr: number;
  batch: number;
  seed: number;
  /** Learning rate multiplier applied after each epoch (1 = constant). */
  lrDecay?: number;
  /** L2 on touched first-layer rows. */
  l2?: number;
  /** Called after each epoch with the training loss and (optionally) a validation score; lower is better. */
  onEpoch?: (epoch: number, trainLoss: number, model: Mlp) => number | void;
  /** Progress inside an epoch, 0..1. */
  onProgress?: (fraction: number) => void;
}

/** mulberry32: tiny seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function initMlp(shape: MlpShape, seed: number, outBias?: ArrayLike<number>, wide = false): Mlp {
  const r = rng(seed);
  const { dim, hidden, outputs } = shape;
  const w1 = new Float32Array(dim * hidden);
  const a1 = 0.1;
  for (let i = 0; i < w1.length; i++) w1[i] = (r() * 2 - 1) * a1;
  const w2 = new Float32Array(hidden * outputs);
  const a2 = Math.sqrt(6 / (hidden + outputs));
  for (let i = 0; i < w2.length; i++) w2[i] = (r() * 2 - 1) * a2;
  const b1 = new Float32Array(hidden).fill(0.01);
  const b2 = new Float32Array(outputs);
  if (outBias) b2.set(Array.from(outBias));
  return { ...shape, w1, b1, w2, b2, ...(wide ? { wl: new Float32Array(dim * outputs) } : {}) };
}

/** Forward pass; returns raw outputs (regression value or logits) and fills `h` with the hidden layer. */
export function forward(m: Mlp, x: SparseVec, h = new Float64Array(m.hidden), out = new Float64Array(m.outputs)): Float64Array {
  const H = m.hidden;
  for (let j = 0; j < H; j++) h[j] = m.b1[j];
  for (let k = 0; k < x.indices.length; k++) {
    const base = x.indices[k] * H;
    const v = x.values[k];
    for (let j = 0; j < H; j++) h[j] += v * m.w1[base + j];
  }
  for (let j = 0; j < H; j++) if (h[j] < 0) h[j] = 0;
  const K = m.outputs;
  for (let c = 0; c < K; c++) out[c] = m.b2[c];
  if (m.wl) for (let k = 0; k < x.indices.length; k++) for (let c = 0; c < K; c++) out[c] += x.values[k] * m.wl[x.indices[k] * K + c];
  for (let j = 0; j < H; j++) {
    const hj = h[j];
    if (hj === 0) continue;
    const base = j * K;
    for (let c = 0; c < K; c++) out[c] += hj * m.w2[base + c];
  }
  return out;
}

export function softmax(z: ArrayLike<number>): Float64Array {
  let mx = -Infinity;
  for (let i = 0; i < z.length; i++) mx = Math.max(mx, z[i]);
  const p = new Float64Array(z.length);
  let s = 0;
  for (let i = 0; i < z.length; i++) s += p[i] = Math.exp(z[i] - mx);
  for (let i = 0; i < z.length; i++) p[i] /= s;
  return p;
}

/** Prediction as the exported graph gives it: the value (regression) or the probabilities. */
export function predict(m: Mlp, x: SparseVec, task: Task): Float64Array {
  const z = forward(m, x);
  return task === 'classification' ? softmax(z) : z;
}

class Adam {
  /** Multiplies the learning rate (per-epoch decay). */
  scale = 1;
  readonly m: Float32Array;
  readonly v: Float32Array;
  constructor(
    n: number,
    private readonly lr: number,
  ) {
    this.m = new Float32Array(n);
    this.v = new Float32Array(n);
  }
  /** Updates p[off..off+len) with g[goff..); t is the global step. */
  step(p: Float32Array, off: number, g: Float64Array | Float32Array, goff: number, len: number, t: number): void {
    const b1 = 0.9,
      b2 = 0.999,
      eps = 1e-8;
    const c1 = 1 - Math.pow(b1, t),
      c2 = 1 - Math.pow(b2, t);
    const a = (this.lr * this.scale * Math.sqrt(c2)) / c1;
    for (let i = 0; i < len; i++) {
      const gi = g[goff + i];
      const mi = (this.m[off + i] = b1 * this.m[off + i] + (1 - b1) * gi);
      const vi = (this.v[off + i] = b2 * this.v[off + i] + (1 - b2) * gi * gi);
      p[off + i] -= (a * mi) / (Math.sqrt(vi) + eps);
    }
  }
}

/**
 * Trains in place. `y` holds targets: the value (regression) or the class index (classification).
 * Returns the per-epoch mean training loss.
 */
export function trainMlp(model: Mlp, xs: SparseVec[], y: ArrayLike<number>, o: TrainOptions): number[] {
  const { hidden: H, outputs: K, dim } = model;
  const r = rng(o.seed ^ 0x9e3779b9);
  const order = Int32Array.from(xs.keys());
  const opt1 = new Adam(model.w1.length, o.lr),
    optB1 = new Adam(H, o.lr),
    opt2 = new Adam(model.w2.length, o.lr),
    optB2 = new Adam(K, o.lr);
  const slot = new Int32Array(dim).fill(-1);
  const touched: number[] = [];
  let g1 = new Float64Array(64 * H);
  let gl = new Float64Array(64 * K);
  const wl = model.wl;
  const optL = wl ? new Adam(wl.length, o.lr) : null;
  const gb1 = new Float64Array(H),
    g2 = new Float64Array(H * K),
    gb2 = new Float64Array(K);
  const h = new Float64Array(H),
    z = new Float64Array(K),
    dz = new Float64Array(K),
    dh = new Float64Array(H);
  const l2 = o.l2 ?? 0;
  let t = 0;
  const losses: number[] = [];
  for (let ep = 0; ep < o.epochs; ep++) {
    for (const opt of [opt1, optB1, opt2, optB2, ...(optL ? [optL] : [])]) opt.scale = Math.pow(o.lrDecay ?? 1, ep);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let lossSum = 0;
    for (let start = 0; start < order.length; start += o.batch) {
      const end = Math.min(order.length, start + o.batch);
      const scale = 1 / (end - start);
      gb1.fill(0);
      g2.fill(0);
      gb2.fill(0);
      for (let bi = start; bi < end; bi++) {
        const n = order[bi];
        const x = xs[n];
        forward(model, x, h, z);
        if (o.task === 'regression') {
          const d = z[0] - y[n];
          lossSum += 0.5 * d * d;
          dz[0] = d * scale;
        } else {
          const p = softmax(z);
          const c = y[n];
          lossSum += -Math.log(Math.max(p[c], 1e-12));
          for (let k = 0; k < K; k++) dz[k] = (p[k] - (k === c ? 1 : 0)) * scale;
        }
        for (let k = 0; k < K; k++) gb2[k] += dz[k];
        for (let j = 0; j < H; j++) {
          let s = 0;
          if (h[j] > 0) {
            const base = j * K;
            for (let k = 0; k < K; k++) {
              g2[base + k] += h[j] * dz[k];
              s += model.w2[base + k] * dz[k];
            }
          }
          dh[j] = s;
          gb1[j] += s;
        }
        for (let q = 0; q < x.indices.length; q++) {
          const f = x.indices[q];
          let sl = slot[f];
          if (sl < 0) {
            sl = slot[f] = touched.length;
            touched.push(f);
            if ((sl + 1) * H > g1.length) {
              const bigger = new Float64Array(g1.length * 2);
              bigger.set(g1);
              g1 = bigger;
            }
            if ((sl + 1) * K > gl.length) {
              const bigger = new Float64Array(gl.length * 2);
              bigger.set(gl);
              gl = bigger;
            }
            g1.fill(0, sl * H, (sl + 1) * H);
            gl.fill(0, sl * K, (sl + 1) * K);
          }
          const v = x.values[q];
          const gb = sl * H;
          for (let j = 0; j < H; j++) g1[gb + j] += v * dh[j];
          if (wl) for (let k = 0; k < K; k++) gl[sl * K + k] += v * dz[k];
        }
      }
      t++;
      for (let s = 0; s < touched.length; s++) {
        const f = touched[s];
        if (l2) for (let j = 0; j < H; j++) g1[s * H + j] += l2 * model.w1[f * H + j];
        opt1.step(model.w1, f * H, g1, s * H, H, t);
        if (wl && optL) optL.step(wl, f * K, gl, s * K, K, t);
        slot[f] = -1;
      }
      touched.length = 0;
      optB1.step(model.b1, 0, gb1, 0, H, t);
      opt2.step(model.w2, 0, g2, 0, H * K, t);
      optB2.step(model.b2, 0, gb2, 0, K, t);
      if (o.onProgress && ((start / o.batch) | 0) % 50 === 0) o.onProgress((ep + end / order.length) / o.epochs);
    }
    o.onProgress?.((ep + 1) / o.epochs);
    const loss = lossSum / order.length;
    losses.push(loss);
    o.onEpoch?.(ep, loss, model);
  }
  return losses;
}

export function cloneMlp(m: Mlp): Mlp {
  return { ...m, w1: m.w1.slice(), b1: m.b1.slice(), w2: m.w2.slice(), b2: m.b2.slice(), ...(m.wl ? { wl: m.wl.slice() } : {}) };
}

/**
 * Averages equally-shaped-input MLPs into one wider MLP (hidden units concatenated, output weights / n):
 * the ensemble exports as the same single MatMul → Relu → MatMul graph.
 */
export function mergeMlps(ms: Mlp[]): Mlp {
  const { dim, outputs: K } = ms[0];
  const H = ms.reduce((s, m) => s + m.hidden, 0);
  const w1 = new Float32Array(dim * H),
    b1 = new Float32Array(H),
    w2 = new Float32Array(H * K),
    b2 = new Float32Array(K);
  let off = 0;
  for (const m of ms) {
    for (let i = 0; i < dim; i++) w1.set(m.w1.subarray(i * m.hidden, (i + 1) * m.hidden), i * H + off);
    b1.set(m.b1, off);
    for (let j = 0; j < m.hidden; j++) for (let k = 0; k < K; k++) w2[(off + j) * K + k] = m.w2[j * K + k] / ms.length;
    for (let k = 0; k < K; k++) b2[k] += m.b2[k] / ms.length;
    off += m.hidden;
  }
  const wide = ms.filter((m) => m.wl);
  if (!wide.length) return { dim, hidden: H, outputs: K, w1, b1, w2, b2 };
  const wl = new Float32Array(dim * K);
  for (const m of wide) for (let i = 0; i < wl.length; i++) wl[i] += m.wl![i] / ms.length;
  return { dim, hidden: H, outputs: K, w1, b1, w2, b2, wl };
}
