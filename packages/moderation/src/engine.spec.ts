import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORY_RULE, analyse, decide, engineVersion, model, moderate, moderateLine, normalise, rules } from './index.js';
import { FEATURE_DIM, featurize } from './model/features.js';
import { createModel, decodeWeights, K, type ModelData } from './model/model.js';
import { train, quantize, weightsHash, DEFAULT_TRAIN, type Example } from './model/train.js';
import { MODEL_DATA } from './model/weights.js';
import { sentenceCues } from './cues.js';

// The combined engine (rules + model) on sentences written for this spec, one block per
// category: what it must catch, and the near misses it must publish. None of these comes from
// the corpus; they describe the behaviour the issue asks for.
type Case = string | { text: string; kind: 'post' | 'reply' };
const input = (c: Case) => (typeof c === 'string' ? { text: c } : c);
const action = (c: Case) => moderate(input(c)).action;

const CASES: Record<string, { want: 'crisis' | 'hold' | 'nudge'; catches: Case[]; leaves: Case[] }> = {
  'self-harm': {
    want: 'crisis',
    catches: [
      'I keep thinking everyone would be lighter without me around, I’ve stopped seeing the point',
      'I want to die. I’m so tired of waking up.',
      'been looking up how many of my pills it would take. just so i know',
      'I’ve written letters for the kids and my sister, just in case. I won’t be around for their birthdays.',
      'I’ve given the cat to my neighbour and paid off what I owe. I just want everything tidy before Friday.',
    ],
    leaves: [
      { text: 'Please don’t. If you’re thinking about ending it, call 988 tonight, you matter to us.', kind: 'reply' },
      'This commute is killing me lol, two hours each way.',
      'Years ago I had a really dark winter and thought about not being here. I’m okay now and glad I stayed.',
    ],
  },
  'partner-danger': {
    want: 'crisis',
    catches: [
      'He took my phone and my car keys again and says I can’t leave the house without him.',
      'he grabbed me by the throat last night while the kids slept',
      'He said if I ever leave I will never see the children again.',
      'He broke my phone again last night and took the car keys so I can’t leave. He says nobody would believe me.',
    ],
    leaves: [
      'He took the kids to the park so I could have a nap, small thing but it helped.',
      'We argue about money a lot but we both stay calm.',
    ],
  },
  threat: {
    want: 'crisis',
    catches: [
      'If he comes near my house again I’ll hurt him, I swear.',
      'I’m going to kill him when he gets home.',
      'She’ll pay for what she did. I know when she leaves work and I’ll make sure she regrets it.',
      'If he touches my savings one more time I’ll hurt him, and I mean it.',
    ],
    leaves: ['I could murder a pizza right now.', 'Honestly I was so angry I had to go for a walk before I said something I’d regret.'],
  },
  harassment: {
    want: 'hold',
    catches: [
      { text: 'You are a pathetic, worthless idiot and everyone here can see it.', kind: 'reply' },
      { text: 'Shut up, nobody cares about your sob story, loser.', kind: 'reply' },
      // Contempt without a swear word: sarcasm, digging through someone's other posts.
      { text: 'Bless your heart, it must be nice to have so much time to whine on here every single day.', kind: 'reply' },
      { text: 'I went through your other posts. You complain about everyone, maybe the problem is you.', kind: 'reply' },
    ],
    leaves: [
      { text: 'I respectfully disagree with your take on the article, I think small steps can work.', kind: 'reply' },
      { text: 'Would it help to take a weekend just for yourself before you decide anything?', kind: 'reply' },
    ],
  },
  'personal-info': {
    want: 'hold',
    catches: [
      'Email me at jo.kent@fastmail.com and I’ll tell you more',
      'call her on 07700 900 461 and ask her yourself',
      'my insta is quiet_wife_88',
      // Without a number or an address: a name with a workplace, "I think we work together".
      { text: 'Your husband is Mark Jensen, he works at the Tesco on Mill Road in Harlow, right?', kind: 'reply' },
      { text: 'I think we work together, you’re the one in accounts on the third floor at Harlow council.', kind: 'reply' },
    ],
    leaves: [
      'I’m deleting my Instagram account, it only made me compare us with everyone else.',
      'He’s on Facebook all night and barely looks up.',
    ],
  },
  spam: {
    want: 'hold',
    catches: [
      'Earn $500 a day from home with this crypto app, visit www.quickgains.biz today',
      'Use code SAVE50 for half off my 6 week marriage course, link in bio',
      // Spam that sounds warm: a kind story with a coach to DM for.
      'What helped us was coach Dana, she turned our marriage around in six weeks. DM me and I’ll send you her link.',
    ],
    leaves: [
      'Our counsellor helped us a lot. Couples counselling might be worth a try if you can afford it.',
      'We found a counsellor through the GP and it helped, slowly.',
      // Warm recommendations of help that sells nothing.
      'I’d really recommend couples counselling, our counsellor helped us so much and it was worth every session.',
      'We tried the library’s free relationship workshop last spring, it was gentle and helped us talk again.',
    ],
  },
  pressure: {
    want: 'nudge',
    catches: [
      { text: 'You need to give him an ultimatum tonight: counselling or divorce.', kind: 'reply' },
      { text: 'Just leave him. Stop being so weak.', kind: 'reply' },
    ],
    leaves: [{ text: 'Maybe you could try telling him how lonely you feel, when it feels right?', kind: 'reply' }],
  },
};

describe('the engine (rules + model) by category', () => {
  for (const [category, c] of Object.entries(CASES)) {
    describe(category, () => {
      it.each(c.catches.map((x) => [typeof x === 'string' ? x : x.text, x]))('catches: %s', (_t, x) => {
        const got = action(x);
        if (c.want === 'crisis') expect(got).toBe('crisis');
        else if (c.want === 'hold') expect(['hold', 'crisis']).toContain(got);
        else expect(got).not.toBe('publish');
      });
      it.each(c.leaves.map((x) => [typeof x === 'string' ? x : x.text, x]))('publishes: %s', (_t, x) => {
        expect(action(x)).toBe('publish');
      });
    });
  }

  it('leaves a few neutral words to the rules (the model decides nothing on fewer than six words)', () => {
    for (const text of [
      'Hi.',
      'Another post.',
      'Soon gone',
      'Replying to myself',
      'React to me',
      'Thanks so much',
      'same here x',
      'A post some readers dislike.',
    ]) {
      expect([text, moderate({ text, kind: 'reply' }).action]).toEqual([text, 'publish']);
    }
    expect(moderate({ text: 'I want to die' }).action).toBe('crisis');
    expect(moderate({ text: 'kys loser', kind: 'reply' }).action).not.toBe('publish');
  });

  it('publishes short, flat everyday posts and a quote of the article', () => {
    for (const text of [
      'came home. didn’t say much. made tea. he watched tv.',
      'Long day. Kids asleep. Sitting in the kitchen with a cup of tea and not much to say.',
      'The article says small acts of care matter more than grand gestures, and that stuck with me.',
    ]) {
      expect([text, moderate({ text }).action]).toEqual([text, 'publish']);
    }
  });

  it('never stops happy shouting on its own', () => {
    for (const text of [
      'WE WENT ON A DATE!!! FIRST IN 3 YEARS!!!',
      'HE SAID I LOVE YOU FIRST TODAY!!!!',
      'omg we laughed SO HARD tonight, like the old days!!!',
    ]) {
      expect(moderate({ text }).action).toBe('publish');
    }
  });

  it('shows resources for helping someone else when the worry is about another person', () => {
    const v = moderate({ text: 'My sister keeps saying she wants to die and she has started giving her things away. What do I do?' });
    expect(v.action).toBe('crisis');
    expect(v.concern).toBe('other');
    const self = moderate({ text: 'I want to die, I can’t do this anymore.' });
    expect(self.concern).toBe('self');
    expect(moderate({ text: 'We had a quiet, lovely evening.' }).concern).toBeUndefined();
  });
});

describe('explainable verdicts', () => {
  it('every hit names a rule, its principle and the article’s sentence, with a source', () => {
    const byId = new Map(rules.map((r) => [r.id, r]));
    for (const text of [
      'he grabbed me by the throat last night while the kids slept',
      'Just leave him. Stop being so weak.',
      'Email me at jo.kent@fastmail.com',
    ]) {
      const v = moderate({ text });
      expect(v.hits.length).toBeGreaterThan(0);
      for (const h of v.hits) {
        const rule = byId.get(h.ruleId)!;
        expect(rule).toBeDefined();
        expect(h).toMatchObject({ principle: rule.principle, quote: rule.quote, message: rule.message, action: rule.action });
        expect(['rules', 'model']).toContain(h.source);
        expect(h.excerpt).toBe(text.slice(h.start, h.end));
      }
    }
  });

  it('a model decision names its category’s rule and highlights the sentence that scored highest', () => {
    const m = model();
    expect(m).not.toBeNull();
    const text =
      'We had a nice weekend with the kids. The weather was good. I don’t think I can keep going much longer, I’ve given my guitar and my watch to my brother already.';
    const a = analyse({ text }, m);
    // Take the rules away to see the model's own decision and highlight.
    const v = decide({ ...a, ruleHits: [] }, m, { ...m!.thresholds, flag: { ...m!.thresholds.flag, 'self-harm': 0 } });
    const hit = v.hits.find((h) => h.source === 'model' && h.ruleId === CATEGORY_RULE['self-harm'])!;
    expect(hit).toBeDefined();
    expect(hit.score).toBeGreaterThan(0);
    expect(hit.excerpt).toContain('keep going');
    expect(hit.excerpt).not.toContain('weather');
  });

  it('carries the engine version (rules + model)', () => {
    expect(engineVersion).toMatch(/\+m-[0-9a-f]{12}$/);
    expect(moderate({ text: 'hi' }).engineVersion).toBe(engineVersion);
  });
});

describe('a short text: the brief bar', () => {
  // Made-up probabilities, so the combination is tested apart from any trained model.
  const at = (text: string, selfHarm: number) => {
    const probs = new Float64Array(K);
    probs[0] = selfHarm;
    return { original: text, norm: normalise(text), ruleHits: [], probs };
  };
  const thresholds = (brief?: number) => ({
    ...MODEL_DATA.thresholds,
    flag: { ...MODEL_DATA.thresholds.flag, 'self-harm': 0.3 },
    support: 1.01,
    brief,
  });
  const short = 'came home late, the porch light was on.'; // 8 words
  const long = 'came home late again tonight and the porch light was on, the kitchen was warm and someone had left a plate out for me.';

  it('a crisis the model alone calls on fewer than BRIEF_WORDS words needs the brief bar', () => {
    expect(decide(at(short, 0.4), null, thresholds(0.5), { highlight: false }).action).toBe('publish');
    expect(decide(at(short, 0.55), null, thresholds(0.5), { highlight: false }).action).toBe('crisis');
  });

  it('leaves longer texts, and models without the bar, to the category’s flag', () => {
    expect(decide(at(long, 0.4), null, thresholds(0.5), { highlight: false }).action).toBe('crisis');
    expect(decide(at(short, 0.4), null, thresholds(undefined), { highlight: false }).action).toBe('crisis');
  });

  it('never drops a crisis the rules found', () => {
    const text = 'I want to die tonight, I have a plan.';
    const a = { ...analyse({ text }, null), probs: at(text, 0.1).probs };
    expect(a.ruleHits.some((h) => h.action === 'crisis')).toBe(true);
    expect(decide(a, null, { ...thresholds(0.9), veto: { ...MODEL_DATA.thresholds.veto, 'self-harm': 0 } }).action).toBe('crisis');
  });
});

describe('a short text: the briefHold bar', () => {
  // Made-up probabilities: harassment (index 3) at the given value, nothing else.
  const at = (text: string, harassment: number) => {
    const probs = new Float64Array(K);
    probs[3] = harassment;
    return { original: text, norm: normalise(text), ruleHits: [], probs };
  };
  const thresholds = (briefHold?: number) => ({
    ...MODEL_DATA.thresholds,
    flag: { ...MODEL_DATA.thresholds.flag, harassment: 0.4 },
    briefHold,
  });
  const short = 'An ordinary post, from the person who wants her key.'; // 10 words
  const long =
    'An ordinary post, from the person who wants her key, and who walked by the river tonight and talked a little with her husband.';

  it('a hold the model alone calls on fewer than BRIEF_WORDS words needs the briefHold bar', () => {
    expect(decide(at(short, 0.45), null, thresholds(0.6), { highlight: false }).action).toBe('publish');
    expect(decide(at(short, 0.65), null, thresholds(0.6), { highlight: false }).action).toBe('hold');
  });

  it('leaves longer texts, and models without the bar, to the category’s flag', () => {
    expect(decide(at(long, 0.45), null, thresholds(0.6), { highlight: false }).action).toBe('hold');
    expect(decide(at(short, 0.45), null, thresholds(undefined), { highlight: false }).action).toBe('hold');
  });
});

describe('nothing for a person to look at: the holdAlone bar', () => {
  // Made-up probabilities: harassment (index 3) at the given value, nothing else.
  const at = (text: string, harassment: number) => {
    const a = analyse({ text }, null);
    const probs = new Float64Array(K);
    probs[3] = harassment;
    return { ...a, probs };
  };
  const thresholds = (holdAlone?: number) => ({
    ...MODEL_DATA.thresholds,
    flag: { ...MODEL_DATA.thresholds.flag, harassment: 0.4 },
    briefHold: 0,
    holdAlone,
  });
  const warm = 'Congratulations to you both, this is such wonderful news and I am so glad you told us tonight.';

  it('a hold the model alone calls, with no rule hit at all, needs the holdAlone bar', () => {
    expect(analyse({ text: warm }, null).ruleHits).toEqual([]);
    expect(decide(at(warm, 0.5), null, thresholds(0.6), { highlight: false }).action).toBe('publish');
    expect(decide(at(warm, 0.65), null, thresholds(0.6), { highlight: false }).action).toBe('hold');
    expect(decide(at(warm, 0.5), null, thresholds(undefined), { highlight: false }).action).toBe('hold');
  });

  it('leaves the category’s flag alone when a rule found something', () => {
    const text = 'Congratulations, I guess. Just leave him already, honestly, it is the only way you will ever be happy again.';
    const a = at(text, 0.5);
    expect(a.ruleHits.length).toBeGreaterThan(0);
    expect(decide(a, null, thresholds(0.6), { highlight: false }).action).toBe('hold');
  });
});

describe('no word of risk: the crisisAlone bar', () => {
  // Made-up probabilities: self-harm (index 0) at the given value; the risk flag as the cues read it.
  const at = (text: string, selfHarm: number) => {
    const a = analyse({ text }, null);
    const probs = new Float64Array(K);
    probs[0] = selfHarm;
    return { ...a, probs, risk: sentenceCues(normalise(text).text).risk };
  };
  const thresholds = (crisisAlone?: number) => ({
    ...MODEL_DATA.thresholds,
    flag: { ...MODEL_DATA.thresholds.flag, 'self-harm': 0.3 },
    support: 1.01,
    brief: 0,
    crisisAlone,
  });
  const flat = 'Worked a double today and came home to a sink full of dishes, so I did them and went to bed early.';
  const sign = 'I have written letters for the kids and my sister and sorted out the insurance, so it is all tidy now.';

  it('a crisis the model alone calls on a text with no word of risk needs the crisisAlone bar', () => {
    expect(decide(at(flat, 0.35), null, thresholds(0.5), { highlight: false }).action).toBe('publish');
    expect(decide(at(flat, 0.55), null, thresholds(0.5), { highlight: false }).action).toBe('crisis');
    expect(decide(at(flat, 0.35), null, thresholds(undefined), { highlight: false }).action).toBe('crisis');
  });

  it('keeps the category’s flag when a sentence names a warning sign', () => {
    expect(decide(at(sign, 0.35), null, thresholds(0.5), { highlight: false }).action).toBe('crisis');
  });
});

describe('told from safety: the settled bar', () => {
  const text =
    'Two years ago I had a rope in the garage. I told my wife the next morning and she drove me to the GP. I’m here and I’m glad.';
  const with_ = (selfHarm: number, support: number) => {
    const a = analyse({ text }, null);
    const probs = new Float64Array(K);
    probs[0] = selfHarm;
    probs[K - 1] = support;
    return { ...a, probs };
  };
  const thresholds = (settled?: number) => ({
    ...MODEL_DATA.thresholds,
    flag: { ...MODEL_DATA.thresholds.flag, 'self-harm': 0.3 },
    support: 0.2,
    settled,
  });

  it('drops a crisis rule hit when the support head is at least the bar and above the crisis probability', () => {
    expect(with_(0.5, 0.95).ruleHits.some((h) => h.ruleId === 'crisis-self-harm')).toBe(true);
    expect(decide(with_(0.5, 0.95), null, thresholds(0.9), { highlight: false }).action).toBe('publish');
  });

  it('keeps it under the bar, when the crisis probability is higher, and without the bar', () => {
    expect(decide(with_(0.5, 0.85), null, thresholds(0.9), { highlight: false }).action).toBe('crisis');
    expect(decide(with_(0.97, 0.95), null, thresholds(0.9), { highlight: false }).action).toBe('crisis');
    expect(decide(with_(0.5, 0.95), null, thresholds(undefined), { highlight: false }).action).toBe('crisis');
  });
});

describe('the model file', () => {
  it('is at most 5 MB and loads in under 200 ms', () => {
    const bytes = statSync(join(__dirname, 'model', 'weights.ts')).size;
    expect(bytes).toBeLessThanOrEqual(5 * 1024 * 1024);
    const t = performance.now();
    const m = createModel(MODEL_DATA, decodeWeights(MODEL_DATA));
    m.predict('warm up');
    expect(performance.now() - t).toBeLessThan(200);
    expect(MODEL_DATA.dim).toBe(FEATURE_DIM);
  });

  it('is written by the train script (no hand edits) and matches its version', () => {
    const source = readFileSync(join(__dirname, 'model', 'weights.ts'), 'utf8');
    expect(source).toContain('Generated by `npm run -w packages/moderation train`');
    const w = decodeWeights(MODEL_DATA);
    expect(
      `m-${weightsHash(w, MODEL_DATA.scale, MODEL_DATA.bias, JSON.stringify({ lengthPrior: MODEL_DATA.lengthPrior, thresholds: MODEL_DATA.thresholds }))}`,
    ).toBe(MODEL_DATA.version);
  });
});

describe('training', () => {
  const texts = [
    ['i want to end it all tonight', 0],
    ['he hit me and took my phone', 1],
    ['you are a worthless idiot', 3],
    ['call me on 0400 000 000', 4],
    ['buy my course now, link in bio', 5],
    ['you need to leave him tonight', 6],
    ['we had a lovely walk by the river', -1],
    ['thanks for sharing, this helped me', -1],
  ] as const;
  const examples: Example[] = texts.map(([t, c]) => {
    const targets = new Int8Array(K).fill(0);
    if (c >= 0) targets[c] = 1;
    targets[7] = -1;
    targets[8] = -1;
    return { features: featurize(t), targets, weight: 1 };
  });
  const hashOf = (seed: number) => {
    const q = quantize(train(examples, { ...DEFAULT_TRAIN, epochs: 3, seed }));
    return weightsHash(q.weights, q.scale, q.bias);
  };

  it('is deterministic: the same seed gives the same weights, another seed other weights', () => {
    expect(hashOf(7)).toBe(hashOf(7));
    expect(hashOf(7)).not.toBe(hashOf(8));
  });

  it('learns: a trained model ranks its own examples', () => {
    const q = quantize(train(examples, { ...DEFAULT_TRAIN, epochs: 20 }));
    const data: ModelData = {
      version: 't',
      dim: FEATURE_DIM,
      outputs: [],
      bias: q.bias,
      scale: q.scale,
      thresholds: MODEL_DATA.thresholds,
      data: '',
    };
    const m = createModel(data, q.weights);
    expect(m.predict('i want to end it all tonight')[0]).toBeGreaterThan(m.predict('we had a lovely walk by the river')[0]);
  });
});

describe('robustness', () => {
  it('never throws, whatever the input', () => {
    const odd = [
      '',
      '\uD800\uDC00\uD800',
      '\u202E\u200B'.repeat(1000),
      '!'.repeat(50_000),
      'é'.repeat(20_000),
      'a b '.repeat(30_000),
      '<script>alert(1)</script>',
      '\u0000\u0001\u0002',
    ];
    let seed = 42;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 200; i++)
      odd.push(Array.from({ length: Math.floor(rand() * 400) }, () => String.fromCharCode(Math.floor(rand() * 0xffff))).join(''));
    for (const text of odd) {
      expect(() => moderate({ text })).not.toThrow();
      expect(['publish', 'nudge', 'hold', 'crisis']).toContain(moderate({ text, kind: 'reply' }).action);
    }
  });

  it('keeps the CLI line shape: id, action, rules and nothing else', () => {
    for (const text of ['I want to die', 'We had a lovely evening.', 'he grabbed me by the throat last night']) {
      const out = JSON.parse(moderateLine(JSON.stringify({ id: 'x', text })));
      expect(Object.keys(out)).toEqual(['id', 'action', 'rules']);
      expect(out.rules).toEqual([...new Set(out.rules)]);
    }
  });
});
