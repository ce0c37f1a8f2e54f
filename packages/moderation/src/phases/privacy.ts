import { quotes } from '../article.js';
import { find, notNegated, notQuoted, rx, anyOf } from '../match.js';
import type { DetectContext, Range, Rule } from '../types.js';

const EMAIL_LOCAL = /[a-z0-9._%+-]/;
const EMAIL_DOMAIN = /^[a-z0-9.-]{1,253}/;
const EMAIL_TLD = /[a-z0-9-]\.[a-z]{2,12}$/;
// "jane dot doe at gmail dot com", "jane (at) gmail [dot] com"
const SPELLED_EMAIL = rx(
  '\\b[a-z0-9._-]{1,40} ?(?:\\(at\\)|\\[at\\]|\\{at\\}| at ) ?(?:gmail|hotmail|yahoo|outlook|icloud|aol|protonmail|proton|live|msn|gmx|me|mail|yandex)(?: \\(dot\\) | \\[dot\\] |\\(dot\\)|\\[dot\\]| dot |\\.)(?:com|co|net|org|uk|me|de|fr|ca|au)\\b',
);

const SPELLED_AT = /(?:\(at\)|\[at\]|\{at\}| at ) ?(?:gmail|hotmail|yahoo|outlook|icloud|aol|proton|live|msn|gmx|me|mail|yandex)\b/;

/** E-mail addresses found by anchoring on "@" (a regex starting with a class would be quadratic). */
function emails(text: string): Range[] {
  const out: Range[] = [];
  let at = text.indexOf('@');
  while (at >= 0) {
    let s = at;
    while (s > 0 && at - s < 64 && EMAIL_LOCAL.test(text[s - 1])) s--;
    const m = s < at ? EMAIL_DOMAIN.exec(text.slice(at + 1, at + 1 + 260)) : null;
    const domain = m ? m[0].replace(/[.-]+$/, '') : '';
    if (EMAIL_TLD.test(domain)) out.push([s, at + 1 + domain.length]);
    at = text.indexOf('@', at + 1);
  }
  return out;
}

const DW = '(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple|\\d)';
const SPELLED = '(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)';
const THREE_DIGIT_WORDS = new RegExp(`\\b${SPELLED}[ ,.-]{1,3}${DW}[ ,.-]{1,3}${DW}\\b`);
const DIGIT_WORDS: Readonly<Record<string, string>> = {
  zero: '0',
  oh: '0',
  o: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  double: 'double',
  triple: 'triple',
};

/**
 * Phone numbers: 9+ digits in a run where digits are separated by at most one space, dot, dash,
 * slash or bracket, plus the short "555-1234" form; spelled-out digits ("oh seven seven …") count.
 */
// "Ring the National Domestic Abuse Helpline (0808 2000 247)": a service's number, shared to
// help, identifies no one.
const HELPLINE_NEAR =
  /\b(?:hotline|helpline|help line|lifeline|crisis|samaritans|1800respect|refuge|shelter|national|24\/7|24 ?h(?:ou)?rs|toll[- ]free|free(?:phone)?|text line|support line|befrienders|beyond blue|kids help|suicide|domestic (?:violence|abuse)|emergency)\b/;
// Published national helplines, as digits: their number is a service's, whatever words surround it
// ("The Men's Advice Line is 0808 801 0327", "US 1-800-799-7233").
const HELPLINE_NUMBERS = [
  '18007997233', // US National Domestic Violence Hotline
  '08088010327', // UK Men's Advice Line
  '08082000247', // UK National Domestic Abuse Helpline
  '1300789978', // Australia MensLine
  '1800737732', // Australia 1800RESPECT
  '1800247247', // Ireland Pieta
  '1800341900', // Ireland Women's Aid
  '08000113', // Netherlands 113 Zelfmoordpreventie
  '18002738255', // US former Lifeline
  '116123', // Samaritans
  '131114', // Australia Lifeline
  '08001111', // UK Childline
  '0800585858', // UK CALM
];
const HELPLINE_WORDS =
  /\b(?:advice line|mensline|men'?s line|pieta|advocate|call or text|text start|women'?s aid|dv (?:line|advocate)|abuse line)\b/;
const notHelpline = (text: string, [s, e]: Range): boolean => {
  const digits = text.slice(s, e).replace(/\D/g, '');
  if (HELPLINE_NUMBERS.some((n) => digits.includes(n))) return false;
  const around = text.slice(Math.max(0, s - 90), e + 60);
  return !HELPLINE_NEAR.test(around) && !HELPLINE_WORDS.test(around);
};

function phones(text: string): Range[] {
  const out: Range[] = [];
  // Digit runs.
  let i = /\d/.test(text) ? 0 : text.length;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if ((c < 48 || c > 57) && c !== 43) {
      i++;
      continue;
    }
    const start = i;
    let digits = 0;
    let end = i;
    let groups = 1;
    let j = i;
    if (c === 43) j++;
    while (j < text.length) {
      const d = text.charCodeAt(j);
      if (d >= 48 && d <= 57) {
        digits++;
        j++;
        end = j;
        continue;
      }
      // One separator (two for ") ") between digit groups.
      let k = j;
      let seps = 0;
      while (k < text.length && seps < 2 && /[ .\-/()]/.test(text[k])) {
        k++;
        seps++;
      }
      if (seps > 0 && k < text.length && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) {
        groups++;
        j = k;
        continue;
      }
      break;
    }
    const span = text.slice(start, end);
    const isDateish = /^(?:19|20)\d\d\D{1,3}(?:19|20)?\d\d$/.test(span) || /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(span);
    const shortLocal = digits === 7 && /^\d{3}[ .-]\d{4}$/.test(span);
    if (!isDateish && (digits >= 9 && digits <= 15 ? groups <= 6 || /^\+/.test(span) : shortLocal)) out.push([start, end]);
    i = Math.max(end, i + 1);
  }
  // Spelled-out digits: seven or more number words in a row (only looked for when three are).
  if (!THREE_DIGIT_WORDS.test(text)) return out.filter((r, idx) => out.findIndex((o) => o[0] <= r[0] && o[1] >= r[1]) === idx);
  const words = /[a-z0-9]+/g;
  let runStart = -1;
  let runEnd = -1;
  let count = 0;
  let m: RegExpExecArray | null;
  const flush = (): void => {
    if (count >= 7) out.push([runStart, runEnd]);
    count = 0;
    runStart = -1;
  };
  while ((m = words.exec(text)) !== null) {
    const w = m[0];
    const gap = runEnd >= 0 ? text.slice(runEnd, m.index) : '';
    const digitish = w in DIGIT_WORDS || /^\d{1,4}$/.test(w);
    const contiguous = runStart >= 0 && /^[ ,.-]{1,3}$/.test(gap);
    if (digitish && (w === 'o' || w === 'oh' ? runStart >= 0 : true)) {
      if (!contiguous) {
        flush();
        runStart = m.index;
      }
      const v = DIGIT_WORDS[w];
      count += v === undefined ? w.length : v === 'double' || v === 'triple' ? 0 : 1;
      runEnd = m.index + w.length;
    } else if (runStart >= 0) {
      flush();
      runEnd = -1;
    }
  }
  flush();
  // A pure digit run already reported above counts once.
  return out.filter((r, idx) => out.findIndex((o) => o[0] <= r[0] && o[1] >= r[1]) === idx);
}

const STREET = rx(
  "\\b\\d{1,5}[a-z]? [a-z][a-z'. -]{1,62}? (?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|court|ct|crescent|cres|close|place|pl|terrace|way|parkway|pkwy|highway|hwy|square|sq|gardens|grove|row|mews|circle|cir|trail|strasse|straße)\\b(?!-)",
);
// "42 Maple Avenue" names a street; "5 miles down the road" does not.
const NOT_STREET_WORD =
  /^(?:the|a|an|down|up|along|from|to|of|on|in|at|by|miles?|minutes?|mins?|hrs?|km|each|every|one|all|blocks?|doors?|houses?|yards?|metres?|meters?|feet|steps?|more|other|same|years?|months?|weeks?|days?|hours?|times?|kids?|children|of|my|our|his|her|their|your)$/;
const streetName = (t: string, s: number, e: number, ctx: DetectContext): boolean => {
  const words = ctx.cased.slice(s, e).split(' ').slice(1, -1);
  return (
    words.length > 0 &&
    words.every((w) => !NOT_STREET_WORD.test(w.toLowerCase())) &&
    (words.length <= 2 || words.every((w) => /^[A-Z0-9]/.test(w)))
  );
};

const POSTCODE = rx('\\b(?:[a-z]{1,2}\\d[a-z\\d]? \\d[a-z]{2})\\b');
const LIVE_AT = rx('\\b(?:i|we|he|she|they) (?:live|lives|living|stay|stays) (?:at|on) (?:number |no\\. |no )?\\d{1,5} ');

const SOCIAL = anyOf(
  [
    '\\b(?:https://|http://)?(?:www\\.|m\\.)?(?:facebook|fb|instagram|instagr\\.am|tiktok|twitter|x|linkedin|snapchat|reddit|threads|youtube|onlyfans|tinder|bumble|hinge|t)\\.(?:com|me|net)/[a-z0-9_.@/-]{2,60}',
    // "my insta is jane.doe", "her snap: kd_88", "his ig @jd": a handle after the network. Plain
    // words after it ("I'm deleting my Instagram account", "his facebook feed") are no handle.
    '\\b(?:my|his|her|their|our) (?:insta|ig|instagram|snap|snapchat|facebook|fb|tiktok|twitter|linkedin|onlyfans|telegram|whatsapp|kik|discord|handle|username|user name)(?: (?:is|=|:|handle is|name is) ?@?[a-z0-9_.]{3,30}| ?: ?@?[a-z0-9_.]{3,30}| ?@[a-z0-9_.]{3,30}| [a-z]{0,20}[0-9_][a-z0-9_.]{1,29})\\b',
    '\\b(?:add|find|follow|message|dm|text|whatsapp|snap|contact) (?:me|him|her) (?:on|at|via) (?:insta|ig|instagram|snap|snapchat|facebook|fb|tiktok|twitter|linkedin|telegram|whatsapp|kik|discord|signal)\\b',
    '\\b(?:insta|ig|snap|snapchat|telegram|kik|discord|whatsapp)(?: ?: ?@?[a-z0-9_.]{3,30}| is @[a-z0-9_.]{3,30}| is [a-z]{0,20}[0-9_][a-z0-9_.]{1,29}| - ?@?[a-z0-9_.]{3,30})\\b',
  ],
  '',
);

const NETWORK_NEAR =
  /\b(?:insta|instagram|ig|snap|snapchat|tiktok|twitter|x\.com|facebook|fb|linkedin|telegram|kik|discord|whatsapp|onlyfans|threads|youtube|follow|followers|find (?:me|him|her|us)|add (?:me|him|her|us)|dm|pm|message (?:me|him|her)|handle|username|profile|account|page)\b/;

/** "@handle" not inside an e-mail address, with a social network named near it. */
function handles(text: string): Range[] {
  const out: Range[] = [];
  let at = text.indexOf('@');
  while (at >= 0) {
    const prev = at > 0 ? text[at - 1] : ' ';
    if (!/[a-z0-9._%+-]/.test(prev)) {
      const m = /^[a-z_][a-z0-9_.]{2,29}/.exec(text.slice(at + 1, at + 31));
      // "@Marcus yeah, same here" names a poster on this forum, which is how replies work here;
      // a handle is a social profile only when a network or "follow/add/dm" is near it.
      if (
        m &&
        !/^(?:home|work|night|the|all|everyone|op|mods?|moderators?|least|most|once|first|times?|him|her|you|me|my)$/.test(m[0]) &&
        NETWORK_NEAR.test(text.slice(Math.max(0, at - 80), at + 1 + m[0].length + 60))
      )
        out.push([at, at + 1 + m[0].length]);
    }
    at = text.indexOf('@', at + 1);
  }
  return out;
}

const IDENTIFY = anyOf(
  [
    "(?:what(?:'s| is)|tell me|give me|post) (?:your|ur|op's) (?:husband|wife|spouse|partner|ex|boss|kids?)'?s (?:real |full |first |last |sur)?(?:name|surname|address|number|employer|workplace|instagram|insta|facebook|job)",
    "find out (?:who|where) (?:you|u|op) (?:are|is|live|lives|work|works)|(?:isn't|is not|not) as anonymous as (?:you|u) think",
    "what(?:'s| is) (?:your|ur|his|her|op's|ops) (?:real |full |last |sur)?(?:name|surname|address|number|phone number|employer|instagram|insta|facebook|email|e-mail)",
    '(?:who|where) (?:are|r) (?:you|u) (?:really|irl|in real life)',
    'where (?:exactly )?(?:are|r) (?:you|u) (?:from|based|located)\\b',
    'i (?:think i |might |probably )?recogni[sz]e (?:you|u|your (?:username|name|writing|husband|wife))\\b(?! (?:in|from) (?:this|that|the) (?:story|post))',
    'where (?:do|does) (?:you|u|op|your (?:husband|wife)) (?:live|work)\\b',
    'what (?:town|city|street|neighbou?rhood|company|school|office|gym|church|state|county|suburb|area) (?:are|r|do|does|is) (?:you|u|op|your (?:husband|wife))',
    'which (?:town|city|street|company|school|office|gym|church|hospital|firm) (?:are|r|do|does|is) (?:you|u|op|your (?:husband|wife))',
    'i (?:know|recogni[sz]e|figured out|worked out|found out) (?:who|where) (?:you|u|op|your (?:husband|wife)) (?:are|is|live|lives|work|works)',
    'i (?:think|bet|know) (?:i know|this is) (?:you|who you are|my (?:neighbou?r|sister|brother|coworker|colleague|friend|cousin))',
    'is (?:this|that) (?:you|u),? [a-z]{2,20}\\?',
    'are (?:you|u) (?:the|that) (?:one|woman|lady|guy|man|person) (?:from|who|at|in)',
    '(?:dm|pm|message|send|email|text) me (?:your|ur) (?:number|address|name|real name|details|phone|insta|snap|facebook)',
    '(?:tell|give) (?:me|us) (?:your|ur|his|her) (?:full |real )?(?:name|address|number)',
  ],
  '\\b',
);

// A capitalised first and last name (in the original case) followed by where they live or work.
const NAME_STOP = new Set(
  'I The A An My Our His Her Their Your We He She They It This That These Those Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Christmas Easter God Jesus Lord Mom Mum Dad Mother Father Thanks Thank Hi Hello Dear Edit Update Also But And So Then When What Why How Where Who Just Honestly Sorry Please Yes No OK Okay Rebuilding Connection Steady'.split(
    ' ',
  ),
);
const NAME_RE = /\b([A-Z][a-z]{1,15}) ([A-Z][a-z]{1,20})\b/g;
// "who teaches at Oakfield Primary", "from Bristol", "(the manager) at Tesco": a place within a few words.
const PLACE_AFTER = /^,? (?:[A-Za-z]{1,14} ){0,6}?(?:at|for|in|from|near|on|of) (?:the )?[A-Z][A-Za-z&'-]{1,30}/;
const PLACE_BEFORE =
  /\b(?:works? (?:at|for)|lives? in|from|at|in) [A-Z][A-Za-z&'-]{1,30},? (?:called|named|is|guy|woman|man|lady|a|an)? ?$/;
const NAME_CUE =
  /\b(?:husband|wife|spouse|partner|ex|boyfriend|girlfriend|affair partner|ap|boss|coworker|colleague|neighbou?r|friend|sister|brother|mother-in-law|named|called|name is|name's|is|was|with|to|married|marry|marrying|cheating with|cheated with|sleeping with)[,:]? $/i;

function nameWithPlace(ctx: DetectContext): Range[] {
  const text = ctx.cased;
  const out: Range[] = [];
  NAME_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NAME_RE.exec(text)) !== null) {
    const [full, first, last] = m;
    if (NAME_STOP.has(first) || NAME_STOP.has(last)) continue;
    const s = m.index;
    const e = s + full.length;
    const lead = text.slice(Math.max(0, s - 30), s);
    const tail = text.slice(e, e + 60);
    if (!NAME_CUE.test(lead)) continue;
    if (PLACE_AFTER.test(tail) || PLACE_BEFORE.test(text.slice(Math.max(0, s - 60), s)))
      out.push([s, Math.min(text.length, e + (PLACE_AFTER.exec(tail)?.[0].length ?? 0))]);
  }
  return out;
}

// Filters built once, not on every call.
const notNegated12 = notNegated(12);

export const privacyRules: Rule[] = [
  {
    id: 'privacy-contact',
    principle: 'Safety',
    category: 'personal-info',
    title: 'Keep contact details private',
    description:
      'E-mail addresses (also "name at gmail dot com") and phone numbers (also spaced out or spelled out). Steady is anonymous: a number or address can find a poster or their spouse.',
    quote: quotes.safety,
    message: 'Steady stays safe because everyone here is anonymous; could you take out the contact details?',
    rejectText: 'Your post was not published because it includes contact details; Steady keeps everyone anonymous, you included.',
    action: 'hold',
    detect: (text, ctx) =>
      [
        ...emails(text),
        ...(SPELLED_AT.test(text) ? find(SPELLED_EMAIL, text, ctx) : []),
        ...(/\d/.test(text) || THREE_DIGIT_WORDS.test(text) ? phones(text).filter((r) => notHelpline(text, r)) : []),
      ].filter(([s, e]) => !ctx.fromArticle(s, e)),
  },
  {
    id: 'privacy-address',
    principle: 'Safety',
    category: 'personal-info',
    title: 'Keep addresses private',
    description: 'Street addresses and postcodes ("42 Oak Street", "SW1A 1AA", "we live at 12 …").',
    quote: quotes.safety,
    message: 'Steady stays safe because everyone here is anonymous; could you leave out where you live?',
    rejectText: 'Your post was not published because it includes an address; Steady keeps everyone anonymous, you included.',
    action: 'hold',
    detect: (text, ctx) => [
      ...find(STREET, text, ctx, streetName),
      ...find(POSTCODE, text, ctx, (t, s) => /\d/.test(t.slice(s, s + 4))),
      ...find(LIVE_AT, text, ctx),
    ],
  },
  {
    id: 'privacy-social',
    principle: 'Safety',
    category: 'personal-info',
    title: 'No social handles or profile links',
    description: 'Social media handles and profile links ("@jane_doe", "facebook.com/…", "my insta is …", "add me on snap").',
    quote: quotes.safety,
    message: 'Steady stays safe because everyone here is anonymous; could you take out the handle or profile link?',
    rejectText: 'Your post was not published because it links to a social profile; Steady keeps everyone anonymous.',
    action: 'hold',
    detect: (text, ctx) => [...handles(text), ...find(SOCIAL, text, ctx, notNegated12)],
  },
  {
    id: 'privacy-identity',
    principle: 'Safety',
    category: 'personal-info',
    title: 'Don’t identify anyone',
    description:
      'A full name together with a town or workplace ("my husband Mark Jensen who works at Deloitte in Leeds"), and attempts to find out who a poster is ("what’s your real name", "where do you live", "I know who you are").',
    quote: quotes.safeWithMe,
    message: 'People can only open up here if they can’t be recognised; could you leave out names and places, and let others keep theirs?',
    rejectText: 'Your post was not published because it could identify someone; Steady keeps everyone anonymous.',
    action: 'hold',
    detect: (text, ctx) => [...find(IDENTIFY, text, ctx, notQuoted, notNegated12), ...nameWithPlace(ctx)],
  },
];

/** Every regex of this phase, for the linear-time spec. */
export const patterns: Readonly<Record<string, RegExp>> = {
  NETWORK_NEAR,
  HELPLINE_NEAR,
  HELPLINE_WORDS,
  EMAIL_DOMAIN,
  EMAIL_LOCAL,
  IDENTIFY,
  LIVE_AT,
  NAME_CUE,
  NAME_RE,
  PLACE_AFTER,
  PLACE_BEFORE,
  POSTCODE,
  SOCIAL,
  SPELLED_AT,
  SPELLED_EMAIL,
  STREET,
  THREE_DIGIT_WORDS,
};
