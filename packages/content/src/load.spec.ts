import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ContentError, loadArticles, loadContent, loadResources, parseArticle } from './index.js';
import { ARTICLE_FILE, ARTICLES_DIR, CONTENT_DIR, RESOURCES_FILE, read } from './test-support.js';

const article = (slug: string, title: string, published: string, body = 'Text.') =>
  `---\nslug: ${slug}\ntitle: ${title}\npublished: ${published}\n---\n# ${title}\n\n${body}\n`;

describe('loadArticles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'steady-content-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the repository’s articles exactly as parseArticle does', async () => {
    const articles = await loadArticles(ARTICLES_DIR);
    expect(articles.map((a) => a.slug)).toContain('rebuilding-connection');
    const loaded = articles.find((a) => a.slug === 'rebuilding-connection');
    const known = new Set(articles.map((a) => a.slug));
    expect(loaded).toEqual(parseArticle(read(ARTICLE_FILE), { knownArticleSlugs: known }));
  });

  it('links an article to another once that article exists in the directory', async () => {
    writeFileSync(path.join(dir, 'a.md'), article('first', 'First', '2026-11-01', 'See [Second](/articles/second) and [Third](/articles/third).'));
    writeFileSync(path.join(dir, 'b.md'), article('second', 'Second', '2026-11-01'));
    const [first] = await loadArticles(dir);
    expect(first.sections[0].html).toBe(
      '<p>See <a href="/articles/second">Second</a> and <span class="coming-soon">Third <small>(coming soon)</small></span>.</p>',
    );
  });

  it('sorts by publication date, then title, and ignores other files', async () => {
    writeFileSync(path.join(dir, '1.md'), article('late', 'Late', '2026-12-01'));
    writeFileSync(path.join(dir, '2.md'), article('b', 'Bravo', '2026-11-01'));
    writeFileSync(path.join(dir, '3.md'), article('a', 'Alpha', '2026-11-01'));
    writeFileSync(path.join(dir, 'notes.txt'), 'not an article');
    expect((await loadArticles(dir)).map((a) => a.slug)).toEqual(['a', 'b', 'late']);
  });

  it('refuses two files with the same slug, naming both', async () => {
    writeFileSync(path.join(dir, 'a.md'), article('same', 'A', '2026-11-01'));
    writeFileSync(path.join(dir, 'b.md'), article('same', 'B', '2026-11-01'));
    await expect(loadArticles(dir)).rejects.toThrow(ContentError);
    await expect(loadArticles(dir)).rejects.toThrow(`${path.join(dir, 'b.md')}: slug "same" is already used by ${path.join(dir, 'a.md')}`);
  });

  it('names the file whose front matter is incomplete', async () => {
    writeFileSync(path.join(dir, 'broken.md'), '---\ntitle: No slug\npublished: 2026-11-01\n---\nText.');
    await expect(loadArticles(dir)).rejects.toThrow(`${path.join(dir, 'broken.md')}: front matter field "slug" is missing`);
  });
});

describe('loadResources and loadContent', () => {
  it('loads the repository’s content directory', async () => {
    const content = await loadContent(CONTENT_DIR);
    expect(content.articles.length).toBeGreaterThan(0);
    expect(content.resources).toEqual(await loadResources(RESOURCES_FILE));
    expect(content.resources.resources.length).toBeGreaterThan(10);
  });
});
