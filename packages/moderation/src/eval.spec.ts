import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { moderate } from './index.js';

type Item = { id: string; text: string; label: 'publish' | 'nudge' | 'hold' | 'crisis'; kind?: 'post' | 'reply'; section?: string };
const load = (file: string): Item[] =>
  readFileSync(join(__dirname, '../eval', file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Item);

// A regression guard on the development set (the rules were tuned on it, so it must stay green).
// The held-out figures are reported by `npm run eval`, not asserted.
describe('development set', () => {
  const items = load('dev.jsonl');
  const got = items.map((i) => ({ ...i, action: moderate({ text: i.text, kind: i.kind, section: i.section }).action }));
  const rate = (label: Item['label'], ok: (a: string) => boolean): number => {
    const of = got.filter((g) => g.label === label);
    return of.filter((g) => ok(g.action)).length / of.length;
  };

  it('is big enough and covers every label', () => {
    expect(items.length).toBeGreaterThanOrEqual(300);
    for (const l of ['publish', 'nudge', 'hold', 'crisis'] as const) expect(items.some((i) => i.label === l)).toBe(true);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    const publish = items.filter((i) => i.label === 'publish');
    expect(publish.filter((i) => (i as Item & { hard?: boolean }).hard).length).toBeGreaterThanOrEqual(publish.length / 3);
  });

  it('meets the targets', () => {
    expect(rate('publish', (a) => a !== 'publish')).toBeLessThanOrEqual(0.03);
    expect(rate('crisis', (a) => a === 'crisis')).toBeGreaterThanOrEqual(0.95);
    expect(rate('hold', (a) => a === 'hold' || a === 'crisis')).toBeGreaterThanOrEqual(0.9);
    expect(rate('nudge', (a) => a !== 'publish')).toBeGreaterThanOrEqual(0.8);
  });
});
