/**
 * Who speaks about whom, and when: per sentence, which persons a sentence names (I, you, a third
 * person, a group), whether it is told in the past or the present, and whether it carries a word
 * of risk, of contempt or of warmth. The model gets the conjunctions as features counted with
 * the n-grams (`risk:1:now`, `neg:2:now`, `warm:2:now` …): a linear model over n-grams sees "I", "was" and
 * "die" in a post but not that they sit in one sentence, so it cannot tell "I want to die"
 * from "my grandad was dying, I sat with him" or "if you are thinking of dying, call 988".
 *
 * The word lists are general English (pronouns, tense markers, the warning signs that suicide
 * prevention services and the Danger Assessment publish, everyday words of contempt and of
 * warmth), not phrases from the corpus. One pass over the normalised text, no allocation per
 * word: each word is hashed as it is read and looked up in a table of the listed words.
 */

const P1 = 1;
const P2 = 2;
const P3 = 4;
const GROUP = 8;
const PAST = 16;
const NOW = 32;
const RISK = 64;
const NEG = 128;
const WARM = 256;

const LISTS: ReadonlyArray<readonly [number, string]> = [
  [P1, "i i'm im i've ive i'd i'll me my mine myself"],
  [P2, "you you're youre your yours yourself yourselves u ur ya you've you'll you'd"],
  [
    P3,
    "he she him her his hers they them their theirs himself herself themselves he's she's they're husband wife partner boyfriend girlfriend friend sister brother son daughter mum mom dad mother father kid kids child children",
  ],
  [
    GROUP,
    'immigrants migrants refugees foreigners muslims jews christians gays lesbians blacks whites feminists women men females males liberals boomers people',
  ],
  [PAST, "was were had did didn't wasn't weren't hadn't ago used once"],
  [
    NOW,
    "am is are isn't aren't can't cant don't dont won't wont will gonna going now tonight today anymore keep keeps want wanna need still i'm im",
  ],
  [
    RISK,
    // Warning signs of suicide (988 Lifeline, AFSP) and lethality factors of partner violence
    // (Campbell's Danger Assessment), as single words.
    'die dying dead death suicide suicidal kill killing killed overdose pills tablets rope noose gun guns knife blade razor bridge jump goodbye goodbyes hopeless burden trapped unbearable pointless alive exist disappear funeral insurance letters belongings possessions wrists cut cutting hurt hurting harm choke choked choking strangled strangle threatened threatens threatening hit hits slapped punched bruises bruise scared afraid terrified unsafe hiding hide escape police followed stalking stalks',
  ],
  [
    NEG,
    'pathetic ridiculous stupid dumb lazy selfish entitled crazy drama dramatic whining whine whinge moaning attention clearly obviously joke laughable embarrassing delusional weak spineless excuses excuse fault deserve deserved deserves blame expect expected bless sure must nice grow seriously typical',
  ],
  [
    WARM,
    'thank thanks glad love lovely congrats congratulations proud wonderful welcome hug hugs brave rooting happy beautiful kind sweet laughed laugh lol haha lmao best favourite favorite safe okay ok better',
  ],
];

// FNV-1a over the word's code units; the table keeps the word too, so a collision never counts.
const hashWord = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
};
const TABLE = new Map<number, { word: string; bits: number }>();
for (const [bits, words] of LISTS)
  for (const w of words.split(' ')) {
    const h = hashWord(w);
    const known = TABLE.get(h);
    if (known && known.word !== w) throw new Error(`cue word hash collision: ${w}`);
    TABLE.set(h, { word: w, bits: (known?.bits ?? 0) | bits });
  }

const isWordCode = (c: number): boolean => (c >= 97 && c <= 122) || c === 39;

/** Index of a sentence's tokens: family (risk, neg, warm) × persons (4 bits) × tense (past, now). */
const tokenIndex = (family: number, persons: number, tense: number): number => (family * 16 + persons) * 4 + tense;
export const CUE_TOKENS = 3 * 16 * 4;
const FAMILY_NAMES = ['risk', 'neg', 'warm'];
const TENSE_NAMES = ['none', 'past', 'now', 'both'];
/** The name of token `i` (hashed into the model's feature space like a rule's signal). */
export const cueTokenName = (i: number): string => {
  const tense = i % 4;
  const persons = Math.floor(i / 4) % 16;
  const family = Math.floor(i / 64);
  const who = [P1, P2, P3, GROUP].map((b, k) => (persons & b ? String(k + 1) : '')).join('') || '0';
  return `cue:${FAMILY_NAMES[family]}:${who}:${TENSE_NAMES[tense]}`;
};

/** What one pass found: the tokens (a bit per CUE_TOKENS index) and whether any sentence carries a risk word. */
export interface SentenceCues {
  tokens: Uint32Array;
  risk: boolean;
}

function flush(flags: number, out: Uint32Array): void {
  const persons = flags & 15;
  const tense = (flags & PAST ? 1 : 0) | (flags & NOW ? 2 : 0);
  if (flags & RISK) set(out, tokenIndex(0, persons, tense));
  if (flags & NEG) set(out, tokenIndex(1, persons, tense));
  if (flags & WARM) set(out, tokenIndex(2, persons, tense));
}
const set = (out: Uint32Array, i: number): void => {
  out[i >>> 5] |= 1 << (i & 31);
};

/** Scans normalised text (lower case) sentence by sentence. */
export function sentenceCues(text: string): SentenceCues {
  const tokens = new Uint32Array(CUE_TOKENS / 32);
  let flags = 0;
  let risk = false;
  let h = 0x811c9dc5;
  let start = -1;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 46;
    if (isWordCode(c)) {
      if (start < 0) {
        start = i;
        h = 0x811c9dc5;
      }
      h = Math.imul(h ^ c, 0x01000193);
      continue;
    }
    if (start >= 0) {
      const len = i - start;
      const entry = TABLE.get(h >>> 0);
      if (entry !== undefined && entry.word.length === len && text.startsWith(entry.word, start)) flags |= entry.bits;
      // "-ed" words are past tense ("walked", "decided"), but not "need", "feed", "speed".
      else if (len >= 4 && text.charCodeAt(i - 1) === 100 && text.charCodeAt(i - 2) === 101 && text.charCodeAt(i - 3) !== 101)
        flags |= PAST;
      start = -1;
    }
    // . ! ? and newlines end a sentence.
    if (c === 46 || c === 33 || c === 63 || c === 10) {
      if (flags & (RISK | NEG | WARM)) {
        if (flags & RISK) risk = true;
        flush(flags, tokens);
      }
      flags = 0;
    }
  }
  return { tokens, risk };
}
