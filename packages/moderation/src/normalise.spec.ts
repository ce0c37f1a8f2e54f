import { moderate } from './index.js';
import { normalise, toOriginal, MAX_RUN } from './normalise.js';

describe('normalise', () => {
  it('case-folds, makes typographic punctuation ASCII and keeps one unit per offset', () => {
    const n = normalise('I’M “Done” — Really…');
    expect(n.text).toBe('i\'m "done" - really...');
    expect(n.cased).toBe('I\'M "Done" - Really...');
    expect(n.starts).toHaveLength(n.text.length);
    expect(n.ends).toHaveLength(n.text.length);
  });

  it('applies NFKC (fullwidth, ligatures, mathematical letters) and maps back to the original', () => {
    const original = 'ｙｏｕ are an ﬁend 𝐢𝐝𝐢𝐨𝐭';
    const n = normalise(original);
    expect(n.text).toBe('you are an fiend idiot');
    const at = n.text.indexOf('idiot');
    const [s, e] = toOriginal(n, at, at + 5);
    expect(original.slice(s, e)).toBe('𝐢𝐝𝐢𝐨𝐭');
  });

  it('drops zero-width characters and combining marks, keeping them inside the original range', () => {
    const original = 'you i\u200Bd\u200Di\uFEFFot and cafe\u0301';
    const n = normalise(original);
    expect(n.text).toBe('you idiot and cafe');
    const at = n.text.indexOf('idiot');
    const [s, e] = toOriginal(n, at, at + 5);
    expect(original.slice(s, e)).toBe('i\u200Bd\u200Di\uFEFFot');
    const [cs, ce] = toOriginal(n, n.text.length - 4, n.text.length);
    expect(original.slice(cs, ce)).toBe('cafe\u0301');
  });

  it('maps confusable Cyrillic and Greek letters to Latin', () => {
    expect(normalise('уоu аrе а рathetic lоser').text).toBe('you are a pathetic loser');
    expect(normalise('ΟΚ').text).toBe('ok');
  });

  it('collapses whitespace runs to one space, or one newline when the run holds one', () => {
    const n = normalise('a  \t b \n\n c');
    expect(n.text).toBe('a b\nc');
    const [s, e] = toOriginal(n, 1, 2);
    expect(e - s).toBe(4);
  });

  it(`cuts runs of one character to ${MAX_RUN}`, () => {
    const n = normalise('no!!!!!!!!!!!!!!!!!!!!');
    expect(n.text).toBe('no' + '!'.repeat(MAX_RUN));
    expect(toOriginal(n, 2, n.text.length)).toEqual([2, 22]);
  });

  it('handles empty and lone-surrogate input', () => {
    expect(normalise('').text).toBe('');
    expect(toOriginal(normalise(''), 0, 0)).toEqual([0, 0]);
    expect(() => normalise('\uD800abc')).not.toThrow();
  });
});

describe('hit offsets point into the original text', () => {
  const cases: Array<[string, string]> = [
    ['You’re a pathetic loser.', 'pathetic loser'],
    ['ｙｏｕ’ｒｅ ａ ｐａｔｈｅｔｉｃ ｌｏｓｅｒ', 'ｐａｔｈｅｔｉｃ ｌｏｓｅｒ'],
    ['You\u200B’re a pa\u200Bthetic lo\u200Dser', 'pa\u200Bthetic lo\u200Dser'],
    ['уоu’rе а раthеtic lоsеr', 'раthеtic lоsеr'],
    ['Email me:  jane.doe@gmail.com  thanks', 'jane.doe@gmail.com'],
  ];
  it.each(cases)('%s', (text, expected) => {
    const v = moderate({ text, kind: 'reply' });
    expect(v.action).toBe('hold');
    const excerpts = v.hits.map((h) => text.slice(h.start, h.end));
    expect(excerpts.some((x) => x.includes(expected))).toBe(true);
    for (const h of v.hits) expect(h.excerpt).toBe(text.slice(h.start, h.end));
  });
});
