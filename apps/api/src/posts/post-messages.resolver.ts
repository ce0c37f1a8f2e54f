import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import type { RequestContext } from '../graphql/context';
import { AuditEntryModel, ModeratorMessageModel } from '../moderation/moderation.models';
import { ModerationService } from '../moderation/moderation.service';
import { PostModel, type PostRecord } from './post.model';
import { PostGuardian } from './visibility';

/*
 * Moderators' words and the Post type (issue 13; ADR 017), beside post-review.resolver.ts:
 * the private message a moderator leaves for a post's author, and the post an audit entry names.
 */

/** One batch per request: "Your posts" lists many posts, and asks for all their messages in one statement. */
const messageLoaders = new WeakMap<object, DataLoader<string, ModeratorMessageModel[]>>();

@Resolver(() => PostModel)
export class PostMessagesResolver {
  constructor(@Inject(ModerationService) private readonly service: ModerationService) {}

  @ResolveField(() => [ModeratorMessageModel], {
    nullable: true,
    description: 'Only for the post’s author (null for everyone else, moderators too): private words from the moderators, oldest first.',
  })
  async messagesFromModerators(@Parent() post: PostRecord, @Context() ctx: RequestContext): Promise<ModeratorMessageModel[] | null> {
    // The one rule: the key that wrote the post, and nothing else, reads what was sent to it.
    if (!ctx.caller.owns(post)) return null;
    let loader = messageLoaders.get(ctx.req);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const byPost = await this.service.messagesFor(ids);
        return ids.map((id) => byPost.get(id) ?? []);
      });
      messageLoaders.set(ctx.req, loader);
    }
    return loader.load(post.id);
  }
}

/** The post an audit entry names, as its (moderator) reader may see it: for a link to it. */
@Resolver(() => AuditEntryModel)
export class AuditEntryPostResolver {
  constructor(@Inject(PostGuardian) private readonly guardian: PostGuardian) {}

  @ResolveField(() => PostModel, { nullable: true, description: 'The post this entry names, when it still exists.' })
  async post(@Parent() entry: AuditEntryModel, @Context() ctx: RequestContext): Promise<PostRecord | null> {
    if (!entry.postId) return null;
    return this.guardian.seen(ctx, await ctx.loaders.post.load(entry.postId));
  }
}
