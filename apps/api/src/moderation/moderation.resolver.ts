import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
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

  @ModeratorOnly('ADMIN')
  @Query(() => AuditConnection, { description: 'Administrator only. Every moderator action and automatic decision, newest first.' })
  auditLog(
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('before', { type: () => String, nullable: true, description: 'An entry id: older entries than it.' }) before: string | null,
  ): Promise<AuditConnection> {
    return this.audit.page(before, pageSize(first));
  }
}
