import { describe, expect, test } from '@jest/globals';
import { FLAG_NOTE_MAX } from '@steady/rules';
import { EMPTY_BODY_MESSAGE } from './post-body';
import { FLAG_NOTE_MESSAGE, FLAG_REASON_MESSAGE, parsePostIntent, REACTION_KIND_MESSAGE, UNKNOWN_INTENT_MESSAGE } from './post-intents';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
};

describe('the section page’s intents, one schema', () => {
  test('a new reply: trimmed words, empty fields left out, tokens cut to 100 characters', () => {
    const parsed = parsePostIntent(
      form({
        intent: 'create',
        body: '  Thank you.  ',
        sectionId: 's1',
        parentId: 'p1',
        idempotencyKey: 'k'.repeat(150),
        nudgeId: '',
        acknowledgeNudge: 'true',
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      intent: {
        intent: 'create',
        body: 'Thank you.',
        sectionId: 's1',
        parentId: 'p1',
        idempotencyKey: 'k'.repeat(100),
        nudgeId: undefined,
        acknowledgeNudge: true,
      },
    });
  });

  test('after a nudge without JavaScript, "edit my words" comes back as the choice; any other value is not said', () => {
    const nudged = (choice: string) =>
      parsePostIntent(form({ intent: 'create', body: 'Leave him.', sectionId: 's1', choice, nudgeMessage: 'A gentle word.' }));
    expect(nudged('edit')).toMatchObject({ ok: true, intent: { choice: 'edit', nudgeMessage: 'A gentle word.' } });
    expect(nudged('post')).toMatchObject({ ok: true, intent: { choice: undefined } });
  });

  test('empty words are refused beside the field', () => {
    expect(parsePostIntent(form({ intent: 'edit', body: '   ', postId: 'p1' }))).toEqual({
      ok: false,
      errors: { body: EMPTY_BODY_MESSAGE },
    });
    expect(parsePostIntent(form({ intent: 'create', sectionId: 's1' }))).toEqual({ ok: false, errors: { body: EMPTY_BODY_MESSAGE } });
  });

  test('an unknown or missing intent asks for a reload', () => {
    expect(parsePostIntent(form({ intent: 'shout', postId: 'p1' }))).toEqual({ ok: false, errors: { form: UNKNOWN_INTENT_MESSAGE } });
    expect(parsePostIntent(form({ postId: 'p1' }))).toEqual({ ok: false, errors: { form: UNKNOWN_INTENT_MESSAGE } });
  });

  test('reactions and flag reasons are the schema’s own', () => {
    expect(parsePostIntent(form({ intent: 'react', postId: 'p1', kind: 'HUG' }))).toEqual({
      ok: true,
      intent: { intent: 'react', postId: 'p1', kind: 'HUG' },
    });
    expect(parsePostIntent(form({ intent: 'react', postId: 'p1', kind: 'DOWNVOTE' }))).toEqual({
      ok: false,
      errors: { form: REACTION_KIND_MESSAGE },
    });
    expect(parsePostIntent(form({ intent: 'flag', postId: 'p1', reason: 'NOPE' }))).toEqual({
      ok: false,
      errors: { form: FLAG_REASON_MESSAGE },
    });
  });

  test('a flag note is trimmed and kept to FLAG_NOTE_MAX characters', () => {
    const fits = ` ${'n'.repeat(FLAG_NOTE_MAX)} `;
    expect(parsePostIntent(form({ intent: 'flag', postId: 'p1', reason: 'SPAM', note: fits }))).toEqual({
      ok: true,
      intent: { intent: 'flag', postId: 'p1', reason: 'SPAM', note: 'n'.repeat(FLAG_NOTE_MAX) },
    });
    expect(parsePostIntent(form({ intent: 'flag', postId: 'p1', reason: 'SPAM', note: 'n'.repeat(FLAG_NOTE_MAX + 1) }))).toEqual({
      ok: false,
      errors: { form: FLAG_NOTE_MESSAGE },
    });
  });
});
