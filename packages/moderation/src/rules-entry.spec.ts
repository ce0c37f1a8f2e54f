import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as rulesOnly from './rules-entry.js';
import { analyse, decide, moderate } from './index.js';

/** Every source module reachable from `entry` through relative imports (static and dynamic). */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(join(__dirname, file), 'utf8');
    for (const m of source.matchAll(/(?:from|import\()\s*'(\.\/[^']+)\.js'/g)) {
      const rel = join(file, '..', m[1]).replace(/\\/g, '/');
      stack.push(`${rel}.ts`);
    }
  }
  return seen;
}

describe('@steady/moderation/rules (the live hint’s entry point)', () => {
  it('never imports the model’s weights', () => {
    const files = reachable('rules-entry.ts');
    expect(files.has('pipeline.ts')).toBe(true);
    expect(files.has('model/weights.ts')).toBe(false);
    expect(files.has('model/model.ts')).toBe(false);
    // The full engine does reach them (so the check above could fail).
    expect(reachable('index.ts').has('model/weights.ts')).toBe(true);
  });

  it('gives the rules’ verdict, marked as a verdict without a model', () => {
    for (const text of ['Just leave him.', 'I want to die.', 'Thank you all, we had a good talk last night.', 'email me at a@b.co']) {
      const v = rulesOnly.moderate({ text });
      expect(v).toEqual({ ...decide(analyse({ text }, null), null) });
      expect(v.engineVersion).toBe(rulesOnly.engineVersion);
      expect(v.engineVersion).toMatch(/\+none$/);
    }
  });

  it('can be weaker than the server’s verdict: the model sees what no rule words', () => {
    // Indirect warning sign (giving things away, a date) with no rule phrase in it.
    const text =
      'I have been sorting out who gets my guitar and the dog. Friday feels like the right day. Thanks for everything, all of you.';
    expect(moderate({ text }).action).toBe('crisis');
    expect(rulesOnly.moderate({ text }).action).not.toBe('crisis');
  });
});
