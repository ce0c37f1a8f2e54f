import { describe, expect, test } from '@jest/globals';
import { errorTitle, formatDate, formatDateTime, sectionName } from './format';

describe('format', () => {
  test('dates are written out in full, in UTC, without relative words', () => {
    expect(formatDateTime('2026-11-25T21:05:00.000Z')).toBe('25 November 2026, 21:05 UTC');
    expect(formatDate('2026-11-01T00:00:00.000Z')).toBe('1 November 2026');
    expect(formatDateTime('not a date')).toBe('');
  });

  test('the untitled intro section is called "Introduction"', () => {
    expect(sectionName('')).toBe('Introduction');
    expect(sectionName('  ')).toBe('Introduction');
    expect(sectionName('A quiet reminder')).toBe('A quiet reminder');
  });

  test('error pages get a title that says what happened', () => {
    expect(errorTitle({ status: 404 })).toBe('Page not found · Steady');
    expect(errorTitle({ status: 503 })).toMatch(/can't reach/);
    expect(errorTitle(new Error('boom'))).toBe('Something went wrong · Steady');
  });
});
