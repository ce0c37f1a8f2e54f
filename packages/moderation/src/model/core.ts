/**
 * The learned layer's code without its weights: types, the categories, decoding and scoring.
 * The rules-only entry point (`@steady/moderation/rules`) imports this and never the 1.5 MB
 * weights module (`model.ts` adds the committed model).
 */
import { featureBound, featurizeInto } from './features.js';

/** The categories the model gives a probability for (the corpus's categories, minus `none`). */
export const MODEL_CATEGORIES = ['self-harm', 'partner-danger', 'threat', 'harassment', 'personal-info', 'spam', 'pressure'] as const;
export type ModelCategory = (typeof MODEL_CATEGORIES)[number];
/**
 * Heads after the categories: `other` = a crisis about someone else; `support` = told from
 * safety: supporting someone at risk, or one's own crisis told as the past.
 */
export const MODEL_OUTPUTS = [...MODEL_CATEGORIES, 'other', 'support'] as const;
export type ModelOutput = (typeof MODEL_OUTPUTS)[number];
export const K = MODEL_OUTPUTS.length;

/** Per category: `flag` = probability at which the model alone decides; `veto` = below it, a soft rule's hit of that category is dropped. */
export interface Thresholds {
  flag: Record<ModelCategory, number>;
  veto: Record<ModelCategory, number>;
  /** Crisis about someone else when the `other` head is at least this. */
  other: number;
  /** A crisis rule hit is dropped when `support` is at least this and the crisis category is under its flag. */
  support: number;
  /**
   * On a short text (fewer than BRIEF_WORDS words) the model alone calls a crisis only at this
   * probability or above (and its category's flag): a flat one-liner gives a linear model few
   * n-grams to go on. Absent or 0: no extra bar.
   */
  brief?: number;
  /**
   * Told from safety, clearly: a crisis rule's hit is also dropped when the `support` head is at
   * least this AND above the crisis category's own probability, even when that probability
   * reaches the flag ("Two years ago I had a rope in the garage … I'm here and I'm glad").
   * Absent or above 1: off.
   */
  settled?: number;
  /**
   * On a short text (fewer than BRIEF_WORDS words) the model alone calls a hold (contempt,
   * personal information, spam) only at this probability or above (and its category's flag):
   * "An ordinary post, from the person who wants her key." Absent or 0: no extra bar.
   */
  briefHold?: number;
  /**
   * With no rule hit at all, a hold the model alone calls (contempt, personal information, spam)
   * needs at least this probability (and its category's flag). Absent or 0: no extra bar.
   */
  holdAlone?: number;
  /**
   * With no rule hit at all and no sentence carrying a word of risk, a crisis the model alone
   * calls needs at least this probability (and its category's flag). Absent or 0: no extra bar.
   */
  crisisAlone?: number;
}

export interface ModelData {
  version: string;
  dim: number;
  outputs: readonly string[];
  bias: readonly number[];
  scale: readonly number[];
  /** Added to the feature count before the 1/sqrt scaling, so one-liners do not swing to extremes (0 = plain L2). */
  lengthPrior?: number;
  thresholds: Thresholds;
  /** base64 of: per non-zero bucket, a varint gap to the previous bucket, then K signed bytes. */
  data: string;
}

export interface Model {
  version: string;
  thresholds: Thresholds;
  /**
   * Probabilities of every output, in MODEL_OUTPUTS order. `signals` are extra indicator
   * features (each worth 1, not scaled by length): which rules fired (see ruleSignal).
   */
  predict(text: string, cased?: string, signals?: Uint32Array, extra?: Uint32Array): Float64Array;
  /** Raw linear scores of every output for a text (for picking the sentence that scored highest). */
  logits(text: string): Float64Array;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** base64 to bytes without atob/Buffer, so the engine decodes the same way in Node and browsers (and as fast: measured). */
export function fromBase64(s: string): Uint8Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) table[B64.charCodeAt(i)] = i;
  let len = s.length;
  while (len > 0 && s.charCodeAt(len - 1) === 61) len--;
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < len; i++) {
    const v = table[s.charCodeAt(i)];
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    s += B64[v >>> 18] + B64[(v >>> 12) & 63] + B64[(v >>> 6) & 63] + B64[v & 63];
  }
  if (i < bytes.length) {
    const v = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8);
    s += B64[v >>> 18] + B64[(v >>> 12) & 63] + (i + 1 < bytes.length ? B64[(v >>> 6) & 63] : '=') + '=';
  }
  return s;
}

/** Dense int8 table (dim × K) from the sparse encoding. */
export function decodeWeights(data: ModelData): Int8Array {
  const bytes = fromBase64(data.data);
  const w = new Int8Array(data.dim * K);
  let p = 0;
  let bucket = -1;
  while (p < bytes.length) {
    let gap = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[p++];
      gap += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) break;
    }
    bucket += gap;
    const base = bucket * K;
    for (let k = 0; k < K; k++) w[base + k] = (bytes[p++] << 24) >> 24;
  }
  return w;
}

/** Sparse encoding of a dense int8 table (the inverse of decodeWeights). */
export function encodeWeights(w: Int8Array, dim: number): string {
  const parts: number[] = [];
  let last = -1;
  for (let b = 0; b < dim; b++) {
    let any = false;
    for (let k = 0; k < K; k++) if (w[b * K + k] !== 0) any = true;
    if (!any) continue;
    let gap = b - last;
    last = b;
    while (gap >= 0x80) {
      parts.push((gap & 0x7f) | 0x80);
      gap = Math.floor(gap / 128);
    }
    parts.push(gap);
    for (let k = 0; k < K; k++) parts.push(w[b * K + k] & 0xff);
  }
  return toBase64(Uint8Array.from(parts));
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** A model over a dense int8 table; the training script builds one from its own weights too. */
export function createModel(data: ModelData, weights: Int8Array): Model {
  const { bias, scale } = data;
  const prior = data.lengthPrior ?? 0;
  const sums = new Float64Array(K);
  // One feature buffer for every verdict (grown for a longer text): scoring allocates no table.
  let scratch = new Uint32Array(featureBound(1024));
  const features = (text: string, cased?: string, extra?: Uint32Array): Uint32Array => {
    const bound = featureBound(text.length) + (extra ? extra.length : 0);
    if (scratch.length < bound) scratch = new Uint32Array(bound + 1024);
    const f = featurizeInto(text, cased, scratch);
    if (!extra || extra.length === 0) return f;
    scratch.set(extra, f.length);
    return scratch.subarray(0, f.length + extra.length);
  };
  const linear = (idx: Uint32Array, signals?: Uint32Array): void => {
    sums.fill(0);
    if (K === 9) {
      // Unrolled for the nine outputs: the hot loop of every verdict (one row of 9 bytes per n-gram).
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0,
        s4 = 0,
        s5 = 0,
        s6 = 0,
        s7 = 0,
        s8 = 0;
      for (let i = 0; i < idx.length; i++) {
        const b = idx[i] * 9;
        s0 += weights[b];
        s1 += weights[b + 1];
        s2 += weights[b + 2];
        s3 += weights[b + 3];
        s4 += weights[b + 4];
        s5 += weights[b + 5];
        s6 += weights[b + 6];
        s7 += weights[b + 7];
        s8 += weights[b + 8];
      }
      sums[0] = s0;
      sums[1] = s1;
      sums[2] = s2;
      sums[3] = s3;
      sums[4] = s4;
      sums[5] = s5;
      sums[6] = s6;
      sums[7] = s7;
      sums[8] = s8;
    } else {
      for (let i = 0; i < idx.length; i++) {
        const base = idx[i] * K;
        for (let k = 0; k < K; k++) sums[k] += weights[base + k];
      }
    }
    // Term frequencies, L2-normalised: each occurrence weighs 1/sqrt(count).
    const norm = idx.length > 0 ? 1 / Math.sqrt(idx.length + prior) : 0;
    for (let k = 0; k < K; k++) sums[k] = sums[k] * norm;
    if (signals) {
      for (let i = 0; i < signals.length; i++) {
        const base = signals[i] * K;
        for (let k = 0; k < K; k++) sums[k] += weights[base + k];
      }
    }
    for (let k = 0; k < K; k++) sums[k] = bias[k] + sums[k] * scale[k];
  };
  return {
    version: data.version,
    thresholds: data.thresholds,
    predict(text, cased, signals, extra) {
      linear(features(text, cased, extra), signals);
      const p = new Float64Array(K);
      for (let k = 0; k < K; k++) p[k] = sigmoid(sums[k]);
      return p;
    },
    logits(text) {
      linear(features(text));
      return Float64Array.from(sums);
    },
  };
}
