import { describe, expect, test } from '@jest/globals';
import { flagHref, safeBack } from './flag-page';

const THREAD = '/articles/rebuilding/a-quiet-reminder';
const back = (value: string | null) => safeBack(value, 'rebuilding', 'a-quiet-reminder');

describe('the flag page leads back only to this section’s own pages', () => {
  test.each([
    [THREAD, THREAD],
    [`${THREAD}?after=cDoxMjM`, `${THREAD}?after=cDoxMjM`],
    [`${THREAD}/replies/42`, `${THREAD}/replies/42`],
    [`${THREAD}/replies/42?after=cDoxMjM`, `${THREAD}/replies/42?after=cDoxMjM`],
  ])('%s is kept', (given, expected) => {
    expect(back(given)).toBe(expected);
  });

  test.each([
    null,
    '',
    'https://example.com/',
    '//example.com/articles/rebuilding/a-quiet-reminder',
    '/\\example.com',
    'javascript:alert(1)',
    '/articles/rebuilding/another-section',
    `${THREAD}-more`,
    `${THREAD}/`,
    `${THREAD}/replies/`,
    `${THREAD}/replies/42/extra`,
    `${THREAD}/replies/abc`,
    `${THREAD}/flag/42`,
    `${THREAD}/../../me`,
    `${THREAD}?next=https://example.com`,
    `${THREAD}?after=cDoxMjM&next=/me`,
    `${THREAD}?after=<script>`,
    `${THREAD}?after=a?b`,
    `${THREAD}#post-1`,
    `${THREAD}\r\nLocation: https://example.com`,
  ])('%p falls back to the first page', (given: string | null) => {
    expect(back(given)).toBe(THREAD);
  });

  test('the link carries where the reader is, encoded', () => {
    expect(flagHref('rebuilding', 'a-quiet-reminder', '7', `${THREAD}?after=cDoxMjM`)).toBe(
      `${THREAD}/flag/7?back=%2Farticles%2Frebuilding%2Fa-quiet-reminder%3Fafter%3DcDoxMjM`,
    );
  });
});
