import matter from 'gray-matter';
import { ContentError } from './errors.js';

export interface FrontMatter {
  data: Record<string, unknown>;
  /** The Markdown after the front matter. */
  content: string;
}

function refuseExecutableFrontMatter(): never {
  throw new Error('only YAML front matter is accepted');
}

/**
 * Splits front matter from the Markdown. Passing options also keeps gray-matter from caching
 * every document it has seen, and the JavaScript engine is refused: `---js` front matter would
 * be evaluated as code.
 */
export function readFrontMatter(source: string, file: string): FrontMatter {
  try {
    const { data, content } = matter(source, {
      language: 'yaml',
      engines: { js: refuseExecutableFrontMatter, javascript: refuseExecutableFrontMatter },
    });
    return { data, content };
  } catch (error) {
    throw new ContentError(file, `front matter cannot be read (${(error as Error).message})`);
  }
}

export function requiredString(data: Record<string, unknown>, field: string, file: string): string {
  const value = data[field];
  if (value === undefined || value === null || value === '') {
    throw new ContentError(file, `front matter field "${field}" is missing`, field);
  }
  if (typeof value !== 'string') {
    throw new ContentError(file, `front matter field "${field}" must be text`, field);
  }
  return value.trim();
}

export function optionalString(data: Record<string, unknown>, field: string, file: string): string {
  return data[field] === undefined || data[field] === null ? '' : requiredString(data, field, file);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** YAML reads `2026-11-01` as a Date (UTC midnight) and `"2026-11-01"` as text: accept both. */
export function requiredIsoDate(data: Record<string, unknown>, field: string, file: string): string {
  const value = data[field];
  const text = value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value;
  if (value === undefined || value === null) {
    throw new ContentError(file, `front matter field "${field}" is missing`, field);
  }
  if (typeof text !== 'string' || !isCalendarDate(text)) {
    throw new ContentError(file, `front matter field "${field}" must be a date like 2026-11-01`, field);
  }
  return text;
}

function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  // Round-trip through Date to refuse days that do not exist (2026-02-30).
  return new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}
