// Dates are written out in full, in UTC, so the server and the browser render the same words;
// once JavaScript runs, the full date is given again in the reader's own time zone.
const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

const dateOnly = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

// A page writes every post's date once or twice, and the same posts are shown again and again.
const written = new Map<string, string>();

export function formatDateTime(iso: string): string {
  const known = written.get(iso);
  if (known !== undefined) return known;
  const date = new Date(iso);
  const words = Number.isNaN(date.getTime()) ? '' : `${dateTime.format(date).replace(' at ', ', ')} UTC`;
  if (written.size >= 10_000) written.clear();
  written.set(iso, words);
  return words;
}

const localDateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});

/** The full date in the time zone of whoever runs this: the browser's, after hydration. */
export function formatLocalDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : localDateTime.format(date).replace(' at ', ', ');
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 minutes ago", "2 hours ago", "yesterday", "3 weeks ago": how long ago, as a person says it. */
export function relativeTime(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const ago = Math.max(0, now - at);
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return relative.format(-Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return relative.format(-Math.floor(ago / HOUR), 'hour');
  if (ago < 7 * DAY) return relative.format(-Math.floor(ago / DAY), 'day');
  if (ago < 30 * DAY) return relative.format(-Math.floor(ago / (7 * DAY)), 'week');
  if (ago < 365 * DAY) return relative.format(-Math.floor(ago / (30 * DAY)), 'month');
  return relative.format(-Math.floor(ago / (365 * DAY)), 'year');
}

/** Whole minutes left (rounded up) before a window of `windowMs` from `iso` closes; 0 once it has. */
export function minutesLeft(iso: string, windowMs: number, now: number): number {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return 0;
  return Math.max(0, Math.ceil((at + windowMs - now) / MINUTE));
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dateOnly.format(date);
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The intro section has no heading of its own. */
export function sectionName(title: string): string {
  return title.trim() || 'Introduction';
}

/** The document title for a page that could not be shown. */
export function errorTitle(error: unknown): string {
  const status = error && typeof error === 'object' && 'status' in error ? Number(error.status) : 500;
  if (status === 404) return 'Page not found · Steady';
  if (status === 503) return "Steady can't reach its discussions right now";
  return 'Something went wrong · Steady';
}
