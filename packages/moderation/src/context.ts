import { articleSentences } from './article.js';
import { normalise } from './normalise.js';
import type { DetectContext, PostKind, Range } from './types.js';

// Article sentences, normalised the same way as posts, without the trailing full stop so a
// quote that ends mid-sentence or with other punctuation still counts.
const ARTICLE_NEEDLES: readonly string[] = articleSentences
  .map((s) =>
    normalise(s)
      .text.replace(/[.\-\s]+$/, '')
      .replace(/^[\s"-]+/, ''),
  )
  .filter((s) => s.length >= 12);

const MAX_QUOTE = 400;
/** Real posts quote a handful of times; a wall of quote marks is not worth tracking. */
const MAX_SPANS = 64;

/** Spans of quoted speech: "..." pairs, and '...' pairs that are not apostrophes. */
export function quotedSpans(text: string): Range[] {
  const spans: Range[] = [];
  let open = -1;
  for (let i = 0; i < text.length && spans.length < MAX_SPANS; i++) {
    if (text.charCodeAt(i) !== 34) continue;
    if (open < 0) open = i;
    else {
      if (i - open <= MAX_QUOTE) spans.push([open, i + 1]);
      open = -1;
    }
  }
  let single = -1;
  const isWord = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  for (let i = 0; i < text.length && spans.length < MAX_SPANS; i++) {
    if (text.charCodeAt(i) !== 39) continue;
    const wordBefore = i > 0 && isWord(text.charCodeAt(i - 1));
    const wordAfter = i + 1 < text.length && isWord(text.charCodeAt(i + 1));
    if (!wordBefore && wordAfter) single = i;
    else if (wordBefore && !wordAfter && single >= 0 && i - single <= MAX_QUOTE) {
      spans.push([single, i + 1]);
      single = -1;
    }
    if (single >= 0 && i - single > MAX_QUOTE) single = -1;
  }
  return spans;
}

// One pass finds where any needle may start (its first 10 characters); startsWith confirms.
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NEEDLE_HEADS = new RegExp([...new Set(ARTICLE_NEEDLES.map((n) => escape(n.slice(0, 10))))].join('|'), 'g');

export function articleSpans(text: string): Range[] {
  const spans: Range[] = [];
  if (text.length < 12) return spans;
  NEEDLE_HEADS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NEEDLE_HEADS.exec(text)) !== null) {
    const at = m.index;
    for (const needle of ARTICLE_NEEDLES) if (text.startsWith(needle, at)) spans.push([at, at + needle.length]);
    NEEDLE_HEADS.lastIndex = at + 1;
  }
  return spans;
}

const inside = (spans: readonly Range[], start: number, end: number): boolean => spans.some(([s, e]) => start >= s && end <= e);

export function createContext(
  text: string,
  cased: string,
  kind: PostKind,
  section: string | null,
  truncatedAt: number | null = null,
): DetectContext {
  const article = articleSpans(text);
  const quoted = text.includes('"') || text.includes("'") ? quotedSpans(text) : [];
  const cache = new Map<string, unknown>();
  return {
    kind,
    section,
    cased,
    truncatedAt,
    quoted: (start, end) => (quoted.length > 0 && inside(quoted, start, end)) || (article.length > 0 && inside(article, start, end)),
    fromArticle: (start, end) => article.length > 0 && inside(article, start, end),
    memo<T>(key: string, compute: () => T): T {
      if (!cache.has(key)) cache.set(key, compute());
      return cache.get(key) as T;
    },
  };
}
