import { moderate } from './engine.js';

/**
 * One line of the `npm run -s moderate` contract: a JSON object {"id","text","section"?} in,
 * one JSON line out. Never throws; a malformed line yields {"id": null, "error": "..."}.
 * `kind` ("post" | "reply") is accepted as an optional extension.
 */
export function moderateLine(line: string): string {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return JSON.stringify({ id: null, error: 'line is not valid JSON' });
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return JSON.stringify({ id: null, error: 'line must be a JSON object with "id" and "text"' });
  }
  const { id, text, section, kind } = input as Record<string, unknown>;
  if (typeof id !== 'string' && typeof id !== 'number') return JSON.stringify({ id: null, error: '"id" must be a string' });
  if (typeof text !== 'string') return JSON.stringify({ id: null, error: '"text" must be a string' });
  if (section !== undefined && section !== null && typeof section !== 'string') {
    return JSON.stringify({ id: null, error: '"section" must be a string when present' });
  }
  const verdict = moderate({ text, section: section ?? null, kind: kind === 'reply' ? 'reply' : 'post' });
  const ruleIds = [...new Set(verdict.hits.map((h) => h.ruleId))];
  return JSON.stringify({ id, action: verdict.action, rules: ruleIds });
}

/** Whole input at once; blank lines are skipped (they carry no id to answer). */
export function moderateLines(input: string): string[] {
  return input
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map(moderateLine);
}
