import { CUE_TOKENS, cueTokenName, sentenceCues } from './cues.js';
import { cueFeatures } from './pipeline.js';
import { ruleSignal } from './model/features.js';

// The sentence cues: which persons, which tense, which kind of word, in one sentence. Sentences
// written for this spec (none from the corpus).
const tokens = (text: string): string[] => {
  const { tokens: bits } = sentenceCues(text);
  const names: string[] = [];
  for (let i = 0; i < CUE_TOKENS; i++) if (bits[i >>> 5] & (1 << (i & 31))) names.push(cueTokenName(i));
  return names;
};

describe('sentence cues', () => {
  it('tells a first-person risk now from someone else’s in the past and from words said to "you"', () => {
    expect(tokens('i want to die tonight.')).toEqual(['cue:risk:1:now']);
    expect(tokens('my grandad was dying, i sat with him.')).toEqual(['cue:risk:13:past']);
    expect(tokens('if you are thinking of suicide, please call 988.')).toEqual(['cue:risk:2:now']);
  });

  it('reads contempt and warmth aimed at "you"', () => {
    expect(tokens('you are pathetic.')).toEqual(['cue:neg:2:now']);
    expect(tokens('thank you so much, glad you are here!')).toEqual(['cue:warm:2:now']);
  });

  it('keeps sentences apart: a risk word in one and "I" in another are not one cue', () => {
    expect(tokens('the film was about a bridge. i was so happy.')).toEqual(['cue:risk:0:past', 'cue:warm:1:past']);
  });

  it('reads "-ed" words as the past, but not "need" or "speed"', () => {
    expect(tokens('he shoved me and walked out with the gun')).toEqual(['cue:risk:13:past']);
    expect(tokens('i need a knife for the bread')).toEqual(['cue:risk:1:now']);
    expect(sentenceCues('we talked and walked.').risk).toBe(false);
  });

  it('says whether any sentence carries a word of risk', () => {
    expect(sentenceCues('We planted tomatoes. It rained.').risk).toBe(false);
    expect(sentenceCues('We planted tomatoes. I keep thinking about the pills.').risk).toBe(true);
  });

  it('counts whole words only', () => {
    // "skill" holds "kill", "diet" holds "die": neither is the word.
    expect(tokens('my skill at diets is legendary')).toEqual([]);
  });

  it('becomes the model’s features, one bucket per token', () => {
    expect(Array.from(cueFeatures(sentenceCues('i want to die tonight.')))).toEqual([ruleSignal('cue:risk:1:now')]);
    expect(Array.from(cueFeatures(sentenceCues('we planted tomatoes.')))).toEqual([]);
  });

  it('names every token once', () => {
    const names = Array.from({ length: CUE_TOKENS }, (_, i) => cueTokenName(i));
    expect(new Set(names).size).toBe(CUE_TOKENS);
  });
});
