import type { Tx } from '../database/db';
import type { PostStatus } from './post-status';
import type { StoredHit } from './stored-hit';

/**
 * How a moderator's decision (and a reader's flag) reaches a post. Moderation defines this port;
 * the posts module implements it (posts/moderated-posts.adapter.ts) and provides it under
 * MODERATED_POSTS. Moderation never imports posts' code nor writes its tables: it asks through
 * here, and every write takes the caller's transaction, so a review's status change, counts,
 * queue resolution and audit entry commit together. See docs/decisions/014-feature-modules.md.
 */
export const MODERATED_POSTS = Symbol('MODERATED_POSTS');

/** What moderation reads of a post. The posts module hands over its whole record, which has these. */
export interface ModeratedPost {
  id: string;
  sectionId: string;
  parentId: string | null;
  status: PostStatus;
  crisis: boolean;
  hits: StoredHit[];
  rulesVersion: string | null;
  flagCount: number;
  reviewReason: string | null;
  reviewedAt: Date | null;
  /** Compared with a caller's token (is this the author?); never shown. */
  authorToken: Buffer;
}

export interface PostTally {
  published: number;
  held: number;
  crisis: number;
  rejected: number;
}

export interface ModeratedPosts {
  byId(id: string): Promise<ModeratedPost | null>;
  byIds(ids: readonly string[]): Promise<ModeratedPost[]>;
  /** Counts a new flag on the post: its flag count now, and what all its flags weigh together. */
  countFlag(tx: Tx, postId: string): Promise<{ flagCount: number; flagWeight: number }>;
  /** A published post leaves public view until a moderator looks; false when it was not published. */
  hideForReview(tx: Tx, post: ModeratedPost): Promise<boolean>;
  /** A moderator's decision: the post's new status (with the reject reason), its counts kept in step. */
  review(tx: Tx, post: ModeratedPost, status: PostStatus.PUBLISHED | PostStatus.REJECTED, reason: string | null): Promise<ModeratedPost>;
  /** The sealed reference to the post's author key (only the server opens it, to ban), or null. */
  sealedAuthor(postId: string): Promise<Buffer | null>;
  /** How many posts stand where, for the moderators' figures. */
  tally(): Promise<PostTally>;
  /** After a change committed: readers' cached pages of the section are stale. */
  changed(sectionId: string): Promise<void>;
}
