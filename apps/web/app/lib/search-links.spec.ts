import { describe, expect, test } from '@jest/globals';
import { onlyMarks, threadHref } from './search-links';

describe('search links', () => {
  test('a snippet keeps only <mark>: any other tag shows as text', () => {
    expect(onlyMarks('a <mark>word</mark> here')).toBe('a <mark>word</mark> here');
    expect(onlyMarks('<script>x</script> <mark onclick="x">y</mark> <img src=x>')).toBe(
      '&lt;script>x&lt;/script> &lt;mark onclick="x">y</mark> &lt;img src=x>',
    );
  });

  test('a hit links to the page of its thread that shows it, at the post', () => {
    const hit = { section: { slug: 'a-quiet-reminder' }, post: { id: '42' } };
    expect(threadHref('rebuilding-connection', { ...hit, threadAfter: null })).toBe(
      '/articles/rebuilding-connection/a-quiet-reminder#post-42',
    );
    expect(threadHref('rebuilding-connection', { ...hit, threadAfter: 'cDoxMA' })).toBe(
      '/articles/rebuilding-connection/a-quiet-reminder?after=cDoxMA#post-42',
    );
  });
});
