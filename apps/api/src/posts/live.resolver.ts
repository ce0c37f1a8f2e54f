import { Inject, Injectable } from '@nestjs/common';
import { Args, Context, Field, ID, ObjectType, registerEnumType, Resolver, Subscription } from '@nestjs/graphql';
import { AppError, ErrorCode } from '../common/errors';
import type { Delivered, LiveBus } from '../common/live-bus';
import { liveSubscription } from '../common/live-iterator';
import { LIVE_BUS } from '../common/tokens';
import type { LiveControls, RequestContext } from '../graphql/context';
import { PostStatus } from './post.entity';
import { PostModel, type PostRecord } from './post.model';
import { PostsRepository } from './posts.repository';
import { authorViewer, seenBy, Sight, sightOf, type Viewer } from './visibility';

export enum LiveActivityKind {
  PUBLISHED = 'PUBLISHED',
  EDITED = 'EDITED',
  REMOVED = 'REMOVED',
  REACTED = 'REACTED',
  HIDDEN = 'HIDDEN',
  REPLY = 'REPLY',
  PUBLISHED_AFTER_REVIEW = 'PUBLISHED_AFTER_REVIEW',
  NOT_PUBLISHED = 'NOT_PUBLISHED',
}
registerEnumType(LiveActivityKind, {
  name: 'LiveActivityKind',
  description:
    'PUBLISHED: a post or reply appeared (new, or approved after review). EDITED, REMOVED (a placeholder), REACTED (new counts). ' +
    'HIDDEN: a post left public view (post is null). For myActivity: REPLY to one of your posts, and your held post PUBLISHED_AFTER_REVIEW or NOT_PUBLISHED.',
});

@ObjectType('ThreadActivity')
export class ThreadActivityModel {
  @Field(() => LiveActivityKind) kind: LiveActivityKind;
  @Field(() => ID) postId: string;
  @Field(() => ID) sectionId: string;
  @Field(() => PostModel, { nullable: true, description: 'The post as a query would return it to you now; null for HIDDEN.' })
  post: PostRecord | null;
}

/** Everyone's view, no key, no session: what a thread shows to all (`mine` is still answered per subscriber). */
const PUBLIC: Viewer = { tokenFor: () => null, moderator: false };

/**
 * Reads each event's posts once per instance, however many subscribers it has (2,000 readers of
 * one thread cost one statement per event), for a few seconds.
 */
@Injectable()
export class LivePostReads {
  private readonly reads = new Map<string, Promise<PostRecord | null>>();

  constructor(@Inject(PostsRepository) private readonly posts: PostsRepository) {}

  load(event: Delivered, postId: string): Promise<PostRecord | null> {
    const key = `${event.id}:${postId}`;
    let read = this.reads.get(key);
    if (!read) {
      read = this.posts.byId(postId).catch(() => null);
      this.reads.set(key, read);
      setTimeout(() => this.reads.delete(key), 5000).unref();
    }
    return read;
  }
}

function controls(ctx: RequestContext): LiveControls {
  if (!ctx.live) throw new AppError(ErrorCode.BAD_USER_INPUT, 'Subscriptions arrive over the WebSocket at /graphql.');
  return ctx.live;
}

/**
 * The live thread and the author's live activity. Every post a subscriber receives went through
 * the one visibility rule (visibility.ts) exactly as `post(id)` would: a thread never carries a
 * PENDING or REJECTED post, and `mine`, `reactions.reactedByMe` and `reviewState` are answered
 * for each subscriber by their own key.
 */
@Resolver(() => ThreadActivityModel)
export class LivePostsResolver {
  constructor(
    @Inject(LIVE_BUS) private readonly bus: LiveBus,
    @Inject(LivePostReads) private readonly reads: LivePostReads,
  ) {}

  @Subscription(() => ThreadActivityModel, {
    description:
      'Published activity in one thread: new posts and replies, posts published after review, edits, deletions, reaction counts. Never a PENDING or REJECTED post.',
    resolve(this: void, value: ThreadActivityModel, _args: unknown, ctx: RequestContext) {
      ctx.live?.renew();
      return value;
    },
  })
  threadActivity(@Args('sectionId', { type: () => ID }) sectionId: string, @Context() ctx: RequestContext) {
    const live = controls(ctx);
    return liveSubscription<ThreadActivityModel>(this.bus, {
      maxQueued: live.maxQueued,
      slow: () => live.slow(),
      onOverflow: () => live.overflow(),
      accept: (e) => e.topic === 'post' && e.sectionId === sectionId,
      map: async (e) => {
        if (e.topic !== 'post') return null;
        const post = await this.reads.load(e, e.postId);
        if (!post) return null;
        const base = { postId: post.id, sectionId: post.sectionId };
        // The post as everyone may see it now (the event may be older than the post's state).
        const sight = sightOf(PUBLIC, post);
        if (e.kind === 'HIDDEN') return sight === Sight.NONE ? { ...base, kind: LiveActivityKind.HIDDEN, post: null } : null;
        if (e.kind === 'REMOVED') {
          return post.status === PostStatus.DELETED ? { ...base, kind: LiveActivityKind.REMOVED, post: seenBy(PUBLIC, post) } : null;
        }
        if (sight !== Sight.FULL) return null;
        return { ...base, kind: LiveActivityKind[e.kind], post };
      },
    });
  }

  @Subscription(() => ThreadActivityModel, {
    description:
      'For the author whose key is in connection_init: replies to their posts, and their held posts published or not after review.',
    resolve(this: void, value: ThreadActivityModel, _args: unknown, ctx: RequestContext) {
      ctx.live?.renew();
      return value;
    },
  })
  myActivity(@Context() ctx: RequestContext) {
    const live = controls(ctx);
    const caller = ctx.caller;
    if (!caller.keyHash) {
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'Your own activity needs the key your browser keeps from your first post.');
    }
    const author = authorViewer(caller);
    return liveSubscription<ThreadActivityModel>(this.bus, {
      maxQueued: live.maxQueued,
      slow: () => live.slow(),
      onOverflow: () => live.overflow(),
      accept: (e) => e.topic === 'review' || (e.topic === 'post' && e.kind === 'PUBLISHED' && e.parentId !== null),
      map: async (e) => {
        if (e.topic === 'review') {
          const post = await this.reads.load(e, e.postId);
          if (!post || !caller.owns(post)) return null;
          const kind =
            post.status === PostStatus.PUBLISHED
              ? LiveActivityKind.PUBLISHED_AFTER_REVIEW
              : post.status === PostStatus.REJECTED
                ? LiveActivityKind.NOT_PUBLISHED
                : null;
          return kind ? { kind, postId: post.id, sectionId: post.sectionId, post: seenBy(author, post) } : null;
        }
        if (e.topic !== 'post' || !e.parentId) return null;
        const [reply, parent] = await Promise.all([this.reads.load(e, e.postId), this.reads.load(e, e.parentId)]);
        if (!reply || !parent || !caller.owns(parent) || caller.owns(reply)) return null;
        if (sightOf(PUBLIC, reply) !== Sight.FULL) return null;
        return { kind: LiveActivityKind.REPLY, postId: reply.id, sectionId: reply.sectionId, post: reply };
      },
    });
  }
}
