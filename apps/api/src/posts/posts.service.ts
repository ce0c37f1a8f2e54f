import { Inject, Injectable } from '@nestjs/common';
import { renderPostBody } from '@steady/content';
import type { RuleHit } from '@steady/moderation';
import { ArticlesService } from '../articles/articles.service';
import { AuthorCrypto } from '../authors/author-crypto';
import { AuthorKeys } from '../authors/author-keys';
import { Caller } from '../authors/caller';
import { AppError, ErrorCode, badInput, notFound } from '../common/errors';
import { isPostId } from '../common/ids';
import { Db, Tx } from '../database/db';
import { CrisisConcern, Decision, PRIORITY, PostOutcome, decide, toStoredHits } from '../moderation/decision';
import { ModerationRepository } from '../moderation/moderation.repository';
import type { LiveBus } from '../common/live-bus';
import { LIVE_BUS } from '../common/tokens';
import { MESSAGES } from './messages';
import { PostStatus } from './post.entity';
import { PostRecord, ReactionKind } from './post.model';
import { PostsRepository } from './posts.repository';
import { ThreadCache } from './thread-cache';
import { authorViewer, Sight, sightOf } from './visibility';

import { fitsBodyLimit, POST_BODY_MAX, withinEditWindow } from '@steady/rules';
const PSEUDONYM_ATTEMPTS = 32;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CreatePostCommand {
  sectionId: string;
  parentId?: string | null;
  body: string;
  acknowledgeNudge?: boolean | null;
  idempotencyKey?: string | null;
  nudgeId?: string | null;
}

export interface EditPostCommand {
  postId: string;
  body: string;
  acknowledgeNudge?: boolean | null;
}

export interface WriteResult {
  outcome: PostOutcome;
  post: PostRecord | null;
  authorKey: string | null;
  message: string;
  hits: RuleHit[];
  /** Set when NUDGED: sent back with the next attempt so the nudge's outcome is counted. */
  nudgeId: string | null;
  /** Set on a crisis: whose safety is at stake. */
  concern?: CrisisConcern | null;
}

/**
 * The write path: validate, decide with the tone engine (before anything is stored), then
 * write the post, its counts, its queue item and its audit entry in one transaction.
 */
@Injectable()
export class PostsService {
  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(PostsRepository) private readonly posts: PostsRepository,
    @Inject(ModerationRepository) private readonly moderation: ModerationRepository,
    @Inject(ArticlesService) private readonly articles: ArticlesService,
    @Inject(AuthorCrypto) private readonly crypto: AuthorCrypto,
    @Inject(ThreadCache) private readonly cache: ThreadCache,
    @Inject(AuthorKeys) private readonly keys: AuthorKeys,
    @Inject(LIVE_BUS) private readonly live: LiveBus,
  ) {}

  /**
   * A returning author's post costs two statements: who they are in this section (pseudonym,
   * standing, ban), then the post with its counts, queue item and audit entry in one atomic
   * statement. A caller without a key Steady issued writes as a newcomer: limited per address,
   * and given a new key if the post is stored.
   */
  async create(caller: Caller, input: CreatePostCommand): Promise<WriteResult> {
    if (caller.hasMalformedKey) throw badInput('authorKey', MESSAGES.malformedKey);
    // Without a key the address pays before anything is looked up; a key is checked first.
    if (!caller.keyHash) await this.limitWrites(caller, false);
    const body = validBody(input.body);
    const idempotencyKey = validIdempotencyKey(input.idempotencyKey);
    const section = await this.articles.openSection(input.sectionId);
    if (!section) throw notFound(MESSAGES.sectionNotFound);
    const parent = input.parentId ? await this.repliableParent(caller, input.parentId, section.id) : null;

    const known = await this.authorIn(caller, section.id);
    if (caller.keyHash) await this.limitWrites(caller, known !== null);
    if (known?.banned) throw new AppError(ErrorCode.AUTHOR_BANNED, MESSAGES.banned);
    const decision = decide(body, { section: section.slug, kind: parent ? 'reply' : 'post', acknowledgeNudge: !!input.acknowledgeNudge });
    if (decision.outcome === PostOutcome.NUDGED) return this.nudged(section.id, decision);

    const issued = known ? null : await this.keys.issue(caller.address);
    const keyHash = known ? caller.keyHash! : issued!.keyHash;
    const token = known ? caller.tokenFor(section.id)! : this.crypto.sectionToken(keyHash, section.id);
    const pseudonym = known?.pseudonym ?? (await this.claimPseudonym(section.id, keyHash, token));
    const inserted = await this.posts.insert(
      {
        sectionId: section.id,
        parentId: parent?.id ?? null,
        depth: parent ? parent.depth + 1 : 0,
        authorToken: token,
        authorRef: this.crypto.seal(keyHash),
        pseudonym,
        body,
        html: renderPostBody(body),
        status: decision.status!,
        idempotencyKey,
        crisis: decision.crisis,
        hits: toStoredHits(decision.hits),
        rulesVersion: decision.rulesVersion,
      },
      {
        queuePriority: decision.priority,
        queueReasons: decision.reasons,
        auditAction: `create:${decision.outcome.toLowerCase()}`,
        auditReason: decision.reasons.join(', ') || null,
      },
    );
    if (!inserted) {
      // The same request again (a double click): the first post, nothing new.
      const first = (await this.posts.byIdempotencyKey(token, idempotencyKey!))!;
      return { ...this.result(decision, first), outcome: outcomeOf(first), authorKey: null };
    }
    await this.cache.invalidate(section.id);
    // After the post's one atomic statement committed: its thread, or the moderators' queue.
    if (inserted.status === PostStatus.PUBLISHED) await this.publishPost('PUBLISHED', inserted);
    if (decision.priority !== null && inserted.status === PostStatus.PENDING) {
      await this.live.publish({ topic: 'queue', kind: 'ADDED', postId: inserted.id });
    }
    if (input.nudgeId && UUID.test(input.nudgeId)) {
      await this.moderation.nudgeResolved(input.nudgeId, input.acknowledgeNudge ? 'POSTED_ANYWAY' : 'REPHRASED');
    }
    return { ...this.result(decision, inserted), authorKey: issued?.key ?? null };
  }

  /**
   * The caller as an author in a section, if their key is one Steady knows: with the section's
   * data in one statement for a key on the registry (a key from before it takes one more look).
   */
  private async authorIn(caller: Caller, sectionId: string): Promise<{ pseudonym: string | null; banned: boolean } | null> {
    if (!caller.keyHash) return null;
    const row = await this.posts.authorInSection(
      sectionId,
      caller.tokenFor(sectionId)!,
      this.crypto.banHash(caller.keyHash),
      this.crypto.issuedHash(caller.keyHash),
    );
    if (row.standing !== null) {
      this.keys.remember(caller, { standing: row.standing, banned: row.banned });
      return row;
    }
    return (await this.keys.known(caller)) ? row : null;
  }

  async edit(caller: Caller, input: EditPostCommand, now = Date.now()): Promise<WriteResult> {
    const body = validBody(input.body);
    const post = await this.ownPost(caller, input.postId);
    if (!withinEditWindow(post.createdAt.getTime(), now)) {
      throw new AppError(ErrorCode.EDIT_WINDOW_CLOSED, MESSAGES.editWindowClosed);
    }
    await this.limitWrites(caller);
    await this.refuseBanned(caller.keyHash);
    const section = await this.articles.sectionMeta(post.sectionId);
    const decision = decide(body, {
      section: section?.slug ?? '',
      kind: post.parentId ? 'reply' : 'post',
      acknowledgeNudge: !!input.acknowledgeNudge,
    });
    if (decision.outcome === PostOutcome.NUDGED) return this.nudged(post.sectionId, decision);

    // A post that waits for a moderator keeps waiting; a published one stays published only if the new words allow it.
    const status = post.status === PostStatus.PUBLISHED ? decision.status! : post.status;
    const edited = await this.db.transaction(async (tx) => {
      const row = await this.posts.edit(tx, post.id, {
        body,
        html: renderPostBody(body),
        status,
        crisis: post.crisis || decision.crisis,
        hits: toStoredHits(decision.hits),
        rulesVersion: decision.rulesVersion,
      });
      if (!row) throw notFound(MESSAGES.postNotFound);
      if (post.status === PostStatus.PUBLISHED && status !== PostStatus.PUBLISHED) await this.posts.adjustCounts(tx, row, -1);
      await this.afterEdit(tx, row, decision);
      return row;
    });
    await this.cache.invalidate(post.sectionId);
    if (post.status === PostStatus.PUBLISHED) await this.publishPost(edited.status === PostStatus.PUBLISHED ? 'EDITED' : 'HIDDEN', edited);
    if (decision.priority !== null && edited.status === PostStatus.PENDING) {
      await this.live.publish({ topic: 'queue', kind: 'ADDED', postId: edited.id });
    }
    const result = { ...this.result(decision, edited), authorKey: null };
    return decision.outcome === PostOutcome.PUBLISHED ? { ...result, message: MESSAGES.edited } : result;
  }

  async remove(caller: Caller, postId: string): Promise<PostRecord> {
    const post = await this.ownPost(caller, postId);
    await this.limitWrites(caller);
    const removed = await this.db.transaction(async (tx) => {
      const row = await this.posts.softDelete(tx, post.id);
      if (!row) throw badInput('id', MESSAGES.alreadyRemoved);
      if (post.status === PostStatus.PUBLISHED) await this.posts.adjustCounts(tx, post, -1);
      return row;
    });
    await this.cache.invalidate(post.sectionId);
    // Readers only ever saw a published post go; a removed post that waited for review was never theirs to see.
    if (post.status === PostStatus.PUBLISHED) await this.publishPost('REMOVED', removed);
    return removed;
  }

  /** Only keys Steady issued react, once per kind: made-up keys would let one person count many times. */
  async react(caller: Caller, postId: string, kind: ReactionKind): Promise<PostRecord> {
    if (caller.hasMalformedKey) throw badInput('authorKey', MESSAGES.malformedKey);
    const known = await this.keys.known(caller);
    await this.limitWrites(caller, known !== null);
    if (!known) throw new AppError(ErrorCode.UNAUTHENTICATED, MESSAGES.reactNeedsKey);
    if (known.banned) throw new AppError(ErrorCode.AUTHOR_BANNED, MESSAGES.paused);
    const post = await this.existingPost(postId);
    if (post.status !== PostStatus.PUBLISHED) throw badInput('postId', MESSAGES.reactToPublished);
    if (caller.owns(post)) throw new AppError(ErrorCode.OWN_POST, MESSAGES.ownPost);
    const toggled = await this.posts.toggleReaction(post.id, caller.tokenFor(post.sectionId)!, kind);
    await this.cache.invalidate(post.sectionId);
    await this.publishPost('REACTED', toggled);
    return toggled;
  }

  private publishPost(kind: 'PUBLISHED' | 'EDITED' | 'REMOVED' | 'REACTED' | 'HIDDEN', post: PostRecord) {
    return this.live.publish({ topic: 'post', kind, postId: post.id, sectionId: post.sectionId, parentId: post.parentId });
  }

  /**
   * An appeal: the author of a rejected post changes it (or not) and sends it to the moderators
   * again, once. It waits (PENDING) in the queue marked "appeal", whatever the rules say of the new
   * words (a crisis keeps its priority); the edit window does not apply, as nobody could reply to it.
   */
  async appeal(caller: Caller, input: { postId: string; body: string }): Promise<WriteResult> {
    const body = validBody(input.body);
    const post = await this.ownPost(caller, input.postId);
    if (post.status !== PostStatus.REJECTED) throw new AppError(ErrorCode.APPEAL_NOT_OPEN, MESSAGES.appealNotRejected);
    await this.limitWrites(caller);
    await this.refuseBanned(caller.keyHash);
    if (await this.moderation.appealed(post.id)) throw new AppError(ErrorCode.APPEAL_NOT_OPEN, MESSAGES.appealOnce);
    const section = await this.articles.sectionMeta(post.sectionId);
    const decision = decide(body, { section: section?.slug ?? '', kind: post.parentId ? 'reply' : 'post', acknowledgeNudge: true });
    const crisis = post.crisis || decision.crisis;
    const appealed = await this.db.transaction(async (tx) => {
      const row = await this.posts.edit(tx, post.id, {
        body,
        html: renderPostBody(body),
        status: PostStatus.PENDING,
        crisis,
        hits: toStoredHits(decision.hits),
        rulesVersion: decision.rulesVersion,
      });
      if (!row) throw notFound(MESSAGES.postNotFound);
      const priority = crisis ? PRIORITY.CRISIS : PRIORITY.APPEAL;
      await this.moderation.enqueue(tx, row.id, priority, ['appeal', ...decision.reasons]);
      await this.moderation.audit(tx, {
        actor: 'system',
        action: 'appeal',
        postId: row.id,
        rulesVersion: decision.rulesVersion,
        reason: decision.reasons.join(', ') || null,
      });
      return row;
    });
    // The moderators' live queue hears of it at once (after the commit, as every live event).
    await this.live.publish({ topic: 'queue', kind: 'ADDED', postId: appealed.id });
    const outcome = decision.outcome === PostOutcome.CRISIS ? PostOutcome.CRISIS : PostOutcome.HELD;
    const message = outcome === PostOutcome.CRISIS ? decision.message : MESSAGES.appealed;
    return { ...this.result({ ...decision, outcome, message }, appealed), authorKey: null };
  }

  /** An edit's queue item and audit entry follow its decision, in the edit's transaction. */
  private async afterEdit(tx: Tx, post: PostRecord, decision: Decision) {
    if (decision.priority !== null && post.status === PostStatus.PENDING) {
      await this.moderation.enqueue(tx, post.id, decision.priority, decision.reasons);
    }
    await this.moderation.audit(tx, {
      actor: 'system',
      action: `edit:${decision.outcome.toLowerCase()}`,
      postId: post.id,
      rulesVersion: decision.rulesVersion,
      reason: decision.reasons.join(', ') || null,
    });
  }

  /** A nudge stores no post and no key; only that a nudge was shown (no text, no author). */
  private async nudged(sectionId: string, decision: Decision): Promise<WriteResult> {
    const nudgeId = await this.moderation.nudgeShown(sectionId, decision.reasons);
    return { outcome: PostOutcome.NUDGED, post: null, authorKey: null, message: decision.message, hits: decision.hits, nudgeId };
  }

  private result(decision: Decision, post: PostRecord): Omit<WriteResult, 'authorKey'> {
    return { outcome: decision.outcome, post, message: decision.message, hits: decision.hits, nudgeId: null, concern: decision.concern };
  }

  private async refuseBanned(keyHash: Buffer | null) {
    if (keyHash && (await this.moderation.isBanned(this.crypto.banHash(keyHash)))) {
      throw new AppError(ErrorCode.AUTHOR_BANNED, MESSAGES.banned);
    }
  }

  /** Edits and removals come from a key that owns the post, so it is one Steady knows. */
  private limitWrites(caller: Caller, knownKey = caller.keyHash !== null) {
    return this.keys.limitWrites(caller, knownKey, MESSAGES.slowDown);
  }

  private async repliableParent(caller: Caller, parentId: string, sectionId: string): Promise<PostRecord> {
    const parent = await this.existingPost(parentId);
    // A post the author may not see does not exist for them: no answer may tell that it waits for review.
    if (sightOf(authorViewer(caller), parent) === Sight.NONE) throw notFound(MESSAGES.postNotFound);
    if (parent.sectionId !== sectionId) throw badInput('parentId', MESSAGES.parentOtherSection);
    if (parent.status === PostStatus.DELETED) throw badInput('parentId', MESSAGES.parentRemoved);
    if (parent.status !== PostStatus.PUBLISHED) throw badInput('parentId', MESSAGES.parentNotOpen);
    return parent;
  }

  private async existingPost(id: string): Promise<PostRecord> {
    const post = isPostId(id) ? await this.posts.byId(id) : null;
    if (!post) throw notFound(MESSAGES.postNotFound);
    return post;
  }

  private async ownPost(caller: Caller, postId: string): Promise<PostRecord> {
    if (caller.hasMalformedKey) throw badInput('authorKey', MESSAGES.malformedKey);
    if (!caller.keyHash) throw new AppError(ErrorCode.UNAUTHENTICATED, MESSAGES.keyNeeded);
    const post = await this.existingPost(postId);
    if (!caller.owns(post)) throw new AppError(ErrorCode.FORBIDDEN, MESSAGES.notYours);
    if (post.status === PostStatus.DELETED) throw badInput('id', MESSAGES.alreadyRemoved);
    return post;
  }

  /**
   * A first post in a thread claims the author's name there: the first free candidate, kept for
   * good. The claim commits on its own (it holds no text); if the post then fails, the name simply
   * waits for the author's next post.
   */
  private async claimPseudonym(sectionId: string, keyHash: Buffer, token: Buffer): Promise<string> {
    for (let attempt = 0; attempt < PSEUDONYM_ATTEMPTS; attempt++) {
      const candidate = this.crypto.pseudonym(keyHash, sectionId, attempt);
      if (await this.posts.claimPseudonym(sectionId, token, candidate)) return candidate;
      // Lost a race with the same author's other request, or the name is another author's.
      const existing = await this.posts.existingPseudonym(sectionId, token);
      if (existing) return existing;
    }
    throw new Error('no free pseudonym in section');
  }
}

function validBody(raw: string): string {
  const body = (raw ?? '').trim();
  if (body.length === 0) throw badInput('body', MESSAGES.bodyEmpty);
  if (!fitsBodyLimit(body)) throw badInput('body', MESSAGES.bodyTooLong(POST_BODY_MAX));
  return body;
}

function validIdempotencyKey(key: string | null | undefined): string | null {
  if (key == null || key === '') return null;
  if (key.length > 100) throw badInput('idempotencyKey', MESSAGES.idempotencyKey);
  return key;
}

function outcomeOf(post: PostRecord): PostOutcome {
  if (post.status === PostStatus.PENDING) return post.crisis ? PostOutcome.CRISIS : PostOutcome.HELD;
  return PostOutcome.PUBLISHED;
}
