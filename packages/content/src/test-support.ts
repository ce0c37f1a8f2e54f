// Shared by the specs only (excluded from the build with them: see tsconfig "exclude").
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const CONTENT_DIR = path.resolve(__dirname, '../../../content');
export const ARTICLES_DIR = path.join(CONTENT_DIR, 'articles');
export const ARTICLE_FILE = path.join(ARTICLES_DIR, 'rebuilding-connection.md');
/** The flat text the article was restored from, kept beside the content as its reference. */
export const SOURCE_TEXT_FILE = path.join(CONTENT_DIR, 'sources', 'rebuilding-connection.txt');
export const RESOURCES_FILE = path.join(CONTENT_DIR, 'resources.md');

export const read = (file: string): string => readFileSync(file, 'utf8');

/** The text a browser shows for a fragment of our HTML (tags removed, entities decoded). */
export function htmlText(html: string): string {
  return html
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
