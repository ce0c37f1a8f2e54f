import { describe, expect, test } from '@jest/globals';
import type { PostView } from './posts.server';
import { flattenUnder, repliesHref } from './replies';

const post = (id: string, minute: number, pseudonym: string, replies: PostView[] = [], replyTo: string | null = null) =>
  ({ id, pseudonym, createdAt: `2026-12-01T10:${String(minute).padStart(2, '0')}:00.000Z`, replies, replyTo }) as unknown as PostView;

describe('the replies a thread page leaves out (ADR 025)', () => {
  test('lead to the page of that post’s replies', () => {
    expect(repliesHref('rebuilding-connection', 'intro', '42')).toBe('/articles/rebuilding-connection/intro/replies/42');
  });

  test('opened under a reply, they read as the thread page shows them: one list in time order, deeper ones saying whom they answer', () => {
    const loaded = [
      post('a', 1, 'Calm Heron', [post('c', 3, 'Quiet Fox'), post('d', 5, 'Kind Wren', [], 'Quiet Fox')]),
      post('b', 2, 'Warm Elk', [post('e', 4, 'Soft Owl')]),
    ];
    const flat = flattenUnder(loaded);
    expect(flat.map((p) => [p.id, p.replyTo])).toEqual([
      ['a', null],
      ['b', null],
      ['c', 'Calm Heron'],
      ['e', 'Warm Elk'],
      ['d', 'Quiet Fox'],
    ]);
    expect(flat.every((p) => p.replies.length === 0)).toBe(true);
  });
});
