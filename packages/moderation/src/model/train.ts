/**
 * Training of the learned layer: one-vs-rest logistic regression over the hashed features, fit
 * with AdaGrad on a seeded shuffle. Pure and deterministic (same examples and seed, same weights
 * to the bit), so a spec can check it; the runtime never calls it. `scripts/train.mjs` feeds it.
 */
import { FEATURE_DIM } from './features.js';
import { K, encodeWeights } from './core.js';

export interface Example {
  /** Feature indices (duplicates count), as featurize returns them. */
  features: Uint32Array;
  /** Indicator features worth 1 each (rules that fired), as the runtime passes them. */
  signals?: Uint32Array;
  /** Per output: 1, 0, or -1 when this example says nothing about that output. */
  targets: Int8Array;
  /** How much this example counts (project-written sets weigh less than the corpus). */
  weight: number;
}

export interface TrainOptions {
  seed: number;
  epochs: number;
  /** AdaGrad step. */
  rate: number;
  /** L2 penalty on the weights an example touches. */
  l2: number;
  /** Positive examples of an output weigh min(maxPositiveWeight, sqrt(negatives / positives)). */
  maxPositiveWeight: number;
  /** See ModelData.lengthPrior. */
  lengthPrior?: number;
}

export const DEFAULT_TRAIN: TrainOptions = { seed: 20261206, epochs: 12, rate: 0.3, l2: 3e-3, maxPositiveWeight: 4 };

export interface Trained {
  weights: Float64Array;
  bias: Float64Array;
}

/** mulberry32: a small seeded generator, the same in every JavaScript engine. */
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

/** Collapses duplicate indices into (index, value) pairs with the runtime's 1/sqrt(n) scaling. */
function sparse(features: Uint32Array, signals: Uint32Array = new Uint32Array(0), prior = 0): { idx: Uint32Array; val: Float64Array } {
  const norm = features.length > 0 ? 1 / Math.sqrt(features.length + prior) : 0;
  const byIndex = new Map<number, number>();
  for (const f of features) byIndex.set(f, (byIndex.get(f) ?? 0) + norm);
  for (const f of signals) byIndex.set(f, (byIndex.get(f) ?? 0) + 1);
  const keys = [...byIndex.keys()].sort((a, b) => a - b);
  return { idx: Uint32Array.from(keys), val: Float64Array.from(keys.map((k) => byIndex.get(k)!)) };
}

export function train(examples: readonly Example[], options: TrainOptions = DEFAULT_TRAIN): Trained {
  const w = new Float64Array(FEATURE_DIM * K);
  const g2 = new Float64Array(FEATURE_DIM * K);
  const bias = new Float64Array(K);
  const bg2 = new Float64Array(K);
  const rows = examples.map((e) => ({ ...sparse(e.features, e.signals, options.lengthPrior ?? 0), targets: e.targets, weight: e.weight }));
  const posWeight = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let pos = 0;
    let neg = 0;
    for (const r of rows) {
      if (r.targets[k] === 1) pos += r.weight;
      else if (r.targets[k] === 0) neg += r.weight;
    }
    posWeight[k] = pos > 0 ? Math.min(options.maxPositiveWeight, Math.max(1, Math.sqrt(neg / pos))) : 1;
  }
  const random = rng(options.seed);
  const order = rows.map((_, i) => i);
  const z = new Float64Array(K);
  const g = new Float64Array(K);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const n of order) {
      const r = rows[n];
      for (let k = 0; k < K; k++) z[k] = bias[k]!;
      for (let f = 0; f < r.idx.length; f++) {
        const base = r.idx[f] * K;
        const v = r.val[f];
        for (let k = 0; k < K; k++) z[k] += w[base + k] * v;
      }
      for (let k = 0; k < K; k++) {
        const t = r.targets[k];
        if (t < 0) {
          g[k] = 0;
          continue;
        }
        const p = 1 / (1 + Math.exp(-z[k]));
        g[k] = (p - t) * r.weight * (t === 1 ? posWeight[k] : 1);
        bg2[k] += g[k] * g[k];
        bias[k] -= (options.rate * g[k]) / Math.sqrt(bg2[k] + 1e-8);
      }
      for (let f = 0; f < r.idx.length; f++) {
        const base = r.idx[f] * K;
        const v = r.val[f];
        for (let k = 0; k < K; k++) {
          if (g[k] === 0) continue;
          const grad = g[k] * v + options.l2 * w[base + k];
          g2[base + k] += grad * grad;
          w[base + k] -= (options.rate * grad) / Math.sqrt(g2[base + k] + 1e-8);
        }
      }
    }
  }
  return { weights: w, bias };
}

/**
 * int8 weights with one scale per output. Weights under `prune` of an output's largest weight
 * become 0 and are not shipped: rare n-grams carry little, and the file stays small.
 */
export function quantize(t: Trained, prune = 0.02): { weights: Int8Array; scale: number[]; bias: number[] } {
  const scale: number[] = [];
  const q = new Int8Array(FEATURE_DIM * K);
  for (let k = 0; k < K; k++) {
    let max = 0;
    for (let b = 0; b < FEATURE_DIM; b++) max = Math.max(max, Math.abs(t.weights[b * K + k]));
    const s = max > 0 ? max / 127 : 1;
    scale.push(s);
    for (let b = 0; b < FEATURE_DIM; b++) {
      const v = t.weights[b * K + k];
      q[b * K + k] = Math.abs(v) < prune * max ? 0 : Math.max(-127, Math.min(127, Math.round(v / s)));
    }
  }
  return { weights: q, scale, bias: Array.from(t.bias) };
}

/**
 * A short, stable fingerprint of what is shipped (two FNV-1a passes): the weights, and in
 * `extra` everything else that changes a verdict (thresholds, length prior).
 */
export function weightsHash(weights: Int8Array, scale: readonly number[], bias: readonly number[], extra = ''): string {
  const text = encodeWeights(weights, FEATURE_DIM) + JSON.stringify(scale) + JSON.stringify(bias) + extra;
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 ^ 0x2c) >>> 0;
  }
  return (a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')).slice(0, 12);
}
