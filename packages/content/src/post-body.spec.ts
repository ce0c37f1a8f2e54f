import fc from 'fast-check';
import { renderPostBody } from './index.js';
import { plainPostHtml, renderMarkdown } from './post-body.js';

describe('renderPostBody', () => {
  describe('renders light Markdown', () => {
    it.each([
      ['a paragraph', 'Thank you for sharing.', '<p>Thank you for sharing.</p>'],
      ['emphasis and strong', 'This is *hard* and **real**.', '<p>This is <em>hard</em> and <strong>real</strong>.</p>'],
      ['inline code', 'I searched for `steady`.', '<p>I searched for <code>steady</code>.</p>'],
      ['paragraphs', 'One.\n\nTwo.', '<p>One.</p>\n<p>Two.</p>'],
      ['a single newline as a line break', 'First line\nsecond line', '<p>First line<br>\nsecond line</p>'],
      ['a bullet list', '- one\n- two', '<ul>\n<li>one</li>\n<li>two</li>\n</ul>'],
      ['an ordered list', '3. three\n4. four', '<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>'],
      ['a quote', '> You are safe with me.', '<blockquote>\n<p>You are safe with me.</p>\n</blockquote>'],
    ])('%s', (_, markdown, html) => {
      expect(renderPostBody(markdown)).toBe(html);
    });

    it('renders headings as bold paragraphs', () => {
      expect(renderPostBody('# Help\n\n## Me too')).toBe('<p><strong>Help</strong></p>\n<p><strong>Me too</strong></p>');
    });
  });

  describe('links', () => {
    it.each([
      ['[a hotline](https://www.thehotline.org)', 'https://www.thehotline.org', 'a hotline'],
      ['[site](http://example.org/a?b=1)', 'http://example.org/a?b=1', 'site'],
      ['[write](mailto:jo@samaritans.org)', 'mailto:jo@samaritans.org', 'write'],
      ['<https://988lifeline.org>', 'https://988lifeline.org', 'https://988lifeline.org'],
    ])('keeps %s with rel="nofollow ugc noopener" and no target', (markdown, href, text) => {
      const html = renderPostBody(markdown);
      expect(html).toBe(`<p><a href="${href.replace(/&/g, '&#x26;')}" rel="nofollow ugc noopener">${text}</a></p>`);
    });

    it('applies the rel to every link of a post', () => {
      const html = renderPostBody('[a](https://a.example) and [b](https://b.example)\n\n[c][ref]\n\n[ref]: https://c.example');
      expect(html.match(/<a /g)).toHaveLength(3);
      expect(html.match(/rel="nofollow ugc noopener"/g)).toHaveLength(3);
    });

    it.each([
      ['[click](javascript:alert(1))'],
      ['[click](JaVaScRiPt:alert(1))'],
      ['[click](javascript&#58;alert(1))'],
      ['[click](java\tscript:alert(1))'],
      ['[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
      ['[click](vbscript:msgbox(1))'],
      ['[click](/relative/path)'],
      ['[click](//evil.example)'],
      ['[click][x]\n\n[x]: javascript:alert(1)'],
    ])('turns %s into plain text', (markdown) => {
      const html = renderPostBody(markdown);
      expect(html).not.toMatch(/<a|href|javascript:|data:|vbscript:/i);
      expect(html).toContain('click');
    });

    it('turns an autolink with a forbidden scheme into text', () => {
      expect(renderPostBody('<javascript:alert(1)>')).toBe('<p>javascript:alert(1)</p>');
    });
  });

  describe('refuses anything that could run or reshape the page', () => {
    it('escapes a script tag instead of running it', () => {
      expect(renderPostBody('<script>alert("x")</script>')).toBe('<p>&#x3C;script>alert("x")&#x3C;/script></p>');
      expect(renderPostBody('Hi\n\n<script>\nalert(1)\n</script>')).toBe(
        '<p>Hi</p>\n<p>&#x3C;script><br>\nalert(1)<br>\n&#x3C;/script></p>',
      );
    });

    it('escapes inline raw HTML, attributes and all', () => {
      const html = renderPostBody('Hello <b onmouseover="alert(1)">there</b> <iframe src="https://evil.example"></iframe>');
      expect(html).not.toMatch(/<b|<iframe/);
      expect(html.startsWith('<p>Hello &#x3C;b onmouseover="alert(1)">there&#x3C;/b>')).toBe(true);
    });

    it('never lets an onerror attribute through', () => {
      for (const markdown of ['<img src=x onerror=alert(1)>', '<div onerror="alert(1)">x</div>', '![x" onerror="alert(1)](x.png)']) {
        // Escaped, the attribute is harmless text; what must never appear is a tag carrying it.
        expect(renderPostBody(markdown)).not.toMatch(/<[a-z][^>]*\sonerror=/i);
      }
    });

    it('drops images and keeps their alt text', () => {
      expect(renderPostBody('Look: ![our wedding day](https://example.org/p.jpg)')).toBe('<p>Look: our wedding day</p>');
      expect(renderPostBody('![](https://example.org/p.jpg)')).toBe('<p></p>');
      expect(renderPostBody('[![badge](https://example.org/b.png)](https://example.org)')).toBe(
        '<p><a href="https://example.org" rel="nofollow ugc noopener">badge</a></p>',
      );
    });

    it('does not let a data: or javascript: image through', () => {
      expect(renderPostBody('![a](data:image/svg+xml;base64,PHN2Zz4=) ![b](javascript:alert(1))')).toBe('<p>a b</p>');
    });

    it('keeps a person’s "<3" and angle brackets as text', () => {
      expect(renderPostBody('Sending love <3 and a->b')).toBe('<p>Sending love &#x3C;3 and a->b</p>');
    });

    it('renders code blocks as inert text', () => {
      expect(renderPostBody('```html\n<script>alert(1)</script>\n```')).toBe('<pre><code>&#x3C;script>alert(1)&#x3C;/script>\n</code></pre>');
    });
  });

  describe('survives hostile nesting within the 5,000 character limit', () => {
    it('keeps ordinary nesting', () => {
      expect(renderPostBody('> she said\n> > he said\n> > > I said')).toBe(
        '<blockquote>\n<p>she said</p>\n<blockquote>\n<p>he said</p>\n<blockquote>\n<p>I said</p>\n</blockquote>\n</blockquote>\n</blockquote>',
      );
      expect(renderPostBody('- a\n  - b\n    - c')).toBe('<ul>\n<li>a\n<ul>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>');
    });

    it.each([
      ['5,000 ">"', '>'.repeat(4990) + ' deep'],
      ['2,500 "> "', '> '.repeat(2495) + 'deep'],
      ['2,500 "- "', '- '.repeat(2495) + 'deep'],
      ['1,666 "1. "', '1. '.repeat(1663) + 'deep'],
      ['indented lists', Array.from({ length: 70 }, (_, i) => `${' '.repeat(i * 2)}- deep`).join('\n')],
      ['nested emphasis', `${'*'.repeat(2495)}deep${'*'.repeat(2495)}`],
    ])('%s: no stack overflow, text kept, bounded depth', (_, markdown) => {
      // No timing assertion (the machine's load decides it); Jest's timeout catches a runaway parse.
      const html = renderPostBody(markdown);
      expect(html).toContain('deep');
      expect(html.match(/<blockquote>|<ul>|<ol>/g)?.length ?? 0).toBeLessThanOrEqual(24);
    });
  });

  it('builds its Markdown processor once, not per post (a rebuilt processor costs tens of ms per write)', () => {
    jest.isolateModules(() => {
      const actual = jest.requireActual<typeof import('unified')>('unified');
      const built = jest.fn(() => actual.unified());
      jest.doMock('unified', () => ({ ...actual, unified: built }));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('./post-body') as typeof import('./post-body.js');
      const atLoad = built.mock.calls.length;
      for (let i = 0; i < 20; i += 1) fresh.renderPostBody(`post ${i}\n\n- one\n- two`);
      expect(atLoad).toBeGreaterThan(0);
      expect(built.mock.calls.length).toBe(atLoad);
      jest.dontMock('unified');
    });
  });
});

describe('plain text skips the pipeline with the same answer', () => {
  // Letters, digits, the punctuation plain text is allowed, and the characters that must send a
  // line to the full pipeline (markers, inline syntax, whitespace at the edges, tabs, \r, digits first).
  const alphabet = [
    ...'aZé日ß0 9.,;:!?\'"()/@%$^{}|+=-\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u0301',
    ...'*_`[]<>&\\~#\t\r',
    '\n',
    '\n\n',
    '  \n',
    '- ',
    '1. ',
    '> ',
    '    ',
    '&amp;',
    '**',
    '[a](https://a.example)',
  ];
  const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((parts) => parts.join(''));

  it('answers exactly what the full pipeline answers, whenever it answers', () => {
    let plain = 0;
    fc.assert(
      fc.property(text, (markdown) => {
        const fast = plainPostHtml(markdown);
        if (fast === null) return;
        plain += 1;
        expect(fast).toBe(renderMarkdown(markdown));
      }),
      { numRuns: 5000 },
    );
    expect(plain).toBeGreaterThan(100);
  });

  it.each([
    ['one sentence', 'Thank you for sharing this. We started (note abc)'],
    ['lines and paragraphs', 'First line\nsecond line\n\n\nA new “paragraph” — with quotes…'],
    ['accents and scripts', 'Café, naïve, 日本語 and Ελληνικά'],
  ])('takes %s', (_, markdown) => {
    expect(plainPostHtml(markdown)).not.toBeNull();
    expect(plainPostHtml(markdown)).toBe(renderMarkdown(markdown));
  });

  it.each([
    ['a list', '- one'],
    ['an ordered list', '1. one'],
    ['emphasis', 'so *hard*'],
    ['a hard break', 'two spaces  \nthen'],
    ['an indent', '    code'],
    ['an entity', 'a &amp; b'],
    ['a tag', 'a <b>c</b>'],
    ['a link', 'see [this](https://a.example)'],
  ])('leaves %s to the pipeline', (_, markdown) => {
    expect(plainPostHtml(markdown)).toBeNull();
  });
});
