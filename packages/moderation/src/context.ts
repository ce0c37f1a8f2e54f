import { articleSentences } from './article.js';
import { normalise } from './normalise.js';
import type { DetectContext, PostKind, Range } from './types.js';

// Article sentences, normalised the same way as posts, without the trailing full stop so a
// quote that ends mid-sentence or with other punctuation still counts.
const ARTICLE_NEEDLES: readonly string[] = articleSentences
  .map((s) => normalise(s).text.replace(/[.\-\s]+$/, '').replace(/^[\s"-]+/, ''))
  .filter((s) => s.length >= 12);

const MAX_QUOTE = 400;

/** Spans of quoted speech: "..." pairs, and '...' pairs that are not apostrophes. */
export function quotedSpans(text: string): Range[] {
  const spans: Range[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 34) continue;
    if (open < 0) open = i;
    else {
      if (i - open <= MAX_QUOTE) spans.push([open, i + 1]);
      open = -1;
    }
  }
  let single = -1;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 39) continue;
    const before = i > 0 ? text[i - 1]! : ' ';
    const after = i + 1 < text.length ? text[i + 1]! : ' ';
    const wordBefore = /[a-z0-9]/.test(before);
    const wordAfter = /[a-z0-9]/.test(after);
    if (!wordBefore && wordAfter) single = i;
    else if (wordBefore && !wordAfter && single >= 0 && i - single <= MAX_QUOTE) {
      spans.push([single, i + 1]);
      single = -1;
    }
    if (single >= 0 && i - single > MAX_QUOTE) single = -1;
  }
  return spans;
}

export function articleSpans(text: string): Range[] {
  const spans: Range[] = [];
  for (const needle of ARTICLE_NEEDLES) {
    let at = text.indexOf(needle);
    while (at >= 0) {
      spans.push([at, at + needle.length]);
      at = text.indexOf(needle, at + needle.length);
    }
  }
  return spans;
}

const inside = (spans: readonly Range[], start: number, end: number): boolean =>
  spans.some(([s, e]) => start >= s && end <= e);

export function createContext(text: string, cased: string, kind: PostKind, section: string | null): DetectContext {
  const article = articleSpans(text);
  const quoted = text.includes('"') || text.includes("'") ? quotedSpans(text) : [];
  return {
    kind,
    section,
    cased,
    quoted: (start, end) => inside(quoted, start, end) || inside(article, start, end),
    fromArticle: (start, end) => inside(article, start, end),
  };
}
