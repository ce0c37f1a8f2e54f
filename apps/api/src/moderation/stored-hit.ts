/** A rule hit as stored with a post: offsets into its body, never the text itself. */
export interface StoredHit {
  ruleId: string;
  principle: string;
  start: number;
  end: number;
  quote: string;
  message: string;
  /** The model's probability behind the hit (absent on posts stored before the model). */
  score?: number;
  /** Who raised it: a rule's wording, or the model's reading of the meaning. */
  source?: 'rules' | 'model';
}
