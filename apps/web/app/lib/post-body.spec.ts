import { describe, expect, test } from '@jest/globals';
import { checkPostBody, EMPTY_BODY_MESSAGE, LONG_BODY_MESSAGE, POST_BODY_MAX } from './post-body';

describe('checkPostBody (the same rule in the browser and the action)', () => {
  test('trims the words', () => {
    expect(checkPostBody('  Thank you for this.  \n')).toEqual({ ok: true, body: 'Thank you for this.' });
  });

  test.each([[''], ['   \n\t '], [undefined], [null]])('refuses %p calmly', (value) => {
    expect(checkPostBody(value)).toEqual({ ok: false, message: EMPTY_BODY_MESSAGE });
  });

  test('takes exactly 5,000 characters after trimming, and refuses one more', () => {
    expect(checkPostBody(` ${'a'.repeat(POST_BODY_MAX)} `)).toMatchObject({ ok: true });
    expect(checkPostBody('a'.repeat(POST_BODY_MAX + 1))).toEqual({ ok: false, message: LONG_BODY_MESSAGE });
  });

  test('counts characters as people see them, as the API does', () => {
    expect(checkPostBody('🌱'.repeat(POST_BODY_MAX))).toMatchObject({ ok: true });
    expect(checkPostBody('🌱'.repeat(POST_BODY_MAX + 1))).toMatchObject({ ok: false });
  });
});
