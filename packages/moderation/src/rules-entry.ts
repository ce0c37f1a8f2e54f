/**
 * `@steady/moderation/rules`: the rules alone, without the learned layer's weights (about 1.5 MB).
 * For the browser's live hint while someone types: quick and light. The server's verdict (rules
 * and model, `@steady/moderation`) is the one that counts, and may be stronger.
 */
import { analyse, decide, versionOf } from './pipeline.js';
import type { ModerateInput, Verdict } from './types.js';

/** The rules' version with `+none` for the model: what a rules-only verdict carries. */
export const engineVersion = versionOf(null);

/** The rules' verdict alone (no model): never throws; odd input gives `publish`. */
export function moderate(input: ModerateInput): Verdict {
  return decide(analyse(input, null), null);
}

export * from './rules-api.js';
