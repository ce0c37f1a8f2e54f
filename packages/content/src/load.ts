// The only module that touches the file system; everything it calls is pure.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArticle, readArticleMeta } from './article.js';
import { ContentError } from './errors.js';
import { readFrontMatter } from './front-matter.js';
import { parseResources } from './resources.js';
import type { Article, ResourceList } from './types.js';

interface SourceFile {
  file: string;
  source: string;
}

async function readMarkdownFiles(dir: string): Promise<SourceFile[]> {
  // Sorted, so that errors and duplicate detection do not depend on the directory's order.
  const names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      return { file, source: await readFile(file, 'utf8') };
    }),
  );
}

/** All slugs first: a link to another article is a link only when that article exists. */
function collectSlugs(files: SourceFile[]): Set<string> {
  const owners = new Map<string, string>();
  for (const { file, source } of files) {
    const { slug } = readArticleMeta(readFrontMatter(source, file).data, file);
    const owner = owners.get(slug);
    if (owner) throw new ContentError(file, `slug "${slug}" is already used by ${owner}`, 'slug');
    owners.set(slug, file);
  }
  return new Set(owners.keys());
}

function byPublishedThenTitle(a: Article, b: Article): number {
  return a.published.localeCompare(b.published) || a.title.localeCompare(b.title, 'en');
}

/** Reads and parses every `*.md` in `dir` (e.g. `content/articles`), oldest first. */
export async function loadArticles(dir: string): Promise<Article[]> {
  const files = await readMarkdownFiles(dir);
  const knownArticleSlugs = collectSlugs(files);
  return files
    .map(({ file, source }) => parseArticle(source, { knownArticleSlugs, file }))
    .sort(byPublishedThenTitle);
}

/** Reads and parses the safety resources file (e.g. `content/resources.md`). */
export async function loadResources(file: string): Promise<ResourceList> {
  return parseResources(await readFile(file, 'utf8'), file);
}

export interface Content {
  articles: Article[];
  resources: ResourceList;
}

/** Everything under a content directory laid out as in the repository: `articles/` and `resources.md`. */
export async function loadContent(contentDir: string): Promise<Content> {
  const [articles, resources] = await Promise.all([
    loadArticles(path.join(contentDir, 'articles')),
    loadResources(path.join(contentDir, 'resources.md')),
  ]);
  return { articles, resources };
}
