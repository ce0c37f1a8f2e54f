import { FEATURE_DIM } from './features.js';
import { createModel, decodeWeights, type Model } from './core.js';
import { MODEL_DATA } from './weights.js';

export * from './core.js';

let loaded: Model | null | undefined;

/** The committed model, decoded on first use (null when no model has been trained yet). */
export function model(): Model | null {
  if (loaded === undefined) {
    const data = MODEL_DATA;
    loaded = data.data.length > 0 && data.dim === FEATURE_DIM ? createModel(data, decodeWeights(data)) : null;
  }
  return loaded;
}

export const modelVersion: string = MODEL_DATA.data.length > 0 ? MODEL_DATA.version : 'none';
