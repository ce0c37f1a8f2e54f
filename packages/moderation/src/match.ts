import type { DetectContext, Range } from './types.js';

/**
 * Small building blocks for detectors. Every regex here is linear: no nested quantifiers,
 * gaps are bounded ({0,n}), and alternations start with literals.
 */

/** Index of the start of the sentence containing `pos` (looks back at most 240 characters). */
export function sentenceStart(text: string, pos: number): number {
  const limit = Math.max(0, pos - 240);
  for (let i = pos - 1; i >= limit; i--) {
    const c = text.charCodeAt(i);
    // . ! ? newline ; :
    if (c === 46 || c === 33 || c === 63 || c === 10 || c === 59) return i + 1;
  }
  return limit;
}

export function sentenceEnd(text: string, pos: number): number {
  const limit = Math.min(text.length, pos + 240);
  for (let i = pos; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 63 || c === 10 || c === 59) return i;
  }
  return limit;
}

/** The part of the sentence before `pos`, at most `window` characters. */
export function before(text: string, pos: number, window = 60): string {
  return text.slice(Math.max(sentenceStart(text, pos), pos - window), pos);
}

/** The part of the sentence after `pos`, at most `window` characters. */
export function after(text: string, pos: number, window = 60): string {
  return text.slice(pos, Math.min(sentenceEnd(text, pos) + 1, pos + window));
}

/** Negation just before a phrase: "not", "never", "don't", "no one is saying" … */
export const NEGATION = /(?:\bnot|\bnever|n't|\bno|\bnor|\bwithout|\bhardly|\bstop saying|\bwouldn't say|\bnobody(?:'s| is)? saying|\bno one(?:'s| is)? saying)\b[^,]{0,30}$/;

/** Reported speech, a remembered thought or a description of a habit, rather than doing it now. */
export const REPORTED =
  /\b(?:said|says|say|saying|told|tells|telling|tell me|yell(?:s|ed|ing)?|scream(?:s|ed|ing)?|shout(?:s|ed|ing)?|call(?:s|ed|ing)? me|text(?:s|ed)? me|wrote|writes|asked|asks|used to|was ready to|was going to|was about to|almost|nearly|thought|think that|heard|advised|advice was|suggested|suggests|keeps? saying|kept saying|accus(?:es|ed|ing)|blam(?:es|ed)|when (?:he|she|they)|whenever|if i|if (?:he|she)|worried that|afraid that|scared that|wonder if|whether|read|reading|article|quote|quoting)\b/;

export type Filter = (text: string, start: number, end: number, ctx: DetectContext) => boolean;

/** Runs a global regex over text and returns the ranges that pass every filter. */
export function find(re: RegExp, text: string, ctx: DetectContext, ...filters: Filter[]): Range[] {
  const out: Range[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (filters.every((f) => f(text, start, end, ctx))) out.push([start, end]);
  }
  return out;
}

export const notQuoted: Filter = (_t, s, e, ctx) => !ctx.quoted(s, e);
export const notFromArticle: Filter = (_t, s, e, ctx) => !ctx.fromArticle(s, e);
// "Why don't you just …" is a suggestion (or a jab), not a negation.
const RHETORICAL = /\bwhy (?:don'?t|do not|not) (?:you|u)?\b[^,]{0,24}$/;
export const notNegated =
  (window = 30): Filter =>
  (t, s) => {
    return !NEGATION.test(before(t, s, window)) || RHETORICAL.test(before(t, s, window + 16));
  };
export const notReported =
  (window = 80): Filter =>
  (t, s) =>
    !REPORTED.test(before(t, s, window));
export const notBefore =
  (re: RegExp, window = 40): Filter =>
  (t, s) =>
    !re.test(before(t, s, window));
export const notAfter =
  (re: RegExp, window = 40): Filter =>
  (t, _s, e) =>
    !re.test(after(t, e, window));
export const onlyReplies: Filter = (_t, _s, _e, ctx) => ctx.kind === 'reply';

/** Builds a case-insensitive global regex from parts joined without separators. */
/**
 * Builds a global regex from parts. Apostrophes before a letter become optional, so "don't",
 * "dont", "he's" and "hes" all match: people type fast when they are upset.
 */
export const rx = (...parts: string[]): RegExp => new RegExp(parts.join('').replace(/'(?=[a-z])/g, "'?"), 'g');
