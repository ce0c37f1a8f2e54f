/** What happens to a post. Precedence when several rules fit: crisis > hold > nudge > publish. */
export type ModerationAction = 'publish' | 'nudge' | 'hold' | 'crisis';

/** The article's principles and warnings that every rule protects. */
export type Principle =
  | 'Safety'
  | 'Predictability'
  | 'Respect'
  | 'Urgency'
  | 'Intensity'
  | 'Demands'
  | 'Chasing reassurance'
  | 'Old wounds in constant focus'
  | 'Doom';

/**
 * Coarse family of a rule, aligned with the contract's FlagReason values so that the API can
 * map a hit to a flag/queue reason without a table of its own.
 */
export type RuleCategory = 'danger' | 'attack' | 'unsafe' | 'personal-info' | 'spam' | 'pressure';

export type PostKind = 'post' | 'reply';

export interface ModerateInput {
  text: string;
  /** Section slug, optional context. */
  section?: string | null;
  kind?: PostKind;
}

/** One rule that fired, with offsets (UTF-16 code units, end exclusive) into the ORIGINAL text. */
export interface RuleHit {
  ruleId: string;
  principle: Principle;
  start: number;
  end: number;
  /** The article's sentence behind the rule (verbatim). */
  quote: string;
  /** Calm, author-facing sentence. */
  message: string;
  /** The original text between start and end (what a moderator sees highlighted). */
  excerpt: string;
  action: Exclude<ModerationAction, 'publish'>;
  /**
   * The model's probability for this hit's category (0..1), when a model is loaded. On a
   * `source: 'model'` hit it is the probability that made the decision.
   */
  score?: number;
  /**
   * `rules`: a rule's pattern matched [start, end). `model`: the learned layer decided; the
   * hit names its category's rule, and [start, end) is the sentence that scored highest.
   */
  source?: 'rules' | 'model';
}

export interface Verdict {
  action: ModerationAction;
  hits: RuleHit[];
  /** One calm sentence for the author (the top hit's message); null on publish. */
  message: string | null;
  /**
   * On a crisis verdict: `self` when the writer is at risk, `other` when they are worried about
   * someone else in danger (show resources for helping another person). Absent otherwise.
   */
  concern?: 'self' | 'other';
  /** Rules and model that produced this verdict: `<rulesVersion>+<model version>`. */
  engineVersion: string;
  /** @deprecated Same value as `engineVersion`; kept so stored verdicts and callers keep working. */
  rulesVersion: string;
}

/** What the /guidelines page shows. */
export interface Guideline {
  id: string;
  principle: Principle;
  title: string;
  description: string;
  quote: string;
}

/** A reason a moderator can pick when rejecting a held post; `text` is what the author sees. */
export interface RejectReason {
  id: string;
  principle: Principle;
  title: string;
  text: string;
  ruleIds: string[];
}

/** A half-open range [start, end) in the normalised text. */
export type Range = readonly [number, number];

export interface DetectContext {
  kind: PostKind;
  section: string | null;
  /** Text with the original letter case (same length and offsets as the normalised text). */
  cased: string;
  /** True when [start, end) lies inside quoted speech or a sentence quoted from the article. */
  quoted(start: number, end: number): boolean;
  /** True when the range sits inside a sentence quoted from the article. */
  fromArticle(start: number, end: number): boolean;
  /** Per-call cache so that two rules can share one expensive pass (e.g. the profanity matcher). */
  memo<T>(key: string, compute: () => T): T;
  /** Set when the text was longer than the engine reads; the index where reading stopped. */
  truncatedAt: number | null;
}

export interface Rule {
  id: string;
  principle: Principle;
  category: RuleCategory;
  title: string;
  /** Moderator-facing explanation. */
  description: string;
  /** Verbatim sentence from the article. */
  quote: string;
  /** Author-facing message: calm, warm, short. */
  message: string;
  /** Sentence the author sees when a moderator rejects a post for this reason. */
  rejectText: string;
  action: Exclude<ModerationAction, 'publish'>;
  /** Pure detector over normalised text; returns ranges in normalised offsets. */
  detect(text: string, ctx: DetectContext): Range[];
}
