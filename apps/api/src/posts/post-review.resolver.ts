import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../graphql/context';
import { QueueItemModel, ReviewPostInput, ReviewState } from '../moderation/moderation.models';
import { ModerationService } from '../moderation/moderation.service';
import { CurrentModerator, ModeratorOnly, type SignedInModerator } from '../moderators';
import { PostModel, type PostRecord } from './post.model';
import { PostGuardian, seenBy } from './visibility';

/*
 * Where moderation meets the Post type. Moderation decides (ModerationService) and changes
 * posts only through its port, which the posts module implements; the GraphQL fields that
 * return or extend a Post live here, so moderation never imports posts (ADR 014). The posts
 * moderation hands back came from posts' own adapter: they are whole PostRecords.
 */

/** What a post's author (and only its author) learns about a review. */
@Resolver(() => PostModel)
export class PostReviewResolver {
  constructor(@Inject(ModerationService) private readonly service: ModerationService) {}

  @ResolveField(() => ReviewState, {
    nullable: true,
    description: 'Only for the post’s author: waiting, published, not published, or handled (a crisis a moderator looked after).',
  })
  async reviewState(@Parent() post: PostRecord, @Context() ctx: RequestContext): Promise<ReviewState | null> {
    return (await this.service.reviewStateFor(ctx.caller, post))?.state ?? null;
  }

  @ResolveField(() => String, { nullable: true, description: 'Only for the post’s author: the outcome in kind words.' })
  async reviewMessage(@Parent() post: PostRecord, @Context() ctx: RequestContext): Promise<string | null> {
    return (await this.service.reviewStateFor(ctx.caller, post))?.message ?? null;
  }

  @ResolveField(() => Boolean, {
    description:
      'Only for the post’s author: a moderator did not publish it and it was not sent again yet (appealPost). False for everyone else.',
  })
  appealable(@Parent() post: PostRecord, @Context() ctx: RequestContext): Promise<boolean> {
    return this.service.appealableBy(ctx.caller, post);
  }
}

/** A moderator's review returns the post as it now stands. */
@Resolver()
export class ReviewPostResolver {
  constructor(@Inject(ModerationService) private readonly service: ModerationService) {}

  @ModeratorOnly()
  @Mutation(() => PostModel, { description: 'Moderator only.' })
  async reviewPost(@Args('input') input: ReviewPostInput, @CurrentModerator() moderator: SignedInModerator): Promise<PostRecord> {
    return (await this.service.review(moderator.id, input.postId, input.decision, input.reason)) as PostRecord;
  }
}

/** A queue item's post, through the one visibility rule (a moderator sees what waits; a removed post is a placeholder). */
@Resolver(() => QueueItemModel)
export class QueueItemPostResolver {
  constructor(@Inject(PostGuardian) private readonly guardian: PostGuardian) {}

  @ResolveField(() => PostModel)
  async post(@Parent() item: QueueItemModel, @Context() ctx: RequestContext): Promise<PostRecord> {
    return seenBy(await this.guardian.viewerOf(ctx), item.post as PostRecord)!;
  }
}
