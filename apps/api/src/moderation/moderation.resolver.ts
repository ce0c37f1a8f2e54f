import { Inject } from '@nestjs/common';
import { Args, Context, GraphQLISODateTime, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { pageSize } from '../common/pagination';
import type { RequestContext } from '../graphql/context';
import { CurrentModerator, ModeratorOnly, type SignedInModerator } from '../moderators';
import {
  AuditConnection,
  FLAG_REASONS,
  FlagReasonInfoModel,
  FlagPostInput,
  FlagPostPayload,
  GuidelineModel,
  ModerationStatsModel,
  ModeratorMessageModel,
  QueueNoteModel,
  QueueConnection,
  QueueItemModel,
  RejectReasonModel,
  ToneCheckModel,
} from './moderation.models';
import { publicHit } from './decision';
import { ModerationService, encodeQueueCursor } from './moderation.service';
import { AuditLogService } from './audit-log.service';

@Resolver()
export class ModerationResolver {
  constructor(
    @Inject(ModerationService) private readonly service: ModerationService,
    @Inject(AuditLogService) private readonly audit: AuditLogService,
  ) {}

  @Query(() => [GuidelineModel], { description: 'The tone rules, grouped by the article’s principles: the words the nudges use.' })
  guidelines(): GuidelineModel[] {
    return this.service.guidelines();
  }

  @Query(() => [FlagReasonInfoModel], { description: 'Why a reader may flag a post, in the article’s terms, most urgent first.' })
  flagReasons(): FlagReasonInfoModel[] {
    return [...FLAG_REASONS];
  }

  @Query(() => [RejectReasonModel], { description: 'Reasons a moderator can give when a post is not published.' })
  rejectReasons(): RejectReasonModel[] {
    return this.service.rejectReasons();
  }

  @Query(() => ToneCheckModel, { description: 'Dry run of the tone rules, used for the live preview while typing. Stores nothing.' })
  checkTone(
    @Args('body') body: string,
    @Args('sectionId', { type: () => ID, nullable: true }) sectionId: string | null,
  ): Promise<ToneCheckModel> {
    return this.service.checkTone(body, sectionId);
  }

  @Mutation(() => FlagPostPayload)
  flagPost(@Args('input') input: FlagPostInput, @Context() ctx: RequestContext): Promise<FlagPostPayload> {
    return this.service.flag(ctx.caller, input.postId, input.reason, input.note);
  }

  @ModeratorOnly()
  @Query(() => QueueConnection, { description: 'Moderator only.' })
  async moderationQueue(
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<QueueConnection> {
    const size = pageSize(first);
    const { items, hasNextPage, total } = await this.service.queue(after, size);
    // Each item's `post` is resolved by the posts module, through the one visibility rule.
    const edges = items.map((item) => ({
      cursor: encodeQueueCursor(item.priority, item.id),
      node: { ...item, hits: item.hits.map(publicHit) },
    }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: total };
  }

  @ModeratorOnly()
  @Mutation(() => Int, {
    description:
      'Moderator only. The caller opened these queue items (at most 100): records the first opening of each, which stops a crisis item’s alerts. Idempotent; returns how many this call marked first.',
  })
  markQueueItemsSeen(
    @Args('itemIds', { type: () => [ID] }) itemIds: string[],
    @CurrentModerator() moderator: SignedInModerator,
  ): Promise<number> {
    return this.service.markSeen(moderator.id, itemIds);
  }

  @ModeratorOnly()
  @Mutation(() => QueueItemModel, {
    description: 'Moderator only. Opening an item claims it for five minutes, unless another moderator holds it (the answer says who).',
  })
  async claimQueueItem(
    @Args('postId', { type: () => ID }) postId: string,
    @CurrentModerator() moderator: SignedInModerator,
  ): Promise<QueueItemModel> {
    const item = await this.service.claim(moderator.id, postId);
    return { ...item, hits: item.hits.map(publicHit) };
  }

  @ModeratorOnly()
  @Mutation(() => Boolean, { description: 'Moderator only. Lets go of your own claim on an item.' })
  releaseQueueItem(@Args('postId', { type: () => ID }) postId: string, @CurrentModerator() moderator: SignedInModerator): Promise<boolean> {
    return this.service.release(moderator.id, postId);
  }

  @ModeratorOnly()
  @Query(() => ModerationStatsModel, { description: 'Moderator only.' })
  moderationStats(): Promise<ModerationStatsModel> {
    return this.service.stats();
  }

  @ModeratorOnly()
  @Mutation(() => Boolean, { description: 'Moderator only. Bans the author key behind a post without revealing anything about it.' })
  banAuthor(
    @Args('postId', { type: () => ID }) postId: string,
    @Args('reason') reason: string,
    @CurrentModerator() moderator: SignedInModerator,
  ): Promise<boolean> {
    return this.service.ban(moderator.id, postId, reason);
  }

  @ModeratorOnly()
  @Mutation(() => QueueNoteModel, { description: 'Moderator only. An internal note on a post in the queue: only moderators read it.' })
  addQueueNote(
    @Args('postId', { type: () => ID }) postId: string,
    @Args('body') body: string,
    @CurrentModerator() moderator: SignedInModerator,
  ): Promise<QueueNoteModel> {
    return this.service.addNote(moderator, postId, body);
  }

  @ModeratorOnly()
  @Mutation(() => ModeratorMessageModel, {
    description:
      'Moderator only. A private, supportive message to the author of a post, which only they read (Post.messagesFromModerators).',
  })
  messageAuthor(
    @Args('postId', { type: () => ID }) postId: string,
    @Args('body') body: string,
    @CurrentModerator() moderator: SignedInModerator,
  ): Promise<ModeratorMessageModel> {
    return this.service.messageAuthor(moderator.id, postId, body);
  }

  @ModeratorOnly()
  @Mutation(() => Boolean, {
    description: 'Moderator only. A crisis item looked after: it leaves the queue, the post stays as it is, the note goes to the log.',
  })
  markHandled(
    @Args('postId', { type: () => ID }) postId: string,
    @Args('note') note: string,
    @CurrentModerator() moderator: SignedInModerator,
  ): Promise<boolean> {
    return this.service.markHandled(moderator.id, postId, note);
  }

  @ModeratorOnly('ADMIN')
  @Query(() => AuditConnection, { description: 'Administrator only. Every moderator action and automatic decision, newest first.' })
  auditLog(
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('before', { type: () => String, nullable: true, description: 'An entry id: older entries than it.' }) before: string | null,
    @Args('actor', { type: () => String, nullable: true, description: 'Only this actor: "system", or a moderator’s id.' })
    actor: string | null,
    @Args('actions', { type: () => [String], nullable: true, description: 'Only these actions (e.g. "review:approve").' })
    actions: string[] | null,
    @Args('since', { type: () => GraphQLISODateTime, nullable: true, description: 'Only entries at or after this time.' })
    since: Date | null,
    @Args('until', { type: () => GraphQLISODateTime, nullable: true, description: 'Only entries before this time.' })
    until: Date | null,
  ): Promise<AuditConnection> {
    return this.audit.page(before, pageSize(first), { actor, actions, since, until });
  }
}
