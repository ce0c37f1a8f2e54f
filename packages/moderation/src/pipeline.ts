import { createContext } from './context.js';
import { CUE_TOKENS, cueTokenName, sentenceCues, type SentenceCues } from './cues.js';
import { ruleSignal } from './model/features.js';
import { MODEL_CATEGORIES, type Model, type ModelCategory, type Thresholds } from './model/core.js';
import { normalise, toOriginal, type Normalised } from './normalise.js';
import { phases, ruleById, rulesVersion } from './rules.js';
import type { ModerateInput, ModerationAction, Range, Rule, RuleHit, Verdict } from './types.js';

const OTHER = MODEL_CATEGORIES.length;
const SUPPORT = MODEL_CATEGORIES.length + 1;
const SEVERITY: Readonly<Record<ModerationAction, number>> = { publish: 0, nudge: 1, hold: 2, crisis: 3 };

/** Rules and model together (`<rules version>+<model version>`, `+none` without a model); stored with every verdict. */
export const versionOf = (m: Pick<Model, 'version'> | null): string => `${rulesVersion}+${m ? m.version : 'none'}`;

/**
 * The engine reads at most this many normalised characters (about 1,500 words, far beyond a
 * forum post). Longer text is held for a moderator by the spam-too-long rule rather than
 * half-read: this keeps every verdict under a few milliseconds, whatever the input.
 */
export const MAX_LENGTH = 8_000;
/** Original characters normalised before cutting (runs of one character shrink to eight). */
const MAX_ORIGINAL = Math.round(1.5 * MAX_LENGTH);

/** The model category each rule speaks for. */
export const RULE_CATEGORY: Readonly<Record<string, ModelCategory>> = {
  'crisis-self-harm': 'self-harm',
  'crisis-danger': 'partner-danger',
  'crisis-threat-to-family': 'threat',
};
/** The model category a rule's hit speaks for (the queue shows it beside a model's score). */
export const categoryOf = (ruleId: string): ModelCategory =>
  RULE_CATEGORY[ruleId] ??
  (ruleId.startsWith('respect-')
    ? 'harassment'
    : ruleId.startsWith('privacy-')
      ? 'personal-info'
      : ruleId.startsWith('spam-')
        ? 'spam'
        : 'pressure');

/** The rule a model decision names: the author reads its message, the moderator its principle. */
export const CATEGORY_RULE: Readonly<Record<ModelCategory, string>> = {
  'self-harm': 'crisis-self-harm',
  'partner-danger': 'crisis-danger',
  threat: 'crisis-threat-to-family',
  harassment: 'respect-contempt',
  'personal-info': 'privacy-identity',
  spam: 'spam-promotion',
  pressure: 'pressure-demand',
};

/**
 * Rules whose match is a fact, not a reading: a phone number or an address is personal
 * information whatever the model thinks, and text beyond what the engine reads is held.
 */
const FIRM = new Set(['privacy-contact', 'privacy-address', 'spam-too-long']);

function hitsFor(rule: Rule, ranges: readonly Range[], original: string, norm: Normalised): RuleHit[] {
  const seen = new Set<string>();
  const hits: RuleHit[] = [];
  for (const [s, e] of ranges) {
    const [start, end] = toOriginal(norm, s, e);
    const key = `${start}:${end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    hits.push(hitOf(rule, start, end, original, { source: 'rules' }));
  }
  return hits;
}

/** One rule's hit on [start, end) of the original text: the same shape whoever raised it. */
function hitOf(rule: Rule, start: number, end: number, original: string, by: Pick<RuleHit, 'source' | 'score'>): RuleHit {
  return {
    ruleId: rule.id,
    principle: rule.principle,
    start,
    end,
    quote: rule.quote,
    message: rule.message,
    excerpt: original.slice(start, end),
    action: rule.action,
    ...by,
  };
}

// Someone else at risk: "my sister", "my friend", "he/she keeps saying", with no first-person risk.
const THIRD_PERSON_AT_RISK =
  /\b(?:(?:my|our|a) (?:best )?(?:friend|sister|brother|son|daughter|husband|wife|partner|mum|mom|mother|dad|father|cousin|colleague|coworker|neighbou?r|niece|nephew|teen|boy|girl|kid|child)|(?:she|he|they)(?:'s| is| has| keeps| said| says| told| wants| talks| texted| posted))\b/;
const FIRST_PERSON_RISK =
  /\b(?:myself|i (?:want|wanna|am going|will|can'?t|don'?t want|have a plan|have been thinking|keep thinking|took|cut)|i'?m (?:done|going to|thinking|not going to be|scared of myself)|kill me|end my|my life)\b/;

const SIGNALS = new Map<string, number>();
/** The feature bucket of each sentence cue token (see cues.ts). */
const CUE_SIGNALS = Uint32Array.from({ length: CUE_TOKENS }, (_, i) => ruleSignal(cueTokenName(i)));
/** The rules that fired, as the model's indicator features (one per rule, however many matches). */
export function ruleSignals(hits: readonly RuleHit[]): Uint32Array {
  const ids = [...new Set(hits.map((h) => h.ruleId))];
  return Uint32Array.from(ids, (id) => {
    let s = SIGNALS.get(id);
    if (s === undefined) SIGNALS.set(id, (s = ruleSignal(id)));
    return s;
  });
}

// Cues the model gets besides the rules: who speaks about whose risk. Not rules of their own
// (they decide nothing), only features the model weighs.
const SUPPORT_TO_YOU =
  /\b(?:if (?:you|u)(?:'re| are| r)? (?:thinking|feeling|having|in)|please (?:don'?t|stay|reach|call|talk|tell)|(?:call|text|ring) (?:988|a (?:crisis|help)line|the (?:crisis|help)line|someone)|you (?:matter|are not alone|aren'?t alone)|i'?m (?:here for you|glad you(?:'re| are) (?:still )?here)|glad you stayed|thank you for staying)/;
const PAST_TOLD =
  /\b(?:years ago|used to|back then|in (?:19|20)\d\d|i was you|i'?m (?:okay|ok|safe|glad|still here|\d+ (?:years|months) (?:sober|clean|out))|sober now|got out)\b/;
const CUES: ReadonlyArray<readonly [string, RegExp]> = [
  ['cue:support-to-you', SUPPORT_TO_YOU],
  ['cue:first-person-risk', FIRST_PERSON_RISK],
  ['cue:third-person', THIRD_PERSON_AT_RISK],
  ['cue:past', PAST_TOLD],
];
/**
 * The model's indicator features for one text: the rules that fired (`withRules`; the training
 * script leaves them out on the project's own sets, where the rules are right by construction)
 * and the cues.
 */
export function signalsFor(text: string, hits: readonly RuleHit[], withRules = true): Uint32Array {
  const rules = withRules ? ruleSignals(hits) : new Uint32Array(0);
  const cues: number[] = [];
  for (const [name, re] of CUES) {
    if (!re.test(text)) continue;
    let s = SIGNALS.get(name);
    if (s === undefined) SIGNALS.set(name, (s = ruleSignal(name)));
    cues.push(s);
  }
  const out = new Uint32Array(rules.length + cues.length);
  out.set(rules);
  out.set(cues, rules.length);
  return out;
}

/**
 * The sentence cues (cues.ts) as the model's features: one bucket per token, counted with the
 * n-grams (scaled by the text's length like them), so they are hints the model weighs, not
 * indicators as strong as a rule's.
 */
export function cueFeatures(sentences: SentenceCues): Uint32Array {
  const { tokens } = sentences;
  let n = 0;
  for (let w = 0; w < tokens.length; w++) for (let bits = tokens[w]; bits !== 0; bits &= bits - 1) n++;
  const out = new Uint32Array(n);
  let k = 0;
  for (let w = 0; w < tokens.length; w++) {
    for (let bits = tokens[w]; bits !== 0; bits &= bits - 1) out[k++] = CUE_SIGNALS[w * 32 + (31 - Math.clz32(bits & -bits))];
  }
  return out;
}

/** What the rules found and what the model thinks, before they are combined. */
export interface Analysis {
  original: string;
  norm: Normalised;
  ruleHits: RuleHit[];
  /** Model probabilities in MODEL_OUTPUTS order; null without a model. */
  probs: Float64Array | null;
  /** Some sentence carries a word of risk (cues.ts); read with a model only, absent without one. */
  risk?: boolean;
}

/** Runs every phase and the model; a rule that throws is skipped so one bad detector never blocks a post. */
export function analyse(input: ModerateInput, m: Model | null = null): Analysis {
  const original = typeof input?.text === 'string' ? input.text : '';
  const kind = input?.kind === 'reply' ? 'reply' : 'post';
  let norm = normalise(original, MAX_ORIGINAL);
  let truncatedAt: number | null = original.length > MAX_ORIGINAL ? MAX_ORIGINAL : null;
  if (norm.text.length > MAX_LENGTH) {
    truncatedAt = norm.starts[MAX_LENGTH]!;
    norm = {
      ...norm,
      text: norm.text.slice(0, MAX_LENGTH),
      cased: norm.cased.slice(0, MAX_LENGTH),
      starts: norm.starts.slice(0, MAX_LENGTH),
      ends: norm.ends.slice(0, MAX_LENGTH),
    };
  }
  const ctx = createContext(norm.text, norm.cased, kind, input?.section ?? null, truncatedAt);
  const ruleHits: RuleHit[] = [];
  for (const phase of phases) {
    for (const rule of phase.rules) {
      let ranges: readonly Range[];
      try {
        ranges = rule.detect(norm.text, ctx);
      } catch {
        continue;
      }
      if (ranges.length > 0) ruleHits.push(...hitsFor(rule, ranges, original, norm));
    }
  }
  let probs: Float64Array | null = null;
  let risk: boolean | undefined;
  if (m && /[a-z]/.test(norm.text)) {
    try {
      const sentences = sentenceCues(norm.text);
      risk = sentences.risk;
      probs = m.predict(norm.text, norm.cased, signalsFor(norm.text, ruleHits), cueFeatures(sentences));
    } catch {
      probs = null;
    }
  }
  return risk === undefined ? { original, norm, ruleHits, probs } : { original, norm, ruleHits, probs, risk };
}

const SENTENCE_END = /[.!?\n]+/g;
/** More sentences than this (a wall of dots, a list of links) are read as this many equal windows instead. */
const MAX_SENTENCES = 40;

/** Per model output, the sentence (original offsets) that scores highest; all outputs in one pass. */
function bestSentences(a: Analysis, m: Model): Array<[number, number]> {
  const text = a.norm.text;
  if (text.length === 0) return MODEL_CATEGORIES.map(() => [0, 0]);
  const spans: Array<[number, number]> = [];
  let from = 0;
  SENTENCE_END.lastIndex = 0;
  for (let match = SENTENCE_END.exec(text); match && spans.length <= MAX_SENTENCES; match = SENTENCE_END.exec(text)) {
    spans.push([from, match.index + (match[0].includes('\n') ? 0 : match[0].length)]);
    from = match.index + match[0].length;
  }
  if (spans.length > MAX_SENTENCES) {
    spans.length = 0;
    const size = Math.ceil(text.length / MAX_SENTENCES);
    for (let s = 0; s < text.length; s += size) spans.push([s, Math.min(text.length, s + size)]);
  } else spans.push([from, text.length]);
  const best: Array<[number, number]> = MODEL_CATEGORIES.map(() => [0, text.length]);
  const bestScore = MODEL_CATEGORIES.map(() => -Infinity);
  for (let [s, e] of spans) {
    while (s < e && text.charCodeAt(s) <= 32) s++;
    while (e > s && text.charCodeAt(e - 1) <= 32) e--;
    if (e - s < 2) continue;
    const v = m.logits(text.slice(s, e));
    for (let k = 0; k < MODEL_CATEGORIES.length; k++) {
      if (v[k] > bestScore[k]) {
        bestScore[k] = v[k]!;
        best[k] = [s, e];
      }
    }
  }
  return best.map(([s, e]) => toOriginal(a.norm, s, e));
}

const INVITATION =
  /(?:^|[.!?\n] ?)(?:could you|would you|would it help|might it help|maybe (?:you could|try)|perhaps|have you (?:tried|thought about|considered)|what if you|is there a way|i wonder if)\b|\b(?:you could try|you might (?:try|want to|find)|if it feels right|when you(?:'re| are) ready|only if you want)\b/;
const INVITATION_BAR = 0.5;

/** Fewer words than this and the model neither decides nor overrules: the rules decide alone. */
// Six since 2026-12-07.2: on exactly five words the retrained model stopped neutral lines ("A post
// some readers dislike." as contempt at 0.51), and on the validation split its one change at five
// words was a publish item held; from six words on it helped there.
export const MIN_MODEL_WORDS = 6;
/** Under this many words, a crisis the model alone calls must reach the `brief` bar (see Thresholds). */
export const BRIEF_WORDS = 15;

function wordCount(text: string, enough: number): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length && n < enough; i++) {
    const c = text.charCodeAt(i);
    const letter = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c > 127;
    if (letter && !inWord) n++;
    inWord = letter;
  }
  return n;
}

export interface DecideOptions {
  /** Skip finding the sentence behind a model hit (threshold search only needs the action). */
  highlight?: boolean;
}

/**
 * Rules and model combined:
 * - a soft rule's hit stays unless the model's probability for its category is under that
 *   category's veto bar (happy shouting, "I deleted my Instagram"); a crisis hit is also dropped
 *   when the model reads the text as supporting someone and does not itself see a crisis;
 * - the model alone decides a category when its probability reaches the category's flag
 *   threshold; the hit names the category's rule, over the sentence that scored highest;
 * - on fewer than MIN_MODEL_WORDS words the rules decide alone; on fewer than BRIEF_WORDS, a
 *   crisis the model alone calls needs the `brief` bar too (a crisis the rules found stays);
 * - shouting alone is no reason to stop a post;
 * - the strongest action wins: crisis > hold > nudge > publish.
 */
export function decide(a: Analysis, m: Model | null, t: Thresholds | undefined = m?.thresholds, options: DecideOptions = {}): Verdict {
  // On a handful of words a linear model's probabilities swing to extremes ("Another post." read
  // as contempt): below MIN_MODEL_WORDS the rules decide alone.
  const p = a.probs && wordCount(a.norm.text, MIN_MODEL_WORDS) >= MIN_MODEL_WORDS ? a.probs : null;
  let hits = a.ruleHits;
  if (p && t) {
    // `settled` needs the words to say so too (a past told from safety, or help offered to
    // "you"): a long post's diluted crisis probability alone never talks a crisis down.
    const settled = t.settled !== undefined && t.settled <= 1 && (PAST_TOLD.test(a.norm.text) || SUPPORT_TO_YOU.test(a.norm.text));
    hits = [];
    for (const h of a.ruleHits) {
      const c = categoryOf(h.ruleId);
      const k = MODEL_CATEGORIES.indexOf(c);
      const score = p[k];
      // Crisis favours recall: the model never talks a crisis rule down on its own doubt, only
      // when it reads the text as support for someone else (and does not itself see a crisis).
      const keep =
        FIRM.has(h.ruleId) ||
        (h.action === 'crisis'
          ? !(p[SUPPORT] >= t.support && score < t.flag[c]) && !(settled && p[SUPPORT] >= t.settled! && p[SUPPORT] > score)
          : score >= t.veto[c]);
      if (keep) hits.push({ ...h, score: Math.round(score * 1000) / 1000 });
    }
    let sentences: Array<[number, number]> | null = null;
    for (let k = 0; k < MODEL_CATEGORIES.length; k++) {
      const c = MODEL_CATEGORIES[k];
      if (p[k] < t.flag[c] || hits.some((h) => categoryOf(h.ruleId) === c)) continue;
      // Support for someone else at risk is not a crisis of one's own, unless the model is surer of the crisis.
      if (k < 2 && p[SUPPORT] >= t.support && p[SUPPORT] > p[k]) continue;
      // A flat one-liner ("came home. she'd left the porch light on.") gives few n-grams: a crisis
      // the model alone calls there needs the `brief` bar as well.
      if (k < 3 && t.brief && p[k] < t.brief && wordCount(a.norm.text, BRIEF_WORDS) < BRIEF_WORDS) continue;
      // The same for a hold on a one-liner ("An ordinary post, from the person who wants her key."):
      // a few n-grams are not enough for the model alone to send a post to a moderator.
      if (k >= 3 && k < 6 && t.briefHold && p[k] < t.briefHold && wordCount(a.norm.text, BRIEF_WORDS) < BRIEF_WORDS) continue;
      // "Not sure" is a hold only when something is there to be unsure about: with no rule hit
      // at all, a hold the model alone calls needs the `holdAlone` bar ("Congratulations. This is
      // wonderful news." read as contempt at 0.7 by a model that learnt sarcasm's short replies).
      if (k >= 3 && k < 6 && t.holdAlone && p[k] < t.holdAlone && a.ruleHits.length === 0) continue;
      // A crisis the model alone calls, with no rule hit and no sentence that carries a word of
      // risk (cues.ts), needs the `crisisAlone` bar: a flat everyday post drifts to 0.3 on its
      // n-grams, an indirect warning sign usually names one of those words.
      if (k < 3 && t.crisisAlone && p[k] < t.crisisAlone && a.ruleHits.length === 0 && a.risk === false) continue;
      // An invitation ("could you give yourself some time…?") is the article's own way of giving
      // advice: with no rule behind it, the model must be sure before it calls it contempt or pressure.
      if ((c === 'harassment' || c === 'pressure') && a.ruleHits.length === 0 && p[k] < INVITATION_BAR && INVITATION.test(a.norm.text))
        continue;
      const rule = ruleById(CATEGORY_RULE[c])!;
      if (options.highlight !== false && m && !sentences) sentences = bestSentences(a, m);
      const [start, end] = sentences ? sentences[k] : [0, a.original.length];
      hits.push(hitOf(rule, start, end, a.original, { source: 'model', score: Math.round(p[k] * 1000) / 1000 }));
    }
  }
  // Capitals and "!!!" only sharpen what is already there: happy shouting alone never stops a post.
  if (hits.length > 0 && hits.every((h) => h.ruleId === 'pressure-shouting')) hits = [];
  hits.sort((x, y) => SEVERITY[y.action] - SEVERITY[x.action] || x.start - y.start || y.end - x.end);
  const action: ModerationAction = hits.length > 0 ? hits[0].action : 'publish';
  const version = versionOf(m);
  const verdict: Verdict = {
    action,
    hits,
    message: hits.length > 0 ? hits[0].message : null,
    engineVersion: version,
    rulesVersion: version,
  };
  if (action === 'crisis') verdict.concern = concern(a, hits, p, t);
  return verdict;
}

/**
 * Who is at risk in a crisis: `other` sends the resources for helping someone else. The model's
 * `other` head decides when a model is loaded; the wording of the crisis sentences decides too
 * (a worried friend is never told that they themselves are at risk when the words say otherwise).
 */
function concern(a: Analysis, hits: readonly RuleHit[], p: Float64Array | null, t: Thresholds | undefined): 'self' | 'other' {
  const crisis = hits.filter((h) => h.action === 'crisis');
  if (crisis.every((h) => categoryOf(h.ruleId) === 'threat')) return 'self';
  const text = a.norm.text;
  // Any sign that the writer is at risk themselves wins: sending them the resources for helping
  // someone else would be the costly mistake.
  if (FIRST_PERSON_RISK.test(text)) return 'self';
  if (p && t && p[OTHER] >= t.other) return 'other';
  const sentences = crisis.map((h) => {
    const [s, e] = [Math.max(0, h.start - 160), Math.min(a.original.length, h.end + 80)];
    return normalise(a.original.slice(s, e)).text;
  });
  if (
    sentences.length > 0 &&
    sentences.every((s) => THIRD_PERSON_AT_RISK.test(s) && !FIRST_PERSON_RISK.test(s)) &&
    !FIRST_PERSON_RISK.test(text)
  )
    return 'other';
  return 'self';
}

/** Every regex of the combination, for the linear-time spec. */
export const patterns: Readonly<Record<string, RegExp>> = {
  INVITATION,
  SENTENCE_END,
  THIRD_PERSON_AT_RISK,
  FIRST_PERSON_RISK,
  SUPPORT_TO_YOU,
  PAST_TOLD,
};
