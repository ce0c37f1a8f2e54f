export { moderate, MAX_LENGTH } from './pipeline.js';
export { rules, rulesVersion, principles, guidelines, rejectReasons, ruleById, phases } from './rules.js';
export { normalise, toOriginal } from './normalise.js';
export type { Normalised } from './normalise.js';
export { quotes as articleQuotes } from './article.js';
export { moderateLine, moderateLines } from './cli.js';
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
