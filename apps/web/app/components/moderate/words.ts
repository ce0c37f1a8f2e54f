// The moderators' words, in one place: calm, warm, short.
import type { FlagReason, PostStatus } from '~/graphql/generated';

/** The queue's priorities (apps/api moderation/decision.ts), in words. */
export function priorityLabel(priority: number, flags: number): { text: string; tone: 'crisis' | 'care' | 'calm' } {
  if (priority >= 100) return { text: 'Someone may be in danger', tone: 'crisis' };
  if (priority >= 90) return { text: 'A reader thinks someone may be in danger', tone: 'crisis' };
  if (priority >= 30) return { text: 'Held by the tone rules', tone: 'care' };
  if (priority >= 20) return { text: `Flagged by readers (${flags}), hidden for now`, tone: 'care' };
  if (priority >= 15) return { text: 'Sent again for review', tone: 'calm' };
  if (priority >= 10) return { text: 'Posted after a nudge', tone: 'calm' };
  return { text: `Flagged by readers (${flags})`, tone: 'calm' };
}

/** Every reason the schema has (a new one fails to compile until it has words). */
export const FLAG_WORDS: Record<FlagReason, string> = {
  UNSAFE: 'makes the space feel unsafe',
  ATTACK: 'attacks or belittles someone',
  PRESSURE: 'pushes with urgency or demands',
  PERSONAL_INFO: 'shares details that could identify someone',
  SPAM: 'sells or advertises something',
  DANGER: 'someone may be in danger',
  OTHER: 'something else',
};

export function flagReasons(reasons: string[]): string[] {
  return reasons.filter((r) => r.startsWith('flag:')).map((r) => FLAG_WORDS[r.slice(5) as FlagReason] ?? r.slice(5).toLowerCase());
}

export const STATUS_WORDS: Record<PostStatus, string> = {
  PENDING: 'Readers can’t see it yet',
  PUBLISHED: 'Readers can see it',
  REJECTED: 'Not published',
  DELETED: 'Removed by its author',
};

const AUDIT_WORDS: Record<string, string> = {
  'create:published': 'New post published',
  'create:nudged': 'Nudge shown',
  'create:held': 'New post held',
  'create:crisis': 'New post held: someone may be in danger',
  'edit:published': 'Edit published',
  'edit:nudged': 'Nudge shown on an edit',
  'edit:held': 'Edit held',
  'edit:crisis': 'Edit held: someone may be in danger',
  flag: 'Flagged by a reader',
  'flag:hidden': 'Hidden until reviewed',
  'review:approve': 'Approved',
  'review:reject': 'Not published',
  'review:restore': 'Published after all',
  ban: 'Author banned',
  note: 'Note for moderators',
  'crisis:message': 'Private message sent to the author',
  'crisis:handled': 'Crisis handled',
};

/** The log's "What" filter: groups of actions, in words (the page's GET form sends the key). */
export const AUDIT_GROUPS: ReadonlyArray<{ key: string; label: string; actions: string[] }> = [
  { key: 'decisions', label: 'Moderators’ decisions', actions: ['review:approve', 'review:reject', 'review:restore'] },
  { key: 'crisis', label: 'Someone may be in danger', actions: ['create:crisis', 'edit:crisis', 'crisis:message', 'crisis:handled'] },
  { key: 'notes', label: 'Notes for moderators', actions: ['note'] },
  { key: 'flags', label: 'Flags by readers', actions: ['flag', 'flag:hidden'] },
  { key: 'bans', label: 'Bans', actions: ['ban'] },
  { key: 'held', label: 'Held by the tone rules', actions: ['create:held', 'edit:held'] },
  { key: 'nudges', label: 'Nudges', actions: ['create:nudged', 'edit:nudged'] },
  { key: 'published', label: 'Published at once', actions: ['create:published', 'edit:published'] },
];

/**
 * An entry's reason in words: a flag's reason, a reject reason's title, the tone rules' titles;
 * free text (a ban's reason, a note) as written.
 */
export function auditReasonWords(
  action: string,
  reason: string | null,
  names: { rejectReasons: Map<string, string>; rules: Map<string, string> },
): string | null {
  if (!reason) return null;
  if (action === 'flag') return FLAG_WORDS[reason as FlagReason] ? sentence(FLAG_WORDS[reason as FlagReason]) : reason;
  if (action === 'review:reject') return names.rejectReasons.get(reason) ?? reason;
  if (action.startsWith('create:') || action.startsWith('edit:')) {
    return reason
      .split(', ')
      .map((id) => (id === 'posted-anyway' ? 'Posted after a nudge' : (names.rules.get(id) ?? id)))
      .join('; ');
  }
  return reason;
}

function sentence(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function auditWords(action: string): string {
  return AUDIT_WORDS[action] ?? action;
}

/** "3 minutes", "2 hours", "4 days": how long something has waited. */
export function waited(fromIso: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 60_000));
  if (!Number.isFinite(minutes)) return '';
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return hours === 1 ? '1 hour' : `${hours} hours`;
  const days = Math.floor(hours / 24);
  return `${days} days`;
}

export interface Segment {
  text: string;
  /** Principles of the rule hits covering this stretch; empty when none. */
  principles: string[];
}

/**
 * Splits a post's source into stretches, marking the ones rule hits cover. Hits are UTF-16
 * offsets into the body and may overlap or touch: those become one marked stretch, titled with
 * every principle involved.
 */
export function highlight(body: string, hits: Array<{ principle: string; start: number; end: number }>): Segment[] {
  const ranges = hits
    .map((hit) => ({ principle: hit.principle, start: clamp(hit.start, body.length), end: clamp(hit.end, body.length) }))
    .filter((hit) => hit.end > hit.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Array<{ start: number; end: number; principles: string[] }> = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) {
      last.end = Math.max(last.end, range.end);
      if (!last.principles.includes(range.principle)) last.principles.push(range.principle);
    } else merged.push({ start: range.start, end: range.end, principles: [range.principle] });
  }
  const segments: Segment[] = [];
  let at = 0;
  for (const range of merged) {
    if (range.start > at) segments.push({ text: body.slice(at, range.start), principles: [] });
    segments.push({ text: body.slice(range.start, range.end), principles: range.principles });
    at = range.end;
  }
  if (at < body.length) segments.push({ text: body.slice(at), principles: [] });
  return segments;
}

function clamp(value: number, length: number): number {
  return Math.min(Math.max(0, Math.trunc(value)), length);
}
