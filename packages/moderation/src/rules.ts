import { crisisRules } from './phases/crisis.js';
import { pressureRules } from './phases/pressure.js';
import { privacyRules } from './phases/privacy.js';
import { respectRules } from './phases/respect.js';
import { spamRules } from './phases/spam.js';
import type { Guideline, Principle, RejectReason, Rule } from './types.js';

/**
 * Bump when a rule is added, removed or changes what it catches, or when the way rules and
 * model combine changes (the decision's bars, the cues the model reads), so a stored verdict can
 * say what produced it. Format: <date>.<n>.
 */
export const rulesVersion = '2026-12-07.2';

/** Coral-style phases, in order: each is a list of rules run over the same normalised text. */
export const phases: ReadonlyArray<{ name: string; rules: readonly Rule[] }> = [
  { name: 'crisis', rules: crisisRules },
  { name: 'respect', rules: respectRules },
  { name: 'privacy', rules: privacyRules },
  { name: 'spam', rules: spamRules },
  { name: 'pressure', rules: pressureRules },
];

export const rules: readonly Rule[] = phases.flatMap((p) => p.rules);

/** The article's three conditions first, then its warnings. */
export const principles: readonly Principle[] = [
  'Safety',
  'Predictability',
  'Respect',
  'Urgency',
  'Intensity',
  'Demands',
  'Chasing reassurance',
  'Old wounds in constant focus',
  'Doom',
];

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}

/** What the /guidelines page lists, ordered by principle. */
export function guidelines(): Guideline[] {
  return [...rules]
    .sort((a, b) => principles.indexOf(a.principle) - principles.indexOf(b.principle))
    .map(({ id, principle, title, description, quote }) => ({ id, principle, title, description, quote }));
}

/**
 * Reasons a moderator can give when rejecting a held post: one per rule (same id), plus a
 * general one. `text` is what the author sees.
 */
export function rejectReasons(): RejectReason[] {
  return [
    ...rules.map((r) => ({ id: r.id, principle: r.principle, title: r.title, text: r.rejectText, ruleIds: [r.id] })),
    {
      id: 'other',
      principle: 'Respect',
      title: 'Not a fit for this space',
      text: 'Your post was not published because it doesn’t fit this space as it stands; you are welcome to try again in your own words.',
      ruleIds: [],
    },
  ];
}
