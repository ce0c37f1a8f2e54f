import { engineVersion } from './engine.js';
/** @deprecated The engine is rules and a model now: use `engineVersion` (same value). */
export const rulesVersion: string = engineVersion;
export { moderate, engineVersion, analyse } from './engine.js';
export { MAX_LENGTH, decide, versionOf, ruleSignals, signalsFor, CATEGORY_RULE, RULE_CATEGORY, categoryOf } from './pipeline.js';
export type { Analysis, DecideOptions } from './pipeline.js';
export { featurize, FEATURE_DIM } from './model/features.js';
export { model, createModel, decodeWeights, encodeWeights, MODEL_CATEGORIES, MODEL_OUTPUTS, modelVersion } from './model/model.js';
export type { Model, ModelData, ModelCategory, Thresholds } from './model/model.js';
export { rules, principles, guidelines, rejectReasons, ruleById, phases } from './rules.js';
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
