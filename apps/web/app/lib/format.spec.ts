import { describe, expect, test } from '@jest/globals';
import { errorTitle, formatDate, formatDateTime, minutesLeft, relativeTime, sectionName } from './format';

describe('format', () => {
  test('dates are written out in full, in UTC, without relative words', () => {
    expect(formatDateTime('2026-11-25T21:05:00.000Z')).toBe('25 November 2026, 21:05 UTC');
    expect(formatDate('2026-11-01T00:00:00.000Z')).toBe('1 November 2026');
    expect(formatDateTime('not a date')).toBe('');
  });

  test('relative times say how long ago, as a person would', () => {
    const now = Date.parse('2026-12-06T12:00:00.000Z');
    const ago = (ms: number) => relativeTime(new Date(now - ms).toISOString(), now);
    expect(ago(20_000)).toBe('just now');
    expect(ago(-5_000)).toBe('just now');
    expect(ago(60_000)).toBe('1 minute ago');
    expect(ago(5 * 60_000 + 59_000)).toBe('5 minutes ago');
    expect(ago(2 * 3_600_000)).toBe('2 hours ago');
    expect(ago(25 * 3_600_000)).toBe('yesterday');
    expect(ago(3 * 86_400_000)).toBe('3 days ago');
    expect(ago(15 * 86_400_000)).toBe('2 weeks ago');
    expect(ago(400 * 86_400_000)).toBe('last year');
    expect(relativeTime('not a date', now)).toBe('');
  });

  test('the minutes left in the edit window are rounded up, never below zero', () => {
    const now = Date.parse('2026-12-06T12:00:00.000Z');
    const window = 30 * 60_000;
    expect(minutesLeft('2026-12-06T12:00:00.000Z', window, now)).toBe(30);
    expect(minutesLeft('2026-12-06T11:42:30.000Z', window, now)).toBe(13);
    expect(minutesLeft('2026-12-06T11:29:59.000Z', window, now)).toBe(0);
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
