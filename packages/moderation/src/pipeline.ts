import { createContext } from './context.js';
import { normalise, toOriginal } from './normalise.js';
import { phases, rulesVersion } from './rules.js';
import type { ModerateInput, ModerationAction, Range, Rule, RuleHit, Verdict } from './types.js';

const SEVERITY: Readonly<Record<ModerationAction, number>> = { publish: 0, nudge: 1, hold: 2, crisis: 3 };

/** Longer input is cut for matching (the API refuses far shorter bodies); offsets stay valid. */
export const MAX_LENGTH = 100_000;

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
  const original = typeof input?.text === 'string' ? input.text.slice(0, MAX_LENGTH) : '';
  const kind = input?.kind === 'reply' ? 'reply' : 'post';
  const norm = normalise(original);
  const ctx = createContext(norm.text, norm.cased, kind, input?.section ?? null);
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
