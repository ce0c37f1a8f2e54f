import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { pageSize } from '../common/pagination';
import type { RequestContext } from '../graphql/context';
import { CurrentModerator, ModeratorOnly, type SignedInModerator } from '../moderators';
import { PostModel } from '../posts/post.model';
import type { PostRecord } from '../posts/post.model';
import { PostGuardian, seenBy } from '../posts/visibility';
import {
  AuditConnection,
  FLAG_REASONS,
  FlagReasonInfoModel,
  FlagPostInput,
  FlagPostPayload,
  GuidelineModel,
  ModerationStatsModel,
  QueueConnection,
  RejectReasonModel,
  ReviewPostInput,
  ReviewState,
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
    @Inject(PostGuardian) private readonly guardian: PostGuardian,
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
    @Context() ctx: RequestContext,
  ): Promise<QueueConnection> {
    const size = pageSize(first);
    const { items, hasNextPage, total } = await this.service.queue(after, size);
    // The one visibility rule holds here too (a moderator sees what waits; a removed post is a placeholder).
    const viewer = await this.guardian.viewerOf(ctx);
    const edges = items.map((item) => ({
      cursor: encodeQueueCursor(item.priority, item.id),
      node: { ...item, post: seenBy(viewer, item.post)!, hits: item.hits.map(publicHit) },
    }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: total };
  }

  @ModeratorOnly()
  @Query(() => ModerationStatsModel, { description: 'Moderator only.' })
  moderationStats(): Promise<ModerationStatsModel> {
    return this.service.stats();
  }

  @ModeratorOnly()
  @Mutation(() => PostModel, { description: 'Moderator only.' })
  reviewPost(@Args('input') input: ReviewPostInput, @CurrentModerator() moderator: SignedInModerator): Promise<PostRecord> {
    return this.service.review(moderator.id, input.postId, input.decision, input.reason);
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

/** What a post's author (and only its author) learns about a review. */
@Resolver(() => PostModel)
export class PostReviewResolver {
  constructor(@Inject(ModerationService) private readonly service: ModerationService) {}

  @ResolveField(() => ReviewState, { nullable: true, description: 'Only for the post’s author: waiting, published or not published.' })
  reviewState(@Parent() post: PostRecord, @Context() ctx: RequestContext): ReviewState | null {
    return this.service.reviewStateFor(ctx.caller, post)?.state ?? null;
  }

  @ResolveField(() => String, { nullable: true, description: 'Only for the post’s author: the outcome in kind words.' })
  reviewMessage(@Parent() post: PostRecord, @Context() ctx: RequestContext): string | null {
    return this.service.reviewStateFor(ctx.caller, post)?.message ?? null;
  }
}
