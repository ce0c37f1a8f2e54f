// What both entry points share: the rules, normalising and the types (`@steady/moderation` adds
// the learned layer; `@steady/moderation/rules` is this alone, for the browser's live hint).
export { MAX_LENGTH } from './pipeline.js';
export { rules, principles, guidelines, rejectReasons, ruleById, phases } from './rules.js';
export { normalise, toOriginal } from './normalise.js';
export type { Normalised } from './normalise.js';
export type {
  ModerationAction,
  Principle,
  RuleCategory,
  PostKind,
  ModerateInput,
  RuleHit,
  Verdict,
  Guideline,
  RejectReason,
  Rule,
  Range,
  DetectContext,
} from './types.js';
