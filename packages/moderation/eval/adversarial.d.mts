/** See adversarial.mjs. */
export function adversarialInputs(size?: number): Record<string, string>;
