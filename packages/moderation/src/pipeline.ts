import { createContext } from './context.js';
import { normalise, toOriginal } from './normalise.js';
import { phases, rulesVersion } from './rules.js';
import type { ModerateInput, ModerationAction, Range, Rule, RuleHit, Verdict } from './types.js';

const SEVERITY: Readonly<Record<ModerationAction, number>> = { publish: 0, nudge: 1, hold: 2, crisis: 3 };

/**
 * The engine reads at most this many normalised characters (about 1,500 words, far beyond a
 * forum post). Longer text is held for a moderator by the spam-too-long rule rather than
 * half-read: this keeps every verdict under a few milliseconds, whatever the input.
 */
export const MAX_LENGTH = 8_000;
/** Original characters normalised before cutting (runs of one character shrink to eight). */
const MAX_ORIGINAL = Math.round(1.5 * MAX_LENGTH);

function hitsFor(rule: Rule, ranges: readonly Range[], original: string, norm: ReturnType<typeof normalise>): RuleHit[] {
  const seen = new Set<string>();
  const hits: RuleHit[] = [];
  for (const [s, e] of ranges) {
    const [start, end] = toOriginal(norm, s, e);
    const key = `${start}:${end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    hits.push({
      ruleId: rule.id,
      principle: rule.principle,
      start,
      end,
      quote: rule.quote,
      message: rule.message,
      excerpt: original.slice(start, end),
      action: rule.action,
    });
  }
  return hits;
}

/** Runs every phase; a rule that throws is skipped so one bad detector never blocks a post. */
export function moderate(input: ModerateInput): Verdict {
  const original = typeof input?.text === 'string' ? input.text : '';
  const kind = input?.kind === 'reply' ? 'reply' : 'post';
  let norm = normalise(original, MAX_ORIGINAL);
  let truncatedAt: number | null = original.length > MAX_ORIGINAL ? MAX_ORIGINAL : null;
  if (norm.text.length > MAX_LENGTH) {
    truncatedAt = norm.starts[MAX_LENGTH]!;
    norm = { ...norm, text: norm.text.slice(0, MAX_LENGTH), cased: norm.cased.slice(0, MAX_LENGTH), starts: norm.starts.slice(0, MAX_LENGTH), ends: norm.ends.slice(0, MAX_LENGTH) };
  }
  const ctx = createContext(norm.text, norm.cased, kind, input?.section ?? null, truncatedAt);
  const hits: RuleHit[] = [];
  for (const phase of phases) {
    for (const rule of phase.rules) {
      let ranges: readonly Range[];
      try {
        ranges = rule.detect(norm.text, ctx);
      } catch {
        continue;
      }
      if (ranges.length > 0) hits.push(...hitsFor(rule, ranges, original, norm));
    }
  }
  hits.sort((a, b) => SEVERITY[b.action] - SEVERITY[a.action] || a.start - b.start || b.end - a.end);
  const action: ModerationAction = hits.length > 0 ? hits[0]!.action : 'publish';
  return { action, hits, message: hits.length > 0 ? hits[0]!.message : null, rulesVersion };
}
