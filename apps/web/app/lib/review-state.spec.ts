import { describe, expect, test } from '@jest/globals';
import { pendingWords, statusNote } from './review-state';

describe('what an author reads about a post that is not in the thread', () => {
  test('a crisis post a moderator marked handled is no longer "waiting", in the thread or on "Your posts"', () => {
    expect(pendingWords('HANDLED')).toMatch(/looking out for you/);
    expect(pendingWords('HANDLED')).not.toMatch(/Waiting/);
    expect(statusNote({ status: 'PENDING', reviewState: 'HANDLED' })).toBe('Read by a moderator');
  });

  test('a post still waiting says so', () => {
    expect(pendingWords('WAITING')).toMatch(/^Waiting for a moderator/);
    expect(pendingWords(null)).toMatch(/^Waiting for a moderator/);
    expect(statusNote({ status: 'PENDING', reviewState: 'WAITING' })).toBe('Waiting for a moderator');
    expect(statusNote({ status: 'PENDING' })).toBe('Waiting for a moderator');
  });

  test('the other states keep their words', () => {
    expect(statusNote({ status: 'REJECTED', reviewState: 'NOT_PUBLISHED' })).toBe('Not published');
    expect(statusNote({ status: 'PUBLISHED', reviewState: 'PUBLISHED' })).toBe('Published');
    expect(statusNote({ status: 'DELETED' })).toBe('Removed by you');
    expect(statusNote({ status: 'PUBLISHED', reviewState: null })).toBeNull();
  });
});
