import { quotes } from '../article.js';
import { find, notNegated, notQuoted, rx, anyOf } from '../match.js';
import type { DetectContext, Range, Rule } from '../types.js';

const PITCH = anyOf(
  [
    '(?:my|our) (?:coaching|mentoring|masterclass|course|program(?:me)?|programs|webinar|workshop|bootcamp|ebook|e-book|newsletter|podcast|method|system|blueprint|membership|community|retreat|academy|sessions|services|practice|clinic|book|app|channel|group)\\b(?: (?:has|is|will|can|helps?|helped|teaches|shows|for|to|at|on|link|where|that|which|called))',
    '(?:book|schedule|grab|claim|get|reserve) (?:a |your |my )?(?:free|complimentary|discovery|strategy|clarity|breakthrough|intro|introductory|no-obligation) [a-z0-9 -]{0,45}?\\b(?:call|session|consultation|consult|chat|assessment|ebook|guide|training|webinar|spot|class)',
    "(?:i've|i have|we've|we have) (?:already )?(?:helped|coached|worked with|saved) (?:over |more than )?\\d{2,6}\\+? (?:couples|clients|marriages|men|women|people|families|husbands|wives)",
    '(?:dm|pm|message|email|contact|text|inbox) me (?:for|to (?:book|learn|find out|get|join|sign)|about (?:my|our)|if you (?:want|would like|need) (?:help|coaching|my|to (?:save|fix|rebuild|get)))',
    '(?:link|links) in (?:my )?(?:bio|profile|comments?)',
    '(?:my|our) (?:agency|company|firm|business|practice|clinic|centre|center|team) (?:helps|offers|can help|specialises|specializes|provides|works with)',
    '(?:rates|prices|fees|pricing|packages) (?:are )?(?:on|at|in) (?:our|my) (?:website|site|page|profile)',
    '(?:i|we) (?:run|offer|host|provide|teach) (?:a |an |my |our )?[a-z0-9: -]{0,13}?\\b(?:coaching|mentoring|course|program|programme|workshop|retreat|sessions|service|masterclass|bootcamp|group)\\b',
    '(?:first|1st|initial|intro) (?:session|call|consultation|class|month|week) (?:is )?(?:free|on me|complimentary)|free (?:first|initial|intro) (?:session|call|consultation)',
    '(?:use|with) (?:my |the )?(?:code|coupon|promo(?: code)?|discount code) [a-z0-9]{3,20}',
    '\\d{1,2}% off',
    '(?:limited|only \\d{1,3}) (?:spots|places|seats|time offer|offer)',
    '(?:sign|signup|sign-up|enrol|enroll|register) (?:up )?(?:now|today|here|for (?:my|our|the|a) (?:free )?(?:course|webinar|program|masterclass|workshop|challenge|coaching))',
    '(?:i|we) help (?:couples|men|women|wives|husbands|people|spouses|clients|marriages) [a-z0-9 ]{0,80}?\\b(?:in (?:just )?\\d{1,3} (?:days|weeks)|guaranteed|without (?:therapy|counsel))',
    'save your marriage in (?:just )?\\d{1,3} (?:days|weeks|steps)',
    '(?:guaranteed|proven|secret|step-by-step|simple|exact) (?:method|system|formula|technique|program|blueprint|script|steps)\\b',
    'get (?:him|her|them|your (?:ex|husband|wife|spouse|man|woman)) back (?:in|within) (?:just )?\\d{1,3}',
    '(?:guaranteed|proven) (?:to|method|system|results|way) (?:to )?(?:save|fix|rebuild|restore|bring back|get (?:him|her) back)',
    '(?:spell caster|love spell|spell to|bring back (?:your|my) (?:ex|lover|husband|wife)|dr\\.? [a-z]{2,15} (?:brought|helped|restored)|(?:powerful|great) spell|binding spell)',
    '(?:crypto|bitcoin|forex|investment) (?:opportunity|expert|trader|platform|mentor)',
    '(?:click|tap) (?:here|the link|this link|below)',
    'check out (?:my|our) (?:site|website|page|channel|course|program|book|podcast|shop|store|link|profile|offer)',
    '(?:buy|order|download|grab|get|pick up|check out) (?:a copy of )?(?:my|our) (?:new |latest |best-selling |bestselling )?(?:book|ebook|e-book|course|guide|workbook|program|programme|app|journal|planner|audiobook|masterclass)\\b',
    '(?:buy|order|download|grab) (?:my|our|the) (?:book|ebook|e-book|course|guide|workbook|program|app)(?: (?:now|today|here|at|on))',
    '(?:visit|go to) (?:my|our) (?:site|website|page|shop|store)',
    '(?:certified|licensed|professional) (?:relationship|marriage|divorce|life|dating) coach (?:here|and i|offering|with)',
    "(?:as|i'm|i am) a (?:certified |professional )?(?:relationship|marriage|life) coach,? (?:i|my|dm|message|book|click|check)",
    '(?:whatsapp|telegram|wechat|signal) (?:me|him|her|dr)? ?(?:on|at|via)? ?\\+?\\d',
  ],
  '\\b',
);

// Host only; the path is taken up to the next space in code (a nested optional group would not be linear-safe).
const URL = rx(
  '\\b(?:https://|http://|www\\.)[a-z0-9.-]{2,80}|\\b[a-z0-9-]{2,40}\\.(?:com|net|org|io|co|shop|store|biz|info|online|site|xyz|app|me|ly|gg|link|click|live|to|tv|us|uk)\\b',
);
const SALES_URL =
  /(?:bit\.ly|tinyurl|linktr\.ee|beacons\.ai|gumroad|clickfunnels|kajabi|teachable|thinkific|stan\.store|calendly|amzn\.to|amazon\.[a-z.]{2,6}\/(?:dp|gp)|etsy\.com|shopify|ref=|aff(?:iliate)?=|utm_|\?via=|promo|coupon|discount|checkout|\/buy|\/shop|\/course|\/coaching|\/offer|\/webinar|\/book-a-call|\/apply|onlyfans|cash\.app|paypal\.me|venmo)/;
const SALES_WORDS =
  /\b(?:buy|purchase|order|discount|coupon|promo|sale|offer|price|\$\d|£\d|€\d|sign up|enrol|enroll|book a|free call|free session|coaching|my course|my program|subscribe|dm me|limited|spots|guaranteed|affiliate|link in bio|proven|system|method|formula|consultation|free trial|visit|money back|money-back|program|programme|course|webinar|masterclass|sign up|enrol|my (?:site|website|page|program|book|ebook|guide|system|method|course))\b/;
// Safety resources, public bodies and reading links are welcome.
const SAFE_URL =
  /(?:\.gov\b|\.nhs\.uk|samaritans|988lifeline|thehotline|nationaldahotline|womensaid|refuge\.org|mind\.org|crisistextline|befrienders|lifeline\.org|relate\.org|gottman|who\.int|wikipedia\.org)/;

function salesLinks(text: string, ctx: DetectContext): Range[] {
  const out: Range[] = [];
  // Whether the text sells anything is read once, and only when it holds a link.
  let salesy: boolean | undefined;
  for (const [s, host] of find(URL, text, ctx)) {
    let e = host;
    while (e < text.length && e - host < 300 && !/[\s"<>]/.test(text[e])) e++;
    const url = text.slice(s, e);
    if (SAFE_URL.test(url)) continue;
    if (SALES_URL.test(url) || (salesy ??= SALES_WORDS.test(text))) out.push([s, e]);
  }
  return out;
}

/** The same sentence (24+ characters) three times, or one word over and over. */
function repeated(text: string): Range[] {
  const out: Range[] = [];
  const seen = new Map<string, { count: number; first: number }>();
  const sentence = /[^.!?\n]{16,400}/g;
  let m: RegExpExecArray | null;
  while ((m = sentence.exec(text)) !== null) {
    const key = m[0].trim();
    if (key.length < 16) continue;
    const entry = seen.get(key);
    if (entry) {
      entry.count++;
      if (entry.count === 3) out.push([entry.first, m.index + m[0].length]);
    } else seen.set(key, { count: 1, first: m.index });
  }
  // One character eight or more times in a row (a letter or digit), or one token eight or more
  // times in a row ("buy buy buy …"). A token is a run of [a-z0-9'] cut every 40 characters, as
  // the regex /[a-z0-9']{1,40}/g would read it; compared in place, without a string per word.
  let charRun = 0;
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    charRun = c === prev && c !== 32 && c !== 46 && c !== 33 && c !== 63 && c !== 45 && c !== 42 && c !== 61 ? charRun + 1 : 1;
    prev = c;
    if (charRun === 8 && ((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) out.push([i - 7, i + 1]);
  }
  const isToken = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39;
  let lastStart = -1;
  let lastLen = 0;
  let run = 0;
  let runStart = 0;
  for (let i = 0; i < text.length;) {
    if (!isToken(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let letter = false;
    while (i < text.length && i - start < 40 && isToken(text.charCodeAt(i))) {
      const c = text.charCodeAt(i);
      if (c >= 97 && c <= 122) letter = true;
      i++;
    }
    const len = i - start;
    let same = lastStart >= 0 && len === lastLen && letter;
    for (let k = 0; same && k < len; k++) same = text.charCodeAt(start + k) === text.charCodeAt(lastStart + k);
    if (same) {
      run++;
      if (run === 8) out.push([runStart, i]);
    } else {
      run = 1;
      runStart = start;
    }
    lastStart = start;
    lastLen = len;
  }
  return out;
}

// Filters built once, not on every call.
const notNegated10 = notNegated(10);

export const spamRules: Rule[] = [
  {
    id: 'spam-promotion',
    principle: 'Respect',
    category: 'spam',
    title: 'No selling or promotion',
    description:
      'Coaching or course pitches, "book a free call", discount codes, spell casters, links to sell. Links to safety resources or to something read are fine; recommending a book or a therapist without a pitch is fine.',
    quote: quotes.honored,
    message: 'Steady is a place to be heard, not persuaded; could you share your experience without the offer or the link?',
    rejectText: 'Your post was not published because it promotes a product or service; personal experience is always welcome.',
    action: 'hold',
    detect: (text, ctx) => [...find(PITCH, text, ctx, notQuoted, notNegated10), ...salesLinks(text, ctx)],
  },
  {
    id: 'spam-too-long',
    principle: 'Predictability',
    category: 'spam',
    title: 'Keep posts to a readable length',
    description:
      'Text longer than the engine reads (8,000 characters after normalisation, about 1,500 words). It is held so a moderator reads it whole; the highlight marks where automatic reading stopped.',
    quote: quotes.notToday,
    message: 'This is a long one, so a moderator will read it before it appears; thank you for your patience.',
    rejectText: 'Your post was not published because it is too long for this space; could you share the heart of it in a shorter post?',
    action: 'hold',
    detect: (text, ctx) => (ctx.truncatedAt === null ? [] : [[Math.max(0, text.length - 1), text.length]]),
  },
  {
    id: 'spam-repeated',
    principle: 'Predictability',
    category: 'spam',
    title: 'No repeated text',
    description:
      'The same sentence three or more times, one word eight or more times in a row, or one letter or digit repeated eight or more times in a row ("aaaaaaaaaa").',
    quote: quotes.predictability,
    message: 'It looks like part of this repeats; could you say it once, the way you mean it?',
    rejectText: 'Your post was not published because it repeats the same text; please say it once.',
    action: 'hold',
    detect: (text) => repeated(text),
  },
];

/** Every regex of this phase, for the linear-time spec. */
export const patterns: Readonly<Record<string, RegExp>> = { PITCH, SAFE_URL, SALES_URL, SALES_WORDS, URL };
