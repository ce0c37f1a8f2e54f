import matter from 'gray-matter';
import { ContentError, markdownToPlainText, parseArticle, sectionPlainText, type Article, type Section } from './index.js';
import { ARTICLE_FILE, SOURCE_TEXT_FILE, htmlText, read } from './test-support.js';

const source = read(ARTICLE_FILE);
const article = parseArticle(source);
const section = (slug: string): Section => {
  const found = article.sections.find((s) => s.slug === slug);
  if (!found) throw new Error(`no section ${slug}`);
  return found;
};
const listItems = (html: string): string[] => [...html.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1].trim());

describe('parseArticle on "Rebuilding connection"', () => {
  it('reads the front matter', () => {
    expect(article).toMatchObject({
      slug: 'rebuilding-connection',
      title: 'Rebuilding connection is possible–even when things feel distant',
      published: '2026-11-01',
    });
    expect(article.summary).toMatch(/^[A-Z].{20,200}\.$/);
  });

  it('takes its title, en dash included, from the first line of the source text', () => {
    expect(article.title).toBe(read(SOURCE_TEXT_FILE).split('\n')[0]);
  });

  it('has exactly six sections, in order, with stable slugs and positions', () => {
    expect(article.sections.map((s) => [s.position, s.slug, s.title])).toEqual([
      [0, 'intro', ''],
      [1, 'what-real-connection-is-built-on', 'What real connection is built on'],
      [2, 'what-quietly-undermines-reconnection', 'What quietly undermines reconnection'],
      [3, 'where-rebuilding-usually-begins', 'Where rebuilding usually begins'],
      [4, 'where-to-go-next', 'Where to go next'],
      [5, 'a-quiet-reminder', 'A quiet reminder'],
    ]);
  });

  it('keeps the title and the headings out of the sections', () => {
    for (const s of article.sections) {
      expect(s.html).not.toMatch(/<h[12]/);
      expect(s.html).not.toContain(article.title);
      expect(s.markdown).not.toMatch(/^#/m);
    }
    expect(section('intro').html.startsWith('<p>When connection fades, it’s easy to assume')).toBe(true);
    expect(section('a-quiet-reminder').markdown.endsWith('Then reassess.')).toBe(true);
  });

  it('shows the three conditions as a list, each with a bold lead', () => {
    const items = listItems(section('what-real-connection-is-built-on').html);
    expect(items).toHaveLength(3);
    expect(items.map((item) => item.match(/<strong>(.*?)<\/strong>/)?.[1])).toEqual(['Safety.', 'Predictability.', 'Respect.']);
    expect(items[0]).toContain('Both people need to feel that they won’t be attacked');
  });

  it.each([
    [
      'what-quietly-undermines-reconnection',
      [
        'Trying to talk everything through too soon.',
        'Chasing emotional reassurance.',
        'Explaining feelings at full intensity.',
        'Keeping old wounds in constant focus.',
      ],
    ],
    [
      'where-rebuilding-usually-begins',
      ['Consistency over intensity.', 'Respect without demands.', 'Space without withdrawal.', 'Care without expectation.'],
    ],
  ])('splits the flat list in %s into four items with bold leads and explanations', (slug, leads) => {
    const items = listItems(section(slug).html);
    expect(items).toHaveLength(4);
    items.forEach((item, index) => {
      expect(item.startsWith(`<strong>${leads[index]}</strong> `)).toBe(true);
      // The explanation follows the lead inside the same item, and no " - " joint survives.
      expect(htmlText(item).length).toBeGreaterThan(leads[index].length + 40);
      expect(item).not.toContain(' - ');
    });
  });

  it('sets the quoted sentence as a blockquote', () => {
    expect(section('where-rebuilding-usually-begins').html).toContain(
      '<blockquote>\n<p>“You are safe with me — even when things are uncertain.”</p>\n</blockquote>',
    );
  });

  it('keeps the line break inside the last reminder', () => {
    expect(section('a-quiet-reminder').html).toContain('<p>The goal right now is not certainty —<br>\nit’s wisdom, patience, and restraint.</p>');
  });

  it('produces no raw HTML, scripts or event handlers', () => {
    for (const s of article.sections) expect(s.html).not.toMatch(/<script|on\w+=|javascript:/i);
  });
});

describe('"Where to go next" links', () => {
  const html = (known?: string[]) =>
    parseArticle(source, known ? { knownArticleSlugs: new Set(known) } : {}).sections.find((s) => s.slug === 'where-to-go-next')!.html;

  it('marks articles that do not exist yet as "coming soon", never as links', () => {
    const rendered = html();
    expect(rendered).toContain('<span class="coming-soon">What to Do First <small>(coming soon)</small></span>');
    expect(rendered).toContain('<span class="coming-soon">Strengthen Your Marriage <small>(coming soon)</small></span>');
    expect(rendered).not.toContain('/articles/');
    expect(rendered).toContain('If things still feel fragile or confusing, this page focuses on stabilizing the situation');
  });

  it('links articles that exist', () => {
    const rendered = html(['what-to-do-first']);
    expect(rendered).toContain('<a href="/articles/what-to-do-first">What to Do First</a>');
    expect(rendered).toContain('<span class="coming-soon">Strengthen Your Marriage <small>(coming soon)</small></span>');
    expect(html(['what-to-do-first', 'strengthen-your-marriage'])).not.toContain('coming soon');
  });

  it('always links the home page list', () => {
    expect(html()).toContain('<a href="/">Browse articles on rebuilding connection</a>');
  });
});

describe('the article is the source text, word for word', () => {
  const flat = read(SOURCE_TEXT_FILE);
  const body = matter(source).content;
  const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
  /** The flat text marks list items with "- " (at a line start, or " - " between items): structure, not words. */
  const words = (text: string) => text.split(/\s+/).filter((word) => word !== '' && word !== '-');
  const sentences = flat
    .split('\n')
    .flatMap((line) => line.replace(/^- /, '').split(' - '))
    .flatMap((paragraph) => paragraph.split(/(?<=[.!?:][”’]?)\s+/))
    .map(normalise)
    .filter((sentence) => sentence !== '');

  it('finds every sentence of the source, unaltered and in order', () => {
    const text = normalise(markdownToPlainText(body));
    let from = 0;
    const missing: string[] = [];
    for (const sentence of sentences) {
      const at = text.indexOf(sentence, from);
      if (at === -1) missing.push(sentence);
      else from = at + sentence.length;
    }
    expect(sentences.length).toBeGreaterThan(80);
    expect(missing).toEqual([]);
  });

  it('has the same words as the source, none added or dropped', () => {
    expect(words(markdownToPlainText(body))).toEqual(words(flat));
  });

  it('shows readers the same words once rendered', () => {
    const all = new Set(['what-to-do-first', 'strengthen-your-marriage']);
    const rendered = parseArticle(source, { knownArticleSlugs: all });
    const visible = [rendered.title, ...rendered.sections.flatMap((s) => [s.title, htmlText(s.html)])].join('\n');
    expect(words(visible)).toEqual(words(flat));
  });

  it('gives each section its plain text', () => {
    expect(sectionPlainText(section('a-quiet-reminder'))).toBe(
      [
        'Feeling afraid does not mean your marriage is over.',
        'It usually means something important is at stake.',
        'The goal right now is not certainty —\nit’s wisdom, patience, and restraint.',
        'Take the next right step.',
        'Then reassess.',
      ].join('\n'),
    );
  });
});

describe('parseArticle determinism and edge cases', () => {
  it('gives identical output when parsing twice', () => {
    const again: Article = parseArticle(source);
    expect(again).toEqual(article);
    expect(JSON.stringify(again)).toBe(JSON.stringify(article));
  });

  const doc = (frontMatter: string, body: string) => `---\n${frontMatter}\n---\n${body}`;
  const valid = 'slug: sample\ntitle: Sample\npublished: 2026-11-02';

  it('keeps slugs unique and never lets a heading take the intro slug', () => {
    const parsed = parseArticle(doc(valid, '# Sample\n\nHello.\n\n## Intro\n\nA.\n\n## Notes\n\nB.\n\n## Notes\n\nC.'));
    expect(parsed.sections.map((s) => s.slug)).toEqual(['intro', 'intro-1', 'notes', 'notes-1']);
  });

  it('has no empty intro when the article opens with a section', () => {
    const parsed = parseArticle(doc(valid, '# Sample\n\n## First\n\nA.'));
    expect(parsed.sections.map((s) => [s.position, s.slug])).toEqual([[0, 'first']]);
    expect(parsed.summary).toBe('');
  });

  it('accepts a quoted date', () => {
    expect(parseArticle(doc('slug: sample\ntitle: Sample\npublished: "2026-11-02"', 'Hi.')).published).toBe('2026-11-02');
  });

  it.each([
    ['title: Sample\npublished: 2026-11-02', 'slug', /front matter field "slug" is missing/],
    ['slug: sample\npublished: 2026-11-02', 'title', /front matter field "title" is missing/],
    ['slug: Not A Slug\ntitle: T\npublished: 2026-11-02', 'slug', /"slug" must be lowercase words/],
    ['slug: sample\ntitle: T', 'published', /"published" is missing/],
    ['slug: sample\ntitle: T\npublished: soon', 'published', /"published" must be a date like 2026-11-01/],
    ['slug: sample\ntitle: T\npublished: "2026-02-30"', 'published', /"published" must be a date/],
    ['slug: sample\ntitle: [1, 2]\npublished: 2026-11-02', 'title', /"title" must be text/],
  ])('refuses bad front matter (%s) naming the file and field', (frontMatter, field, message) => {
    const attempt = () => parseArticle(doc(frontMatter, 'Text.'), { file: 'content/articles/sample.md' });
    expect(attempt).toThrow(ContentError);
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(/^content\/articles\/sample\.md: /);
    try {
      attempt();
    } catch (error) {
      expect((error as ContentError).field).toBe(field);
    }
  });

  it('refuses a "#" heading that differs from the front matter title', () => {
    expect(() => parseArticle(doc(valid, '# Sample, edited\n\nText.'), { file: 'x.md' })).toThrow(
      'x.md: the "#" heading "Sample, edited" differs from the front matter title "Sample"',
    );
  });

  it('refuses executable front matter', () => {
    expect(() => parseArticle('---js\n{ slug: (() => { throw new Error("ran") })() }\n---\nText', { file: 'x.md' })).toThrow(
      /x\.md: front matter cannot be read/,
    );
  });

  it('refuses a heading without text', () => {
    expect(() => parseArticle(doc(valid, 'Intro.\n\n## \n\nText.'), { file: 'x.md' })).toThrow(/x\.md: the "##" heading on line 3 has no text/);
  });

  it('sanitizes whatever the article contains', () => {
    const parsed = parseArticle(doc(valid, 'Hi <script>alert(1)</script> <img src=x onerror="alert(1)">\n\n[x](javascript:alert(1))'));
    expect(parsed.sections[0].html).not.toMatch(/script|onerror|javascript:|<img/);
  });
});
