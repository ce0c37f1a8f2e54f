/**
 * Hashed n-gram features of the normalised text, shared by the runtime and the training script
 * (which imports this very function from dist, so training and serving can never drift apart).
 *
 * - word unigrams and bigrams (apostrophes dropped: "don't" = "dont"; digits read as 0)
 * - character 3- to 5-grams over the words, with a space at each word edge
 * - a few shape tokens the letters cannot show: share of capitals, runs of "!" and "?", links,
 *   @ and digits, length
 *
 * Everything is hashed (FNV-1a, then a murmur finaliser) into `dim` buckets: no vocabulary to
 * ship, and any word, typo or slang still lands somewhere.
 */
export const FEATURE_BITS = 18;
export const FEATURE_DIM = 1 << FEATURE_BITS;

const MASK = FEATURE_DIM - 1;
const FNV = 0x811c9dc5;
const PRIME = 0x01000193;

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) & MASK;
}

function hashString(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), PRIME);
  return h;
}

const SEED_WORD = FNV;
const SEED_BIGRAM = 0x9e3779b9;
const SEED_CHAR = 0x7f4a7c15;
const SEED_SHAPE = 0x2545f491;
const SEED_RULE = 0x6c8e9cf5;

/** Letters and digits kept (digits as 0, so numbers generalise), @ and $ kept, all else a word break. */
// Scratch buffers, reused by every call (grown when a text is longer): featurising allocates
// nothing per verdict. The result of `featurize` is a fresh copy unless the caller passes its own
// buffer (featurizeInto), so no caller ever sees a buffer change under it.
let cleanScratch = new Uint16Array(1024);

function clean(text: string): Uint16Array {
  if (cleanScratch.length < text.length + 2) cleanScratch = new Uint16Array(text.length + 2 + 1024);
  const out = cleanScratch;
  let n = 0;
  out[n++] = 32;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || c === 64 || c === 36) out[n++] = c;
    else if (c >= 48 && c <= 57) out[n++] = 48;
    else if (c === 39)
      continue; // apostrophe: "don't" reads as "dont"
    else if (c > 127 && c !== 0x2019)
      out[n++] = c; // other scripts and emoji keep their code units
    else if (out[n - 1] !== 32) out[n++] = 32;
  }
  if (out[n - 1] !== 32) out[n++] = 32;
  return out.subarray(0, n);
}

/**
 * Feature indices of `text` (already normalised: lower case, confusables mapped), duplicates
 * allowed (a repeated n-gram counts twice). `cased` is the same text with letter case kept.
 */
export function featurize(text: string, cased?: string): Uint32Array {
  return featurizeInto(text, cased, null);
}

/** Upper bound of the features of a text of `length` characters (for a caller's own buffer). */
export const featureBound = (length: number): number => 4 * (length + 2) + 16;

/**
 * `featurize` into `buffer` when it is large enough (see featureBound): the result is a view of
 * it, valid until the buffer is used again. The model's scorer uses one buffer for every verdict.
 */
export function featurizeInto(text: string, cased: string | undefined, buffer: Uint32Array | null): Uint32Array {
  const c = clean(text);
  const n = c.length;
  // Upper bound: 3 char grams per character, 2 word features per word, a few shape tokens.
  const out = buffer !== null && buffer.length >= 3 * n + n + 16 ? buffer : new Uint32Array(3 * n + n + 16);
  let k = 0;
  // Character 3-5-grams, each start position hashed once and extended.
  for (let i = 0; i + 3 <= n; i++) {
    let h = Math.imul(SEED_CHAR ^ c[i], PRIME);
    h = Math.imul(h ^ c[i + 1], PRIME);
    h = Math.imul(h ^ c[i + 2], PRIME);
    out[k++] = finish(h);
    if (i + 4 <= n) {
      h = Math.imul(h ^ c[i + 3], PRIME);
      out[k++] = finish(h);
      if (i + 5 <= n) {
        h = Math.imul(h ^ c[i + 4], PRIME);
        out[k++] = finish(h);
      }
    }
  }
  // Words and word bigrams.
  let prev = 0;
  let h = SEED_WORD;
  let inWord = false;
  for (let i = 1; i < n; i++) {
    const ch = c[i];
    if (ch === 32) {
      if (inWord) {
        out[k++] = finish(h);
        if (prev !== 0) out[k++] = finish(Math.imul(prev ^ SEED_BIGRAM, PRIME) ^ h);
        prev = h;
      }
      inWord = false;
      h = SEED_WORD;
    } else {
      h = Math.imul(h ^ ch, PRIME);
      inWord = true;
    }
  }
  // Shape tokens.
  const shape = (name: string): void => {
    out[k++] = finish(hashString(name, SEED_SHAPE));
  };
  if (cased !== undefined) {
    let letters = 0;
    let upper = 0;
    for (let i = 0; i < cased.length; i++) {
      const ch = cased.charCodeAt(i);
      if (ch >= 65 && ch <= 90) {
        upper++;
        letters++;
      } else if (ch >= 97 && ch <= 122) letters++;
    }
    if (letters >= 8) shape(upper * 2 > letters ? 'caps:most' : upper * 5 > letters ? 'caps:some' : 'caps:few');
  }
  let bangs = 0;
  let run = 0;
  let maxRun = 0;
  let questions = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 33) {
      bangs++;
      run++;
      if (run > maxRun) maxRun = run;
    } else run = 0;
    if (ch === 63) questions++;
  }
  if (bangs > 0) shape(maxRun >= 3 ? 'bang:run' : bangs >= 3 ? 'bang:many' : 'bang:one');
  if (questions > 0) shape(questions >= 3 ? 'q:many' : 'q:some');
  if (text.includes('http') || text.includes('www.') || /\.(?:com|net|org|io|co)\b/.test(text)) shape('link');
  if (text.includes('@')) shape('at');
  if (/\d{3}/.test(text)) shape('digits');
  shape(text.length < 80 ? 'len:short' : text.length < 400 ? 'len:mid' : text.length < 1200 ? 'len:long' : 'len:huge');
  return out.subarray(0, k);
}

/** The feature bucket that says "rule `ruleId` fired" (the model learns how far to trust each rule). */
export function ruleSignal(ruleId: string): number {
  return finish(hashString(ruleId, SEED_RULE));
}
