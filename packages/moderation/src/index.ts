import { engineVersion } from './engine.js';
/** @deprecated The engine is rules and a model now: use `engineVersion` (same value). */
export const rulesVersion: string = engineVersion;
export { moderate, engineVersion, analyse } from './engine.js';
export { decide, versionOf, ruleSignals, signalsFor, cueFeatures, CATEGORY_RULE, RULE_CATEGORY, categoryOf } from './pipeline.js';
export { sentenceCues } from './cues.js';
export type { Analysis, DecideOptions } from './pipeline.js';
export { featurize, FEATURE_DIM } from './model/features.js';
export { model, createModel, decodeWeights, encodeWeights, MODEL_CATEGORIES, MODEL_OUTPUTS, modelVersion } from './model/model.js';
export type { Model, ModelData, ModelCategory, Thresholds } from './model/model.js';
export * from './rules-api.js';
export { quotes as articleQuotes } from './article.js';
export { moderateLine, moderateLines } from './cli.js';
