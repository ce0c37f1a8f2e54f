// Hostile inputs for the engine: long runs of one character, nested brackets, thousands of
// spaces, repeated phrases, confusables, emoji … Shared by bench/bench.mjs and src/safety.spec.ts.
export function adversarialInputs(KB100 = 100 * 1024) {
  return {
    'one character (a)': 'a'.repeat(KB100),
    'one character (!)': '!'.repeat(KB100),
    'one character (digit 7)': '7'.repeat(KB100),
    'one character (@)': '@'.repeat(KB100),
    spaces: ' '.repeat(KB100),
    'spaces between words': ('you ' + ' '.repeat(4000)).repeat(25).slice(0, KB100),
    'nested brackets': '('.repeat(KB100 / 2) + ')'.repeat(KB100 / 2),
    'nested square brackets': '[{('.repeat(KB100 / 3),
    quotes: '"'.repeat(KB100),
    apostrophes: "'a".repeat(KB100 / 2),
    'repeated phrase': 'you need to '.repeat(Math.ceil(KB100 / 12)).slice(0, KB100),
    'repeated insult': 'you are a '.repeat(Math.ceil(KB100 / 10)).slice(0, KB100),
    'digits and spaces': '1 2 '.repeat(KB100 / 4),
    'capital words': 'YOU ARE '.repeat(KB100 / 8),
    'zero-width joiners': 'a\u200d'.repeat(KB100 / 2),
    'combining marks': 'a\u0301\u0302'.repeat(KB100 / 3),
    'cyrillic confusables': 'уоu аrе '.repeat(KB100 / 8),
    emoji: '😀'.repeat(KB100 / 2),
    'email-ish': 'a.'.repeat(KB100 / 4) + '@' + 'b.'.repeat(KB100 / 4),
    'url-ish': 'http://' + 'a/'.repeat(KB100 / 2),
    newlines: '\n'.repeat(KB100),
    dots: '.'.repeat(KB100),
    'mixed punctuation': '!?'.repeat(KB100 / 2),
    'words without punctuation': 'i want to '.repeat(KB100 / 10),
    'dead/die words': 'i think about dying and '.repeat(KB100 / 24),
  };
}
