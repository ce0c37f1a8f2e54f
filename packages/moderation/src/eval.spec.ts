import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { moderate } from './index.js';

// The corpus (corpus/batches, written for this project by independent writers) and its splits.
// Figures on the test split are reported by `npm run eval`, never asserted here: a test that
// failed on them would invite tuning on the test split. What is asserted is the protocol itself,
// and a regression floor on the validation split, which thresholds are chosen on anyway.
type Item = {
  id: string;
  text: string;
  label: 'publish' | 'nudge' | 'hold' | 'crisis';
  category: string;
  kind?: 'post' | 'reply';
  tag?: string;
};
const dir = join(__dirname, '..', 'corpus', 'batches');
const items: Item[] = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) =>
    readFileSync(join(dir, f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Item),
  );
const ledger = readFileSync(join(__dirname, '..', 'corpus', 'ledger.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { type: string; batch: string; figures: { size: number } });

// Same hash as scripts/corpus.mjs (FNV-1a of the id).
const splitOf = (id: string): string => {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  const b = h % 100;
  return b < 20 ? 'test' : b < 30 ? 'validation' : 'train';
};

describe('the corpus and its blind protocol', () => {
  it('has a blind score in the ledger for every batch in the corpus', () => {
    const blind = new Set(ledger.filter((r) => r.type === 'blind').map((r) => r.batch));
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.jsonl')))
      expect([f, blind.has(f.replace(/\.jsonl$/, ''))]).toEqual([f, true]);
  });

  it('splits by a stable hash of the id, about 20 / 10 / 70', () => {
    const n = { test: 0, validation: 0, train: 0 } as Record<string, number>;
    for (const i of items) n[splitOf(i.id)]++;
    expect(n.test / items.length).toBeGreaterThan(0.15);
    expect(n.test / items.length).toBeLessThan(0.25);
    expect(n.validation / items.length).toBeGreaterThan(0.06);
    expect(splitOf('w1-b01-001')).toBe(splitOf('w1-b01-001'));
  });

  it('keeps the old project sets as project sets (they are never reported as blind)', () => {
    const dev = readFileSync(join(__dirname, '..', 'eval', 'dev.jsonl'), 'utf8');
    expect(dev.length).toBeGreaterThan(0);
    expect(items.some((i) => /^d\d+$/.test(i.id))).toBe(false);
  });
});

describe('validation split (regression floor, not the targets)', () => {
  const validation = items.filter((i) => splitOf(i.id) === 'validation');
  const got = validation.map((i) => ({ ...i, action: moderate({ text: i.text, kind: i.kind === 'reply' ? 'reply' : 'post' }).action }));
  const rate = (label: Item['label'], ok: (a: string) => boolean): number => {
    const of = got.filter((g) => g.label === label);
    return of.filter((g) => ok(g.action)).length / of.length;
  };

  it('is big enough to mean something', () => {
    expect(validation.length).toBeGreaterThanOrEqual(200);
  });

  // Floors a little under what the committed model measures (README, "Evaluation"), so that a
  // change that breaks the engine fails here; they are not the targets.
  it('stays above its floors', () => {
    expect(rate('crisis', (a) => a === 'crisis')).toBeGreaterThanOrEqual(0.85);
    expect(rate('hold', (a) => a === 'hold' || a === 'crisis')).toBeGreaterThanOrEqual(0.75);
    expect(rate('nudge', (a) => a !== 'publish')).toBeGreaterThanOrEqual(0.6);
    expect(rate('publish', (a) => a !== 'publish')).toBeLessThanOrEqual(0.25);
  });
});
