/**
 * Matching happens on a normalised copy of the text: NFKC, case-folded, confusable letters
 * mapped to Latin, zero-width and combining marks dropped, typographic quotes and dashes made
 * ASCII, whitespace runs collapsed to one space (or one newline), and runs of one character cut
 * to eight ("!!!!!!!!!!" or "aaaa…" never need more to be recognised, and hostile input gets
 * short). Every normalised UTF-16 unit
 * remembers the range of the original text it came from, so hits point at what the author typed.
 */
export interface Normalised {
  /** Case-folded text used for matching. */
  text: string;
  /** Same text and offsets, letter case kept (for shouting, names). */
  cased: string;
  /** starts[i]/ends[i]: original range behind normalised unit i. */
  starts: readonly number[];
  ends: readonly number[];
  originalLength: number;
}

const PUNCT: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u02BC': "'",
  '\u2032': "'",
  '\u00B4': "'",
  '\u0060': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2026': '...',
};

// Letters that look Latin but are not (Cyrillic, Greek, a few IPA); the usual disguise for slurs and spam.
const CONFUSABLES: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ɡ: 'g',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  Ѕ: 'S',
  І: 'I',
  Ј: 'J',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
};

// Tested one code point at a time (^…$), so the marks in the class stand alone.
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class
  /^[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]$/;
const MARK = /^\p{M}$/u;
const SPACE = /^\s$/u;
// eslint-disable-next-line no-control-regex -- the whole ASCII range, NUL included, is what it excludes
const NON_ASCII = /[^\x00-\x7f]/;
const MARKS_G = /\p{M}/gu;

/** Longest run of one character kept in the normalised text. */
export const MAX_RUN = 8;

/**
 * Most posts are plain ASCII with single spaces and short runs: then normalising changes nothing
 * but the case, and each unit maps to itself. Checking that is one pass over the codes, far
 * cheaper than building the text unit by unit (the result is the same, to the offset).
 */
function plainAscii(input: string, n: number): Normalised | null {
  let prev = -1;
  let run = 0;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c >= 128 || (c >= 9 && c <= 13 && c !== 10)) return null;
    if (c === 32 || c === 10) {
      if (prev === 32 || prev === 10) return null;
      run = 0;
    } else if (c === prev) {
      if (++run > MAX_RUN) return null;
    } else run = 1;
    prev = c;
  }
  const cased = n === input.length ? input : input.slice(0, n);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < n; i++) {
    starts.push(i);
    ends.push(i + 1);
  }
  return { text: cased.toLowerCase(), cased, starts, ends, originalLength: input.length };
}

export function normalise(input: string, limit = Infinity): Normalised {
  const n = Math.min(input.length, limit);
  const plain = plainAscii(input, n);
  if (plain !== null) return plain;
  // Code units, not strings: building two strings character by character is the slow part.
  const lowerCodes: number[] = [];
  const casedCodes: number[] = [];
  // Plain arrays: NFKC can expand one character into many (ligatures, ﷺ), so the size is unknown.
  const starts: number[] = [];
  const ends: number[] = [];
  let lastSpace = false;
  let runCode = -1;
  let run = 0;

  const pushCode = (code: number, from: number, to: number): void => {
    if (code === runCode) {
      if (++run > MAX_RUN) {
        ends[ends.length - 1] = to;
        return;
      }
    } else {
      runCode = code;
      run = 1;
    }
    casedCodes.push(code);
    if (code < 128) lowerCodes.push(code >= 65 && code <= 90 ? code + 32 : code);
    else {
      const lower = String.fromCharCode(code).toLowerCase();
      lowerCodes.push(lower.length === 1 ? lower.charCodeAt(0) : code);
    }
    starts.push(from);
    ends.push(to);
  };
  const pushSpace = (newline: boolean, from: number, to: number): void => {
    if (lastSpace) {
      const last = ends.length - 1;
      ends[last] = to;
      if (newline) {
        lowerCodes[last] = 10;
        casedCodes[last] = 10;
      }
      return;
    }
    runCode = -1;
    pushCode(newline ? 10 : 32, from, to);
    runCode = -1;
    lastSpace = true;
  };

  const emit = (out: string, from: number, to: number): void => {
    for (let k = 0; k < out.length; k++) {
      const c = out.charCodeAt(k);
      if (c === 32) pushSpace(false, from, to);
      else {
        pushCode(c, from, to);
        lastSpace = false;
      }
    }
  };
  // Per-call memo of what each non-ASCII character becomes (emoji-heavy or foreign-script text
  // repeats the same few characters).
  const seen = new Map<string, string>();
  let i = 0;
  while (i < n) {
    const code = input.charCodeAt(i);
    if (code < 128) {
      if (code === 32 || (code >= 9 && code <= 13)) pushSpace(code === 10 || code === 13, i, i + 1);
      else {
        pushCode(code, i, i + 1);
        lastSpace = false;
      }
      i++;
      continue;
    }
    const cp = input.codePointAt(i)!;
    const width = cp > 0xffff && i + 1 < n ? 2 : 1;
    const ch = input.slice(i, i + width);
    const to = i + width;
    const known = seen.get(ch);
    if (known !== undefined) {
      if (known === '') {
        i = to;
        continue;
      }
      emit(known, i, to);
      i = to;
      continue;
    }
    if (INVISIBLE.test(ch)) {
      seen.set(ch, '');
      i = to;
      continue;
    }
    if (MARK.test(ch)) {
      if (ends.length > 0) ends[ends.length - 1] = to;
      i = to;
      continue;
    }
    if (SPACE.test(ch)) {
      pushSpace(ch === '\u2028' || ch === '\u2029', i, to);
      i = to;
      continue;
    }
    let out = PUNCT[ch] ?? CONFUSABLES[ch];
    if (out === undefined) {
      out = ch.normalize('NFKC');
      if (NON_ASCII.test(out)) out = out.normalize('NFD').replace(MARKS_G, '');
      let mapped = '';
      for (const c of out) mapped += PUNCT[c] ?? CONFUSABLES[c] ?? c;
      out = mapped;
    }
    if (out !== '') seen.set(ch, out);
    emit(out, i, to);
    i = to;
  }
  return { text: fromCodes(lowerCodes), cased: fromCodes(casedCodes), starts, ends, originalLength: input.length };
}

function fromCodes(codes: number[]): string {
  let out = '';
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode.apply(null, codes.slice(i, i + 4096));
  return out;
}

/** Maps a normalised [start, end) to the original text's [start, end). */
export function toOriginal(norm: Normalised, start: number, end: number): [number, number] {
  const len = norm.starts.length;
  if (len === 0) return [0, 0];
  const s = Math.min(Math.max(start, 0), len - 1);
  const e = Math.min(Math.max(end, s + 1), len);
  return [norm.starts[s], norm.ends[e - 1]];
}
