import { Inject, Injectable } from '@nestjs/common';
import { Db, Tx } from '../database/db';
import { isPostId } from '../common/ids';
import { PostStatus } from './post.entity';
import { PostRecord, ReactionKind, StoredHit } from './post.model';
import type { PostTally } from '../moderation/moderated-posts.port';
import { PARENT_PREFIX, PostRow, SQL, toRecord } from './post.sql';

export interface NewPost {
  sectionId: string;
  parentId: string | null;
  depth: number;
  authorToken: Buffer;
  authorRef: Buffer;
  pseudonym: string;
  body: string;
  html: string;
  status: PostStatus;
  idempotencyKey: string | null;
  crisis: boolean;
  hits: StoredHit[];
  rulesVersion: string;
}

/** What follows from a new post, written with it in one statement. */
export interface WriteEffects {
  queuePriority: number | null;
  queueReasons: string[];
  auditAction: string;
  auditReason: string | null;
}

/** One search hit as the repository returns it: the post, where it ranks, and where its thread shows it. */
/** A page of a thread (one more row than asked when there is a next page) and the section's thread count. */
export interface ThreadPage {
  rows: PostRecord[];
  threadCount: number;
}

/** A reader's overlay: "postId:KIND" of their reactions, ids of their posts, their held posts (by id). */
export interface ReaderOverlayRows {
  reactions: ReadonlySet<string>;
  mine: ReadonlySet<string>;
  /** Of `mine`: published after a moderator read it. */
  reviewed: ReadonlySet<string>;
  held: PostRecord[];
  /** Of `held`: a crisis a moderator marked handled. */
  handled: ReadonlySet<string>;
}

export interface SearchHitRecord {
  post: PostRecord;
  rank: number;
  /** The rank exactly as PostgreSQL wrote it, for the next page's cursor. */
  rankText: string;
  /** The snippet as plain text, matched words between MARK_START and MARK_END (escape it before use as HTML). */
  snippet: string;
  /** The last top-level post before the thread page that shows the hit; null: the first page. */
  threadAfter: string | null;
}

export interface SearchPage {
  /** Whether the article exists at all. */
  found: boolean;
  total: number;
  /** Up to one more than asked, to know whether a next page exists. */
  hits: SearchHitRecord[];
}

type SearchRow = { found: boolean; total: number } & (
  ({ id: null } & Partial<PostRow>) | (PostRow & { rank: number; rankText: string; snippet: string; threadAfter: string | null })
);

/** Posts' SQL, in one place. Every read of a list is one statement. */
@Injectable()
export class PostsRepository {
  constructor(@Inject(Db) private readonly db: Db) {}

  async byIds(ids: readonly string[]): Promise<PostRecord[]> {
    const valid = ids.filter(isPostId);
    if (valid.length === 0) return [];
    return (await this.db.query<PostRow>(SQL.byIds, [valid])).map(toRecord);
  }

  async byId(id: string): Promise<PostRecord | null> {
    return (await this.byIds([id]))[0] ?? null;
  }

  /**
   * Fetches one more than asked, to know whether a next page exists, and the section's thread count.
   * `viewerToken`/`moderator`: who reads the thread (posts/visibility.ts decides what they see).
   */
  async threadPage(
    sectionId: string,
    afterId: string | null,
    first: number,
    viewerToken: Buffer | null,
    moderator = false,
  ): Promise<ThreadPage> {
    const rows = await this.db.query<PostRow & { sectionThreadCount: number }>(SQL.threadPage, [
      sectionId,
      afterId ?? '0',
      first + 1,
      viewerToken,
      moderator,
    ]);
    return {
      rows: rows.filter((r) => r.id !== null).map(({ sectionThreadCount: _count, ...row }) => toRecord(row)),
      threadCount: rows[0]?.sectionThreadCount ?? 0,
    };
  }

  /** Pages of replies for many parents at once (one more than asked per parent). */
  async replyPages(
    parentIds: readonly string[],
    afterId: string | null,
    first: number,
    viewerToken: Buffer | null,
    moderator = false,
  ): Promise<PostRecord[][]> {
    const rows = await this.db.query<PostRow>(SQL.replyPages, [parentIds, afterId ?? '0', first + 1, viewerToken, moderator]);
    const byParent = new Map<string, PostRecord[]>(parentIds.map((id) => [id, []]));
    for (const row of rows) byParent.get(row.parentId!)!.push(toRecord(row));
    return parentIds.map((id) => byParent.get(id)!);
  }

  async reactionsBy(pairs: { postId: string; token: Buffer }[]): Promise<Map<string, Set<ReactionKind>>> {
    const rows = await this.db.query<{ post_id: string; kind: ReactionKind }>(SQL.reactionsByMe, [
      pairs.map((p) => p.postId),
      pairs.map((p) => p.token),
    ]);
    const result = new Map<string, Set<ReactionKind>>();
    for (const row of rows) {
      const set = result.get(row.post_id) ?? new Set();
      set.add(row.kind);
      result.set(row.post_id, set);
    }
    return result;
  }

  /**
   * What differs for one reader on a page everyone else gets (posts/reader-overlay.ts), in one
   * statement: their reactions and their own posts among `shownIds`, and their held posts in the
   * sections of `tokens` (null when there are more than `maxHeld`: the caller then reads the page
   * the long way).
   */
  async readerOverlay(shownIds: readonly string[], tokens: readonly Buffer[], maxHeld: number): Promise<ReaderOverlayRows | null> {
    type Row = PostRow & { overlayReactions: string[]; overlayMine: string[]; overlayReviewed: string[]; overlayHandled: boolean | null };
    const rows = await this.db.query<Row>(SQL.readerOverlay, [shownIds, tokens, maxHeld + 1]);
    const heldRows = rows.filter((r) => r.id !== null);
    if (heldRows.length > maxHeld) return null;
    return {
      reactions: new Set(rows[0]?.overlayReactions ?? []),
      mine: new Set(rows[0]?.overlayMine ?? []),
      reviewed: new Set(rows[0]?.overlayReviewed ?? []),
      held: heldRows.map(({ overlayReactions: _r, overlayMine: _m, overlayReviewed: _v, overlayHandled: _h, ...row }) => toRecord(row)),
      handled: new Set(heldRows.filter((r) => r.overlayHandled).map((r) => String(r.id))),
    };
  }

  async existingPseudonym(sectionId: string, token: Buffer): Promise<string | null> {
    const [row] = await this.db.query<{ pseudonym: string }>(SQL.pseudonymOf, [sectionId, token]);
    return row?.pseudonym ?? null;
  }

  /** Returns false when another author already holds that name in the section. */
  async claimPseudonym(sectionId: string, token: Buffer, pseudonym: string): Promise<boolean> {
    return (await this.db.query(SQL.claimPseudonym, [sectionId, token, pseudonym])).length === 1;
  }

  /** The author's pseudonym in the section (if any), whether the key is banned, and its standing (null: not issued). */
  async authorInSection(
    sectionId: string,
    token: Buffer,
    banHash: Buffer,
    issuedHash: Buffer,
  ): Promise<{ pseudonym: string | null; banned: boolean; standing: number | null }> {
    const [row] = await this.db.query<{ pseudonym: string | null; banned: boolean; standing: number | null }>(SQL.authorInSection, [
      sectionId,
      token,
      banHash,
      issuedHash,
    ]);
    return row;
  }

  /** Writes a post with its counts, queue item and audit entry; null when this author already used the idempotency key. */
  async insert(post: NewPost, effects: WriteEffects): Promise<PostRecord | null> {
    const [row] = await this.db.query<PostRow>(SQL.insert, [
      post.sectionId,
      post.parentId,
      post.depth,
      post.authorToken,
      post.authorRef,
      post.pseudonym,
      post.body,
      post.html,
      post.status,
      post.idempotencyKey,
      post.crisis,
      JSON.stringify(post.hits),
      post.rulesVersion,
      effects.queuePriority,
      effects.queueReasons,
      effects.auditAction,
      effects.auditReason,
    ]);
    return row ? toRecord(row) : null;
  }

  async byIdempotencyKey(token: Buffer, key: string): Promise<PostRecord | null> {
    const [row] = await this.db.query<PostRow>(SQL.byIdempotencyKey, [token, key]);
    return row ? toRecord(row) : null;
  }

  /** A published post appears (+1) or leaves (-1): the section's and parent's counts follow. */
  async adjustCounts(tx: Tx, post: Pick<PostRecord, 'sectionId' | 'parentId'>, delta: 1 | -1): Promise<void> {
    await tx.query(SQL.adjustCounts, [post.sectionId, post.parentId, delta]);
  }

  async edit(
    tx: Tx,
    id: string,
    change: { body: string; html: string; status: PostStatus; crisis: boolean; hits: StoredHit[]; rulesVersion: string },
  ): Promise<PostRecord | null> {
    const [row] = await tx.query<PostRow>(SQL.edit, [
      id,
      change.body,
      change.html,
      change.status,
      change.crisis,
      JSON.stringify(change.hits),
      change.rulesVersion,
    ]);
    return row ? toRecord(row) : null;
  }

  async softDelete(tx: Tx, id: string): Promise<PostRecord | null> {
    const [row] = await tx.query<PostRow>(SQL.softDelete, [id]);
    return row ? toRecord(row) : null;
  }

  /** Counts a reader's flag: the post's flag count now, and what all its flags weigh (moderation's fragment). */
  async countFlag(tx: Tx, postId: string): Promise<{ flagCount: number; flagWeight: number }> {
    const [row] = await tx.query<{ flagCount: number; flagWeight: number }>(SQL.countFlag, [postId]);
    return row;
  }

  /** PUBLISHED → PENDING until a moderator looks; false when the post was not published. */
  async hideForReview(tx: Tx, id: string): Promise<boolean> {
    return (await tx.query(SQL.hideForReview, [id])).length === 1;
  }

  async setReviewed(tx: Tx, id: string, status: PostStatus, reason: string | null): Promise<PostRecord> {
    const [row] = await tx.query<PostRow>(SQL.setReviewed, [id, status, reason]);
    return toRecord(row);
  }

  async sealedAuthor(id: string): Promise<Buffer | null> {
    const [row] = await this.db.query<{ author_ref: Buffer }>(SQL.authorRef, [id]);
    return row?.author_ref ?? null;
  }

  async tally(): Promise<PostTally> {
    const [row] = await this.db.query<PostTally>(SQL.tally);
    return row;
  }

  async toggleReaction(postId: string, token: Buffer, kind: ReactionKind): Promise<PostRecord> {
    const [row] = await this.db.query<PostRow>(SQL.toggleReaction, [postId, token, kind]);
    return toRecord(row);
  }

  async byAuthor(tokens: Buffer[], beforeId: string | null, first: number): Promise<PostRecord[]> {
    return (await this.db.query<PostRow>(SQL.byAuthor, [tokens, beforeId ?? MAX_ID, first + 1])).map(toRecord);
  }

  /** The caller's posts and the replies others wrote to them, counted in one statement. */
  async authorCounts(tokens: Buffer[]): Promise<{ posts: number; repliesToMe: number }> {
    return (await this.db.query<{ posts: number; repliesToMe: number }>(SQL.authorCounts, [tokens]))[0];
  }

  /** Others' replies to the caller's posts, each with the post it answers (read in the same statement). */
  async repliesToAuthor(tokens: Buffer[], beforeId: string | null, first: number): Promise<{ reply: PostRecord; parent: PostRecord }[]> {
    const rows = await this.db.query<Record<string, unknown>>(SQL.repliesToAuthor, [tokens, beforeId ?? MAX_ID, first + 1]);
    return rows.map((row) => {
      const reply: Record<string, unknown> = {};
      const parent: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(row)) {
        if (key.startsWith(PARENT_PREFIX)) parent[key.slice(PARENT_PREFIX.length)] = value;
        else reply[key] = value;
      }
      return { reply: toRecord(reply as PostRow), parent: toRecord(parent as PostRow) };
    });
  }

  /**
   * A page of published posts of one article that match `words`, best first (ADR 019); one
   * statement. `after`: the last hit of the previous page (its rank as text and its id).
   */
  async search(
    articleSlug: string,
    words: string,
    after: { rank: string; id: string } | null,
    first: number,
    threadPageSize: number,
  ): Promise<SearchPage> {
    const rows = await this.db.query<SearchRow>(SQL.search, [
      articleSlug,
      words,
      after?.rank ?? null,
      after?.id ?? '0',
      first + 1,
      threadPageSize,
    ]);
    const { found, total } = rows[0];
    const hits: SearchHitRecord[] = [];
    for (const row of rows) {
      if (row.id === null) continue;
      const { found: _found, total: _total, rank, rankText, snippet, threadAfter, ...post } = row;
      hits.push({ post: toRecord(post), rank, rankText, snippet, threadAfter });
    }
    return { found, total, hits };
  }
}

const MAX_ID = '9223372036854775807';
