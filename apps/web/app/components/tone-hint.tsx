import { Link } from '@remix-run/react';
import { useCallback, useEffect, useRef, useState } from 'react';

/** What the hint under the box shows: nothing on publish, help on crisis, or the first rule's words. */
export type ToneHint = { kind: 'crisis' } | { kind: 'nudge'; message: string; quote: string; snippets: Snippet[] };

interface Snippet {
  before: string;
  marked: string;
  after: string;
  leadingGap: boolean;
  trailingGap: boolean;
}

type Engine = typeof import('@steady/moderation/rules');
type Verdict = ReturnType<Engine['moderate']>;

const DEBOUNCE_MS = 400;
const CONTEXT_CHARS = 30;
const MAX_SNIPPETS = 3;

// The rules (`@steady/moderation/rules`: no model weights) load on the first keystroke, in their own
// chunk: readers who never type never fetch them. The server's verdict on sending may be stronger.
let engine: Promise<Engine> | null = null;
function loadEngine(): Promise<Engine> {
  engine ??= import('@steady/moderation/rules');
  return engine;
}

/** Hit ranges (UTF-16 offsets into `text`), merged where they overlap, each with a little context. */
export function snippetsOf(text: string, ranges: Array<{ start: number; end: number }>): Snippet[] {
  const sorted = ranges.filter((r) => r.end > r.start && r.start >= 0 && r.end <= text.length).sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged.slice(0, MAX_SNIPPETS).map(({ start, end }) => {
    const from = Math.max(0, start - CONTEXT_CHARS);
    const to = Math.min(text.length, end + CONTEXT_CHARS);
    return {
      before: text.slice(from, start),
      marked: text.slice(start, end),
      after: text.slice(end, to),
      leadingGap: from > 0,
      trailingGap: to < text.length,
    };
  });
}

export function hintOf(verdict: Verdict, text: string): ToneHint | null {
  if (verdict.action === 'crisis') return { kind: 'crisis' };
  if (verdict.action === 'publish' || verdict.hits.length === 0) return null;
  const first = verdict.hits[0];
  return { kind: 'nudge', message: first.message, quote: first.quote, snippets: snippetsOf(text, verdict.hits) };
}

/**
 * Runs the tone rules in the browser while someone types (debounced), the same rules the server
 * applies when the post is sent. `check(text)` on every input; `clear()` after sending.
 */
export function useToneHint(section: string | undefined, kind: 'post' | 'reply') {
  const [hint, setHint] = useState<ToneHint | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const latest = useRef('');

  useEffect(() => () => clearTimeout(timer.current), []);

  const check = useCallback(
    (text: string) => {
      latest.current = text;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        loadEngine()
          .then(({ moderate }) => {
            if (latest.current !== text) return;
            setHint(text.trim() ? hintOf(moderate({ text, section: section ?? null, kind }), text) : null);
          })
          // The hint is a courtesy: if the rules cannot load, the server still checks on sending.
          .catch(() => setHint(null));
      }, DEBOUNCE_MS);
    },
    [section, kind],
  );

  const clear = useCallback(() => {
    latest.current = '';
    clearTimeout(timer.current);
    setHint(null);
  }, []);

  return { hint, check, clear };
}

/** The live region stays in the page (empty on publish) so screen readers hear changes politely. */
export function ToneHintView({ hint, id }: { hint: ToneHint | null; id: string }) {
  return (
    <div className="tone-hint-region" aria-live="polite" id={id}>
      {hint?.kind === 'crisis' ? (
        <div className="tone-hint tone-hint-care">
          <p>
            It sounds like you may be carrying something very heavy. You don’t have to hold it alone:{' '}
            <Link to="/help">help is there right now, any time of day</Link>.
          </p>
        </div>
      ) : null}
      {hint?.kind === 'nudge' ? (
        <div className="tone-hint">
          {/* The rule's message only: its guideline quote says nearly the same, and one message is enough (ADR 018). */}
          <p className="tone-hint-message">{hint.message}</p>
          <p className="tone-hint-words">
            <span className="label">The words this is about: </span>
            {hint.snippets.map((snippet, i) => (
              <span className="tone-snippet" key={i}>
                {snippet.leadingGap ? '…' : ''}
                {snippet.before}
                <mark>{snippet.marked}</mark>
                {snippet.after}
                {snippet.trailingGap ? '…' : ''}
              </span>
            ))}
          </p>
        </div>
      ) : null}
    </div>
  );
}
