import { EDIT_WINDOW_MS, fitsBodyLimit, POST_BODY_MAX, spelled, withinEditWindow } from './index.js';

describe('shared rules', () => {
  test('a body fits at exactly POST_BODY_MAX code points, not one more', () => {
    expect(fitsBodyLimit('a'.repeat(POST_BODY_MAX))).toBe(true);
    expect(fitsBodyLimit('a'.repeat(POST_BODY_MAX + 1))).toBe(false);
    // An emoji is two UTF-16 units but one character to the person typing it.
    expect(fitsBodyLimit('🌱'.repeat(POST_BODY_MAX))).toBe(true);
    expect(fitsBodyLimit('🌱'.repeat(POST_BODY_MAX + 1))).toBe(false);
  });

  test('the edit window closes after EDIT_WINDOW_MS', () => {
    const createdAt = Date.UTC(2026, 0, 1);
    expect(withinEditWindow(createdAt, createdAt + EDIT_WINDOW_MS)).toBe(true);
    expect(withinEditWindow(createdAt, createdAt + EDIT_WINDOW_MS + 1)).toBe(false);
  });

  test('limits are spelled as people read them', () => {
    expect(spelled(POST_BODY_MAX)).toBe('5,000');
  });
});
