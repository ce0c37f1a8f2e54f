import safeRegex from 'safe-regex2';
import { adversarialInputs } from '../eval/adversarial.mjs';
import { moderate } from './index.js';
import { NEGATION, REPORTED } from './match.js';
import { patterns as crisis } from './phases/crisis.js';
import { patterns as pressure } from './phases/pressure.js';
import { patterns as privacy } from './phases/privacy.js';
import { patterns as respect } from './phases/respect.js';
import { patterns as spam } from './phases/spam.js';

const all: Array<[string, RegExp]> = [
  ...Object.entries({ ...crisis, ...respect, ...privacy, ...spam, ...pressure }),
  ['NEGATION', NEGATION],
  ['REPORTED', REPORTED],
];

describe('regular expressions are linear', () => {
  // safe-regex2 rejects nested quantifiers (star height > 1), the shape behind catastrophic
  // backtracking. Its count limit is a heuristic for short regexes; ours are long word lists, so
  // only the star height is held against them.
  it.each(all)('%s has star height 1', (_name, re) => {
    expect(safeRegex(re, { limit: Number.MAX_SAFE_INTEGER })).toBe(true);
  });
});

describe('adversarial input', () => {
  const inputs = adversarialInputs();
  // The target is 10 ms on a quiet core (bench/bench.mjs prints it); the bound here leaves room
  // for a busy CI machine while still failing on anything super-linear (those take seconds).
  it.each(Object.entries(inputs))('%s (100 KB) is answered fast', (_name, text) => {
    moderate({ text });
    // CPU time of this process, so a busy machine's other work does not count.
    const cpuMs = (): number => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    };
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = cpuMs();
      const v = moderate({ text, kind: 'reply' });
      best = Math.min(best, cpuMs() - t);
      expect(v.action).not.toBe('publish');
    }
    expect(best).toBeLessThan(50);
  });
});
