import { model, modelVersion, type Model } from './model/model.js';
import { analyse as analyseWith, decide, type Analysis } from './pipeline.js';
import { rulesVersion } from './rules.js';
import type { ModerateInput, Verdict } from './types.js';

/** Rules and the committed model together; stored with every verdict. */
export const engineVersion = `${rulesVersion}+${modelVersion}`;

/** What the rules found and what the model (the committed one unless given) thinks, before they are combined. */
export function analyse(input: ModerateInput, m: Model | null = model()): Analysis {
  return analyseWith(input, m);
}

/** The verdict of the whole engine: rules and the committed model. */
export function moderate(input: ModerateInput): Verdict {
  const m = model();
  return decide(analyseWith(input, m), m);
}
