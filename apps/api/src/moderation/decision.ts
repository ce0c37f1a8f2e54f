import { categoryOf, moderate, ruleById, type RuleHit, type Verdict } from '@steady/moderation';
import { PostStatus } from './post-status';
import type { StoredHit } from './stored-hit';

export enum PostOutcome {
  PUBLISHED = 'PUBLISHED',
  NUDGED = 'NUDGED',
  HELD = 'HELD',
  CRISIS = 'CRISIS',
}

/** Queue order: higher first, then oldest first. Crisis outranks every held or flagged item. */
export const PRIORITY = {
  CRISIS: 100,
  FLAGGED_DANGER: 90,
  HELD: 30,
  /** Hidden by three flags. */
  FLAGGED: 20,
  /** A rejected post its author changed and sent again. */
  APPEAL: 15,
  POSTED_ANYWAY: 10,
  /** Flagged once or twice: still visible, but a moderator should look. */
  FLAGGED_VISIBLE: 5,
} as const;

export const DECISION_MESSAGES = {
  published: 'Thank you for sharing. Your words are part of the conversation now.',
  held: 'A moderator will read this soon. Thank you for your patience.',
  postedAnyway: 'Thank you. A moderator will read this soon, and it will appear once they have. Thank you for your patience.',
  crisis:
    'Thank you for telling us. You matter, and you don’t have to carry this alone. If you might be in danger, please reach out to one of these services now.',
} as const;

/** On a crisis, whose safety is at stake: OTHER = the writer fears for someone else (show the resources for helping another person). */
export enum CrisisConcern {
  SELF = 'SELF',
  OTHER = 'OTHER',
}

/** The engine's `concern`, as the API shows it: set on a crisis only. */
export const concernOf = (verdict: Pick<Verdict, 'action' | 'concern'>): CrisisConcern | null =>
  verdict.action === 'crisis' ? (verdict.concern === 'other' ? CrisisConcern.OTHER : CrisisConcern.SELF) : null;

/** What the write path does with a post, decided before anything is stored. */
export interface Decision {
  outcome: PostOutcome;
  /** Null for a nudge: a nudged post is not stored. */
  status: PostStatus | null;
  crisis: boolean;
  /** Set on a crisis: whose safety is at stake. */
  concern: CrisisConcern | null;
  /** Queue priority, or null when nothing waits for a moderator. */
  priority: number | null;
  reasons: string[];
  hits: RuleHit[];
  message: string;
  rulesVersion: string;
}

export function decide(text: string, context: { section: string; kind: 'post' | 'reply'; acknowledgeNudge: boolean }): Decision {
  return fromVerdict(moderate({ text, section: context.section, kind: context.kind }), context.acknowledgeNudge);
}

export function fromVerdict(verdict: Verdict, acknowledgeNudge: boolean): Decision {
  const base = { hits: verdict.hits, rulesVersion: verdict.engineVersion, reasons: ruleIds(verdict.hits), concern: concernOf(verdict) };
  switch (verdict.action) {
    case 'crisis':
      return {
        ...base,
        outcome: PostOutcome.CRISIS,
        status: PostStatus.PENDING,
        crisis: true,
        priority: PRIORITY.CRISIS,
        message: verdict.message ?? DECISION_MESSAGES.crisis,
      };
    case 'hold':
      return {
        ...base,
        outcome: PostOutcome.HELD,
        status: PostStatus.PENDING,
        crisis: false,
        priority: PRIORITY.HELD,
        message: heldMessage(verdict.hits),
      };
    case 'nudge':
      if (acknowledgeNudge) {
        return {
          ...base,
          reasons: ['posted-anyway', ...base.reasons],
          outcome: PostOutcome.HELD,
          status: PostStatus.PENDING,
          crisis: false,
          priority: PRIORITY.POSTED_ANYWAY,
          message: DECISION_MESSAGES.postedAnyway,
        };
      }
      return {
        ...base,
        outcome: PostOutcome.NUDGED,
        status: null,
        crisis: false,
        priority: null,
        message: verdict.message ?? DECISION_MESSAGES.held,
      };
    default:
      return {
        ...base,
        outcome: PostOutcome.PUBLISHED,
        status: PostStatus.PUBLISHED,
        crisis: false,
        priority: null,
        message: DECISION_MESSAGES.published,
      };
  }
}

/**
 * A held post says which guideline it touches, as a nudge does (the rule's own words), then that a
 * moderator reads it first; without a rule to name, only the second part.
 */
export function heldMessage(hits: RuleHit[]): string {
  const first = hits[0];
  const rule = first ? ruleById(first.ruleId) : undefined;
  if (!first || !rule) return DECISION_MESSAGES.held;
  return `This touches the guideline “${rule.title}”: ${first.message} ${DECISION_MESSAGES.held}`;
}

function ruleIds(hits: RuleHit[]): string[] {
  return [...new Set(hits.map((h) => h.ruleId))];
}

/** A hit as the API shows it: the rule's words, where it is, and the model's reading when it had one. */
export function publicHit({ ruleId, principle, message, quote, start, end, score, source }: RuleHit | StoredHit) {
  return { ruleId, principle, message, quote, start, end, score: score ?? null, source: source ?? 'rules', category: categoryOf(ruleId) };
}

/** Hits as stored with a post: offsets and the rule's words, never the excerpt of the text. */
export function toStoredHits(hits: RuleHit[]): StoredHit[] {
  return hits.map(({ ruleId, principle, start, end, quote, message, score, source }) => ({
    ruleId,
    principle,
    start,
    end,
    quote,
    message,
    score,
    source,
  }));
}
