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
export const NEGATION =
  /(?:\bnot|\bnever|n't|\bno|\bnor|\bwithout|\bhardly|\bstop saying|\bwouldn't say|\bnobody(?:'s| is)? saying|\bno one(?:'s| is)? saying)\b[^,]{0,30}$/;

/** Reported speech, a remembered thought or a description of a habit, rather than doing it now. */
export const REPORTED =
  /\b(?:said|says|say|saying|told|tells|telling|tell me|yell(?:s|ed|ing)?|scream(?:s|ed|ing)?|shout(?:s|ed|ing)?|call(?:s|ed|ing)? me|text(?:s|ed)? me|wrote|writes|asked|asks|used to|was ready to|was going to|was about to|almost|nearly|thought|think that|heard|advised|advice was|suggested|suggests|keeps? saying|kept saying|accus(?:es|ed|ing)|blam(?:es|ed)|when (?:he|she|they)|whenever|if i|if (?:he|she)|worried that|afraid that|scared that|wonder if|whether|read|reading|article|quote|quoting)\b/;

export type Filter = (text: string, start: number, end: number, ctx: DetectContext) => boolean;

const isWordCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c >= 128;

/** A rule needs a few hits to decide; more only cost time on repetitive (or hostile) input. */
const MAX_HITS = 8;
const MAX_CANDIDATES = 200;

/** Runs a global regex over text and returns the ranges that pass every filter (at most a few). */
export function find(re: RegExp, text: string, ctx: DetectContext, ...filters: Filter[]): Range[] {
  const out: Range[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  let tried = 0;
  while (out.length < MAX_HITS && tried++ < MAX_CANDIDATES && (m = re.exec(text)) !== null) {
    let start = m.index;
    const end = start + m[0].length;
    // A match that opens on the previous sentence's full stop ("(?:^|[.!?] ?)just leave him")
    // starts, for filters and highlights, at its first letter.
    while (start < end && !isWordCode(text.charCodeAt(start))) start++;
    if (end === start) {
      re.lastIndex++;
      continue;
    }
    if (filters.every((f) => f(text, start, end, ctx))) out.push([start, end]);
    // A rejected candidate must not swallow a real match inside it ("you need to …, you idiot").
    else re.lastIndex = m.index + 1;
  }
  return out;
}

/**
 * For phrases whose rare part comes last ("you … idiot", "you're such a … loser"): find the tail
 * with one cheap pass, then look back at most `window` characters for a head whose gap to the
 * tail passes `gapOk`. Much faster than a regex that tries every "you" in the text.
 */
export function findTailFirst(
  tail: RegExp,
  head: RegExp,
  gapOk: (gap: string) => boolean,
  window: number,
  text: string,
  ctx: DetectContext,
  ...filters: Filter[]
): Range[] {
  const out: Range[] = [];
  for (const [ts, te] of find(tail, text, ctx)) {
    const from = Math.max(sentenceStart(text, ts), ts - window);
    const lead = text.slice(from, ts);
    const heads: Array<[number, number]> = [];
    head.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = head.exec(lead)) !== null) {
      heads.push([m.index, m.index + m[0].length]);
      if (m[0].length === 0) head.lastIndex++;
    }
    for (let i = heads.length - 1; i >= 0; i--) {
      const [hs, he] = heads[i];
      if (!gapOk(lead.slice(he))) continue;
      const start = from + hs;
      if (filters.every((f) => f(text, start, te, ctx))) {
        out.push([start, te]);
        break;
      }
    }
    if (out.length >= MAX_HITS) break;
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
// "(?:'|)" rather than "'?": an empty alternative adds no quantifier, so a phrase inside an
// optional group keeps a star height of one (what safe-regex2 checks).
const optionalApostrophes = (source: string): string => source.replace(/'(?=[a-z])/g, "(?:'|)");
export const rx = (...parts: string[]): RegExp => new RegExp(optionalApostrophes(parts.join('')), 'g');

/**
 * One regex for a list of alternatives. A single alternation is much faster in V8 than many
 * small regexes (its quick checks prune branches per position), so rules keep their phrasings in
 * one list each.
 */
export const anyOf = (alternatives: readonly string[], prefix = '', suffix = ''): RegExp =>
  rx(`${prefix}(?:${alternatives.join('|')})${suffix}`);
