import { Inject, Injectable } from '@nestjs/common';
import { guidelines, moderate, rejectReasons, rules, rulesVersion } from '@steady/moderation';
import { AUTHOR_MESSAGE_MAX, BAN_REASON_MAX, FLAG_NOTE_MAX, MODERATOR_NOTE_MAX, POST_BODY_MAX, spelled } from '@steady/rules';
import { ArticlesService } from '../articles/articles.service';
import { AuthorCrypto } from '../authors/author-crypto';
import { AuthorKeys, Standing } from '../authors/author-keys';
import { Caller } from '../authors/caller';
import { AppError, ErrorCode, badInput, notFound } from '../common/errors';
import { fitsBigint, isPostId } from '../common/ids';
import { UNKNOWN_CURSOR } from '../common/pagination';
import { Db } from '../database/db';
import type { LiveBus } from '../common/live-bus';
import { LIVE_BUS } from '../common/tokens';
import { PRIORITY, concernOf, publicHit } from './decision';
import { MODERATION_MESSAGES as M } from './messages';
import {
  FLAG_REASONS,
  FlagReason,
  GuidelineModel,
  ModeratorMessageModel,
  QueueNoteModel,
  ReaderFlagModel,
  ModerationAction,
  ModerationStatsModel,
  RejectReasonModel,
  ReviewDecision,
  ReviewState,
  ToneCheckModel,
} from './moderation.models';
import { MODERATED_POSTS, type ModeratedPost, type ModeratedPosts } from './moderated-posts.port';
import { ModerationRepository, type AuditActor, type FlagRow, type MessageRow, type NoteRow, type QueueRow } from './moderation.repository';
import { PostStatus } from './post-status';
import type { StoredHit } from './stored-hit';

/** Author-facing words of each rule: the guidelines page shows the same sentences the nudges use. */
const RULE_MESSAGES = new Map(rules.map((r) => [r.id, r.message]));
/** What a reader's flag weighs toward hiding a post, by the standing of their key. */
const FLAG_WEIGHT: Record<Standing, number> = { [Standing.NEW]: 0, [Standing.ESTABLISHED]: 1 };
/** Three established readers, between them, hide a post until a moderator looks. */
const FLAG_WEIGHT_TO_HIDE = 3;
/** Queue items one markQueueItemsSeen call may name: a page of the queue, at most. */
const SEEN_MAX = 100;
const FLAG_TITLES = new Map(FLAG_REASONS.map((r) => [r.reason as string, r.title]));

export interface QueueEntry {
  id: string;
  post: ModeratedPost;
  priority: number;
  reasons: string[];
  hits: StoredHit[];
  flags: number;
  enqueuedAt: Date;
  firstViewedAt: Date | null;
  readerFlags: ReaderFlagModel[];
  notes: QueueNoteModel[];
  /** The e-mail of the moderator who holds it now (opened it in the last few minutes), or null. */
  claimedBy: string | null;
  claimedUntil: Date | null;
}

function groupBy<T extends { postId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.postId, [...(groups.get(row.postId) ?? []), row]);
  return groups;
}

function readerFlag(row: FlagRow): ReaderFlagModel {
  return { reason: row.reason as FlagReason, title: FLAG_TITLES.get(row.reason) ?? row.reason, note: row.note, createdAt: row.createdAt };
}

const queueNote = ({ id, body, author, createdAt }: NoteRow): QueueNoteModel => ({ id, body, author, createdAt });

/** How long opening an item holds it for the moderator who opened it. */
export const CLAIM_SECONDS = 5 * 60;

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
    @Inject(LIVE_BUS) private readonly live: LiveBus,
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
    const effect = await this.db.transaction(async (tx) => {
      if (!(await this.repo.addFlag(tx, post.id, caller.tokenFor(post.sectionId)!, reason, note, FLAG_WEIGHT[standing]))) return null;
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
          return { hidden: true };
        }
      }
      return { hidden: false };
    });
    await this.posts.changed(post.sectionId);
    // After the commit: the queue hears of the item, the thread of a post that left public view.
    if (effect) {
      await this.live.publish({ topic: 'queue', kind: 'ADDED', postId: post.id });
      if (effect.hidden) {
        await this.live.publish({ topic: 'post', kind: 'HIDDEN', postId: post.id, sectionId: post.sectionId, parentId: post.parentId });
      }
    }
    return { ok: true, message: M.flagThanks };
  }

  async queue(afterCursor: string | null, first: number): Promise<{ items: QueueEntry[]; hasNextPage: boolean; total: number }> {
    const after = decodeQueueCursor(afterCursor);
    const [rows, total] = await Promise.all([this.repo.queuePage(after, first), this.repo.queueCount()]);
    const items = await this.entries(rows.slice(0, first));
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
      await this.repo.resolve(tx, post.id, decision, moderatorId);
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
    await this.publishReview(post, reviewed, decision, moderatorId);
    return reviewed;
  }

  /**
   * A moderator opened these queue items (the queue page shows them whole): the first opening of
   * each is recorded, which stops its crisis alerts (ADR 021). Idempotent: items already opened,
   * decided or unknown are left alone. Returns how many this call marked first.
   */
  async markSeen(moderatorId: string, itemIds: string[]): Promise<number> {
    if (itemIds.length > SEEN_MAX) throw badInput('itemIds', M.seenTooMany(SEEN_MAX));
    const ids = [...new Set(itemIds)];
    if (!ids.every((id) => isPostId(id) && fitsBigint(id))) throw badInput('itemIds', M.seenUnknown);
    if (!ids.length) return 0;
    return this.db.transaction(async (tx) => {
      const marked = await this.repo.markSeen(tx, moderatorId, ids);
      for (const item of marked.filter((i) => i.priority >= PRIORITY.CRISIS)) {
        await this.repo.audit(tx, { actor: `moderator:${moderatorId}`, action: 'crisis:opened', postId: item.postId });
      }
      return marked.length;
    });
  }

  /** After a review committed: the queue, the post's author, and its thread (when it entered or left public view). */
  private async publishReview(before: ModeratedPost, after: ModeratedPost, decision: ReviewDecision, moderatorId: string) {
    await this.live.publish({ topic: 'queue', kind: 'DECIDED', postId: after.id, moderatorId });
    await this.live.publish({ topic: 'review', decision, postId: after.id, sectionId: after.sectionId });
    const was = before.status === PostStatus.PUBLISHED;
    const is = after.status === PostStatus.PUBLISHED;
    if (was !== is) {
      const kind = is ? 'PUBLISHED' : 'HIDDEN';
      await this.live.publish({ topic: 'post', kind, postId: after.id, sectionId: after.sectionId, parentId: after.parentId });
    }
  }

  /** A post's latest queue item (open or decided), as the live queue shows it; null when it never waited. */
  async queueItemOf(postId: string): Promise<QueueEntry | null> {
    const row = await this.repo.latestItem(postId);
    return row ? ((await this.entries([row]))[0] ?? null) : null;
  }

  /** Queue rows as moderators see them: each with its post, readers' flags and notes (three statements for any number). */
  private async entries(rows: QueueRow[]): Promise<QueueEntry[]> {
    const ids = rows.map((r) => r.postId);
    const [found, flagRows, noteRows] = await Promise.all([this.posts.byIds(ids), this.repo.flagsOf(ids), this.repo.notesOf(ids)]);
    const posts = new Map(found.map((p) => [p.id, p]));
    const flags = groupBy(flagRows);
    const notes = groupBy(noteRows);
    return rows.flatMap((row) => {
      const post = posts.get(row.postId);
      if (!post) return [];
      return [
        {
          id: row.id,
          post,
          priority: row.priority,
          reasons: row.reasons,
          hits: post.hits,
          flags: post.flagCount,
          enqueuedAt: row.enqueuedAt,
          firstViewedAt: row.firstViewedAt,
          readerFlags: (flags.get(row.postId) ?? []).map(readerFlag),
          notes: (notes.get(row.postId) ?? []).map(queueNote),
          claimedBy: row.claimedBy,
          claimedUntil: row.claimedUntil,
        },
      ];
    });
  }

  /**
   * Opening an item claims it for CLAIM_SECONDS, unless another moderator's claim still holds (then
   * nothing changes: the answer says who holds it). Every moderator's queue hears of a new claim.
   */
  async claim(moderatorId: string, postId: string): Promise<QueueEntry> {
    if (!isPostId(postId)) throw notFound(M.postNotFound);
    if (await this.repo.claim(postId, moderatorId, CLAIM_SECONDS)) {
      await this.live.publish({ topic: 'queue', kind: 'CLAIMED', postId, moderatorId });
    }
    const item = await this.queueItemOf(postId);
    if (!item) throw notFound(M.postNotFound);
    return item;
  }

  /** Lets go of one's own claim (e.g. leaving the item without a decision). */
  async release(moderatorId: string, postId: string): Promise<boolean> {
    if (!isPostId(postId)) throw notFound(M.postNotFound);
    const released = await this.repo.release(postId, moderatorId);
    if (released) await this.live.publish({ topic: 'queue', kind: 'RELEASED', postId, moderatorId });
    return released;
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

  /** A moderator's internal note on a post in the queue; kept in the audit log too. */
  async addNote(moderator: { id: string; email: string }, postId: string, rawBody: string): Promise<QueueNoteModel> {
    const body = moderatorText('body', rawBody, MODERATOR_NOTE_MAX, M.noteEmpty, M.moderatorNoteTooLong);
    const post = isPostId(postId) ? await this.posts.byId(postId) : null;
    if (!post) throw notFound(M.postNotFound);
    const row = await this.db.transaction(async (tx) => {
      const added = await this.repo.addNote(tx, post.id, moderator.id, body);
      await this.repo.audit(tx, { actor: `moderator:${moderator.id}`, action: 'note', postId: post.id, reason: body });
      return added;
    });
    return queueNote({ ...row, author: moderator.email });
  }

  /**
   * A private, supportive word to the author of a post. Stored against the post only: the author
   * reads it through their own key (Post.messageFromModerators); nobody learns who they are.
   */
  async messageAuthor(moderatorId: string, postId: string, rawBody: string): Promise<ModeratorMessageModel> {
    const body = moderatorText('body', rawBody, AUTHOR_MESSAGE_MAX, M.messageEmpty, M.messageTooLong);
    const post = isPostId(postId) ? await this.posts.byId(postId) : null;
    if (!post) throw notFound(M.postNotFound);
    if (post.status === PostStatus.DELETED) throw badInput('postId', M.removedByAuthor);
    const row = await this.db.transaction(async (tx) => {
      const added = await this.repo.addMessage(tx, post.id, body);
      // The log says a message went; its words stay between the moderators and the author.
      await this.repo.audit(tx, { actor: `moderator:${moderatorId}`, action: 'crisis:message', postId: post.id });
      return added;
    });
    return authorMessage(row);
  }

  /**
   * A crisis item a moderator has looked after (a message sent, help pointed to) leaves the
   * queue without a verdict on the post: it stays as it is, unseen by readers while pending.
   */
  async markHandled(moderatorId: string, postId: string, rawNote: string): Promise<boolean> {
    const note = moderatorText('note', rawNote, MODERATOR_NOTE_MAX, M.handledNote, M.moderatorNoteTooLong);
    const item = isPostId(postId) ? await this.repo.openItem(postId) : null;
    if (!item) throw notFound(M.notWaiting);
    const post = await this.posts.byId(postId);
    if (!post) throw notFound(M.postNotFound);
    if (!post.crisis && item.priority < PRIORITY.FLAGGED_DANGER) throw badInput('postId', M.handledOnlyCrisis);
    await this.db.transaction(async (tx) => {
      await this.repo.resolve(tx, post.id, 'HANDLED', moderatorId);
      await this.repo.audit(tx, { actor: `moderator:${moderatorId}`, action: 'crisis:handled', postId: post.id, reason: note });
    });
    return true;
  }

  /** Messages to the authors of these posts, by post (the caller must already be known to be the author). */
  async messagesFor(postIds: readonly string[]): Promise<Map<string, ModeratorMessageModel[]>> {
    const groups = groupBy(await this.repo.messagesOf(postIds));
    return new Map([...groups].map(([id, rows]) => [id, rows.map(authorMessage)]));
  }

  async stats(): Promise<ModerationStatsModel> {
    return this.repo.stats(await this.posts.tally());
  }

  /** A rejected post its author has not sent again yet. */
  async appealableBy(caller: Caller, post: ModeratedPost): Promise<boolean> {
    if (post.status !== PostStatus.REJECTED || !caller.owns(post)) return false;
    return !(await this.repo.appealed(post.id));
  }

  /**
   * Where a post stands for its author; null for everyone else. A waiting post whose crisis a
   * moderator marked handled is no longer "waiting": its author reads that it was looked after.
   * One statement, only for the author's own waiting posts; both fields of one post, for one
   * caller, share it (a live event's post is answered for each subscriber: never shared across callers).
   */
  reviewStateFor(caller: Caller, post: ModeratedPost): Promise<{ state: ReviewState; message: string } | null> {
    let byPost = this.reviewStates.get(caller);
    if (!byPost) {
      byPost = new WeakMap();
      this.reviewStates.set(caller, byPost);
    }
    let known = byPost.get(post);
    if (!known) {
      known = this.reviewStateOf(caller, post);
      byPost.set(post, known);
    }
    return known;
  }

  private readonly reviewStates = new WeakMap<Caller, WeakMap<ModeratedPost, Promise<{ state: ReviewState; message: string } | null>>>();

  private async reviewStateOf(caller: Caller, post: ModeratedPost): Promise<{ state: ReviewState; message: string } | null> {
    if (!caller.owns(post)) return null;
    const state = authorReviewState(post, post.status === PostStatus.PENDING && (await this.repo.handled(post.id)));
    switch (state) {
      case ReviewState.HANDLED:
        return { state, message: M.handled };
      case ReviewState.WAITING:
        return { state, message: M.waiting };
      case ReviewState.NOT_PUBLISHED:
        return { state, message: this.reasons.get(post.reviewReason ?? '')?.text ?? M.notPublished };
      case ReviewState.PUBLISHED:
        return { state, message: M.publishedAfterReview };
      default:
        return null;
    }
  }
}

/**
 * Where a post stands for its author (the caller must be its author): the one rule, used by
 * `reviewStateFor` and by the reader overlay (posts/reader-overlay.ts), which reads `handled` in
 * its own statement (MODERATION_FRAGMENTS.handled).
 */
export function authorReviewState(post: Pick<ModeratedPost, 'status' | 'reviewedAt'>, handled: boolean): ReviewState | null {
  if (post.status === PostStatus.PENDING) return handled ? ReviewState.HANDLED : ReviewState.WAITING;
  if (post.status === PostStatus.REJECTED) return ReviewState.NOT_PUBLISHED;
  if (post.status === PostStatus.PUBLISHED && post.reviewedAt) return ReviewState.PUBLISHED;
  return null;
}

const authorMessage = ({ id, body, sentAt }: MessageRow): ModeratorMessageModel => ({ id, body, sentAt });

/** A moderator's own words: trimmed, not empty, within the limit (counted as people count). */
function moderatorText(field: string, raw: string, max: number, empty: string, tooLong: (max: string) => string): string {
  const text = (raw ?? '').trim();
  if (!text) throw badInput(field, empty);
  if (Array.from(text).length > max) throw badInput(field, tooLong(spelled(max)));
  return text;
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
