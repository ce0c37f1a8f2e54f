import { describe, expect, test } from '@jest/globals';
import { priorityLabel } from './words';

describe('a queue card’s heading', () => {
  test('an appeal says it was sent again for review, not that it was posted after a nudge', () => {
    expect(priorityLabel(15, 0)).toEqual({ text: 'Sent again for review', tone: 'calm' });
    expect(priorityLabel(10, 0).text).toBe('Posted after a nudge');
    expect(priorityLabel(20, 3).text).toBe('Flagged by readers (3), hidden for now');
  });
});
