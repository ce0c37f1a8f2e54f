// Dates are written out in full, in UTC, so the server and the browser render the same words.
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

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : `${dateTime.format(date).replace(' at ', ', ')} UTC`;
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
