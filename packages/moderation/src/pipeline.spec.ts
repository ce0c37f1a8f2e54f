import { analyse, decide, moderate, MAX_LENGTH, rulesVersion } from './index.js';

// The rules layer alone (no model): precedence, quotes and context are the rules' business.
const rulesOnly = (input: Parameters<typeof moderate>[0]) => decide(analyse(input, null), null);
import { quotes } from './article.js';

describe('moderate', () => {
  it('publishes ordinary posts with no hits and no message', () => {
    const v = moderate({ text: 'We’ve been married eleven years and lately it feels like we’re roommates. Any advice?' });
    expect(v).toEqual({ action: 'publish', hits: [], message: null, engineVersion: rulesVersion, rulesVersion });
  });

  it('applies precedence crisis > hold > nudge > publish, and the top hit speaks', () => {
    const nudge = moderate({ text: 'You need to confront him tonight.', kind: 'reply' });
    expect(nudge.action).toBe('nudge');
    const hold = rulesOnly({ text: 'You need to confront him tonight, you pathetic loser.', kind: 'reply' });
    expect(hold.action).toBe('hold');
    expect(hold.hits[0].action).toBe('hold');
    expect(hold.message).toBe(hold.hits[0].message);
    const crisis = moderate({ text: 'You pathetic loser. I want to die.', kind: 'reply' });
    expect(crisis.action).toBe('crisis');
    expect(crisis.hits.map((h) => h.action)).toEqual(
      [...crisis.hits.map((h) => h.action)].sort((a, b) => ['crisis', 'hold', 'nudge'].indexOf(a) - ['crisis', 'hold', 'nudge'].indexOf(b)),
    );
  });

  it('gives each hit the rule’s principle, the article’s quote and a gentle message', () => {
    const v = moderate({ text: 'Tell him it’s counselling or divorce.', kind: 'reply' });
    const hit = v.hits.find((h) => h.ruleId === 'pressure-ultimatum')!;
    expect(hit).toMatchObject({ principle: 'Demands', quote: quotes.urgency });
    expect(v.message).toBe(
      'Connection doesn’t return through urgency or intensity. Could you say this in a way that leaves the other person room?',
    );
  });

  it('does not fire on a quote of the article', () => {
    expect(
      moderate({
        text: 'The article says “Connection doesn’t return through urgency or intensity.” and “Feeling afraid does not mean your marriage is over.”',
      }).action,
    ).toBe('publish');
  });

  it('does not fire on reported speech or negation', () => {
    expect(rulesOnly({ text: 'Last year she said "you’re pathetic" and it still hurts.' }).action).toBe('publish');
    expect(rulesOnly({ text: 'I’m not saying you must leave him.', kind: 'reply' }).action).toBe('publish');
  });

  it('is pure: the same input gives the same verdict, and inputs are not mutated', () => {
    const input = Object.freeze({ text: 'You’re overreacting.', kind: 'reply' as const, section: 'rebuilding-connection' });
    expect(moderate(input)).toEqual(moderate(input));
  });

  it('never throws on odd input', () => {
    for (const text of ['', ' ', '\u0000', '\uD800', '😀'.repeat(10), 'a'.repeat(MAX_LENGTH * 3)]) {
      expect(() => moderate({ text })).not.toThrow();
    }
    expect(moderate({ text: undefined as unknown as string }).action).toBe('publish');
    expect(moderate(null as unknown as { text: string }).action).toBe('publish');
  });

  it('holds text longer than the engine reads, still finding a crisis at its start', () => {
    const long = 'I want to die. ' + 'We talked about the weather and the garden. '.repeat(400);
    const v = moderate({ text: long });
    expect(v.action).toBe('crisis');
    expect(v.hits.map((h) => h.ruleId)).toContain('spam-too-long');
  });

  it('accepts the section and the post kind as context', () => {
    expect(rulesOnly({ text: 'Tonight.', kind: 'reply', section: 'where-rebuilding-usually-begins' }).action).toBe('nudge');
    expect(rulesOnly({ text: 'Tonight.', kind: 'post' }).action).toBe('publish');
  });
});
