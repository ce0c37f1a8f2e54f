import { Inject, Injectable } from '@nestjs/common';
import { guidelines, moderate, rejectReasons, rules, rulesVersion } from '@steady/moderation';
import { BAN_REASON_MAX, FLAG_NOTE_MAX, POST_BODY_MAX } from '@steady/rules';
import { ArticlesService } from '../articles/articles.service';
import { AuthorCrypto } from '../authors/author-crypto';
import { AuthorKeys, Standing } from '../authors/author-keys';
import { Caller } from '../authors/caller';
import { AppError, ErrorCode, badInput, notFound } from '../common/errors';
import { fitsBigint, isPostId } from '../common/ids';
import { UNKNOWN_CURSOR } from '../common/pagination';
import { Db } from '../database/db';
import { PRIORITY, concernOf, publicHit } from './decision';
import { MODERATION_MESSAGES as M } from './messages';
import {
  FlagReason,
  GuidelineModel,
  ModerationAction,
  ModerationStatsModel,
  RejectReasonModel,
  ReviewDecision,
  ReviewState,
  ToneCheckModel,
} from './moderation.models';
import { MODERATED_POSTS, type ModeratedPost, type ModeratedPosts } from './moderated-posts.port';
import { ModerationRepository, type AuditActor } from './moderation.repository';
import { PostStatus } from './post-status';
import type { StoredHit } from './stored-hit';

/** Author-facing words of each rule: the guidelines page shows the same sentences the nudges use. */
const RULE_MESSAGES = new Map(rules.map((r) => [r.id, r.message]));
/** What a reader's flag weighs toward hiding a post, by the standing of their key. */
const FLAG_WEIGHT: Record<Standing, number> = { [Standing.NEW]: 0, [Standing.ESTABLISHED]: 1 };
/** Three established readers, between them, hide a post until a moderator looks. */
const FLAG_WEIGHT_TO_HIDE = 3;

export interface QueueEntry {
  id: string;
  post: ModeratedPost;
  priority: number;
  reasons: string[];
  hits: StoredHit[];
  flags: number;
  enqueuedAt: Date;
}

/** The moderation workflow around the tone engine: checks, flags, the queue, reviews, bans, stats. */
@Injectable()
export class ModerationService {
  private readonly reasons = new Map(rejectReasons().map((r) => [r.id, r]));

  constructor(
    @Inject(Db) private readonly db: Db,
    @Inject(ModerationRepository) private readonly repo: ModerationRepository,
    @Inject(MODERATED_POSTS) private readonly posts: ModeratedPosts,
    @Inject(ArticlesService) private readonly articles: ArticlesService,
    @Inject(AuthorCrypto) private readonly crypto: AuthorCrypto,
    @Inject(AuthorKeys) private readonly keys: AuthorKeys,
  ) {}

  guidelines(): GuidelineModel[] {
    return guidelines().map((g) => ({ ...g, message: RULE_MESSAGES.get(g.id) ?? '' }));
  }

  rejectReasons(): RejectReasonModel[] {
    return [...this.reasons.values()].map(({ id, principle, title, text }) => ({ id, principle, title, text }));
  }

  /** The live preview's answer, from the server: the same engine, nothing stored. */
  async checkTone(body: string, sectionId: string | null | undefined): Promise<ToneCheckModel> {
    if (body.length > POST_BODY_MAX * 2) throw badInput('body', M.checkTooLong);
    const section = sectionId ? ((await this.articles.sectionMeta(sectionId))?.slug ?? null) : null;
    const verdict = moderate({ text: body, section });
    return {
      action: verdict.action.toUpperCase() as ModerationAction,
      hits: verdict.hits.map(publicHit),
      message: verdict.message,
      rulesVersion: verdict.engineVersion,
      engineVersion: verdict.engineVersion,
      concern: concernOf(verdict),
    };
  }

  /**
   * A reader's flag always reaches the queue; whether it also hides the post depends on the
   * standing of the reader's key (ADR 011): a DANGER flag from an established key hides at once,
   * other flags hide once their weights reach FLAG_WEIGHT_TO_HIDE, and a new key's flag weighs
   * nothing on its own, so keys made for the purpose cannot take a post down.
   */
  async flag(caller: Caller, postId: string, reason: FlagReason, rawNote: string | null | undefined) {
    const known = await this.keys.known(caller);
    if (!known) {
      // A made-up key is no one: it counts against its address, like a call without a key.
      if (caller.keyHash) await this.keys.limitWrites(caller, false, M.slowDown);
      throw new AppError(ErrorCode.UNAUTHENTICATED, M.flagNeedsKey);
    }
    if (known.banned) throw new AppError(ErrorCode.AUTHOR_BANNED, M.paused);
    const note = rawNote?.trim() || null;
    if (note && note.length > FLAG_NOTE_MAX) throw badInput('note', M.noteTooLong(FLAG_NOTE_MAX));
    await this.keys.limitWrites(caller, true, M.slowDown);
    const post = isPostId(postId) ? await this.posts.byId(postId) : null;
    if (!post || post.status === PostStatus.DELETED) throw notFound(M.postNotFound);
    // Whatever happens next, the reader hears the same thank-you: never the fate of another's post.
    if (post.status !== PostStatus.PUBLISHED) return { ok: true, message: M.flagThanks };

    const standing = await this.keys.standing(caller);
    await this.db.transaction(async (tx) => {
      if (!(await this.repo.addFlag(tx, post.id, caller.tokenFor(post.sectionId)!, reason, note, FLAG_WEIGHT[standing]))) return;
      const { flagCount: flag_count, flagWeight: flag_weight } = await this.posts.countFlag(tx, post.id);
      const danger = reason === FlagReason.DANGER;
      const hide = (danger && standing >= Standing.ESTABLISHED) || flag_weight >= FLAG_WEIGHT_TO_HIDE;
      // A DANGER flag is read first whoever sends it.
      const priority = danger ? PRIORITY.FLAGGED_DANGER : hide ? PRIORITY.FLAGGED : PRIORITY.FLAGGED_VISIBLE;
      await this.repo.enqueue(tx, post.id, priority, [`flag:${reason}`]);
      await this.repo.audit(tx, { actor: 'system', action: 'flag', postId: post.id, reason });
      if (hide) {
        if (await this.posts.hideForReview(tx, post)) {
          const why = danger && standing >= Standing.ESTABLISHED ? 'DANGER flag' : `${flag_count} flags`;
          await this.repo.audit(tx, { actor: 'system', action: 'flag:hidden', postId: post.id, reason: why });
        }
      }
    });
    await this.posts.changed(post.sectionId);
    return { ok: true, message: M.flagThanks };
  }

  async queue(afterCursor: string | null, first: number): Promise<{ items: QueueEntry[]; hasNextPage: boolean; total: number }> {
    const after = decodeQueueCursor(afterCursor);
    const [rows, total] = await Promise.all([this.repo.queuePage(after, first), this.repo.queueCount()]);
    const page = rows.slice(0, first);
    const posts = new Map((await this.posts.byIds(page.map((r) => r.postId))).map((p) => [p.id, p]));
    const items = page.map((row) => {
      const post = posts.get(row.postId)!;
      return {
        id: row.id,
        post,
        priority: row.priority,
        reasons: row.reasons,
        hits: post.hits,
        flags: post.flagCount,
        enqueuedAt: row.enqueuedAt,
      };
    });
    return { items, hasNextPage: rows.length > first, total };
  }

  async review(moderatorId: string, postId: string, decision: ReviewDecision, reasonId: string | null | undefined): Promise<ModeratedPost> {
    const post = isPostId(postId) ? await this.posts.byId(postId) : null;
    if (!post) throw notFound(M.postNotFound);
    if (post.status === PostStatus.DELETED) throw badInput('postId', M.removedByAuthor);
    const actor: AuditActor = `moderator:${moderatorId}`;
    if (decision === ReviewDecision.REJECT && (!reasonId || !this.reasons.has(reasonId))) {
      throw badInput('reason', M.pickReason);
    }
    const reviewed = await this.db.transaction(async (tx) => {
      const target = decision === ReviewDecision.APPROVE ? PostStatus.PUBLISHED : PostStatus.REJECTED;
      const updated = await this.posts.review(tx, post, target, decision === ReviewDecision.REJECT ? reasonId! : null);
      await this.repo.resolve(tx, post.id, decision);
      const action =
        decision === ReviewDecision.APPROVE ? (post.status === PostStatus.REJECTED ? 'review:restore' : 'review:approve') : 'review:reject';
      await this.repo.audit(tx, {
        actor,
        action,
        postId: post.id,
        rulesVersion: post.rulesVersion ?? rulesVersion,
        reason: reasonId ?? null,
      });
      return updated;
    });
    await this.posts.changed(post.sectionId);
    return reviewed;
  }

  /** Bans the key behind a post without anyone seeing it: the sealed reference opens only here. */
  async ban(moderatorId: string, postId: string, reason: string): Promise<boolean> {
    const text = reason?.trim().slice(0, BAN_REASON_MAX);
    if (!text) throw badInput('reason', M.banReason);
    const sealed = isPostId(postId) ? await this.posts.sealedAuthor(postId) : null;
    if (!sealed) throw notFound(M.postNotFound);
    const hash = this.crypto.banHash(this.crypto.open(sealed));
    await this.db.transaction(async (tx) => {
      await this.repo.ban(tx, hash, text);
      await this.repo.audit(tx, { actor: `moderator:${moderatorId}`, action: 'ban', postId, reason: text });
    });
    return true;
  }

  async stats(): Promise<ModerationStatsModel> {
    return this.repo.stats(await this.posts.tally());
  }

  /** A rejected post its author has not sent again yet. */
  async appealableBy(caller: Caller, post: ModeratedPost): Promise<boolean> {
    if (post.status !== PostStatus.REJECTED || !caller.owns(post)) return false;
    return !(await this.repo.appealed(post.id));
  }

  /** Where a post stands for its author; null for everyone else. */
  reviewStateFor(caller: Caller, post: ModeratedPost): { state: ReviewState; message: string } | null {
    if (!caller.owns(post)) return null;
    if (post.status === PostStatus.PENDING) return { state: ReviewState.WAITING, message: M.waiting };
    if (post.status === PostStatus.REJECTED) {
      return { state: ReviewState.NOT_PUBLISHED, message: this.reasons.get(post.reviewReason ?? '')?.text ?? M.notPublished };
    }
    if (post.status === PostStatus.PUBLISHED && post.reviewedAt) return { state: ReviewState.PUBLISHED, message: M.publishedAfterReview };
    return null;
  }
}

export function encodeQueueCursor(priority: number, id: string): string {
  return Buffer.from(`q:${priority}:${id}`).toString('base64url');
}

function decodeQueueCursor(cursor: string | null): { priority: number; id: string } {
  if (!cursor) return { priority: 2147483647, id: '0' };
  const match = /^q:(\d{1,9}):(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match || !fitsBigint(match[2])) throw badInput('after', UNKNOWN_CURSOR);
  return { priority: Number(match[1]), id: match[2] };
}
