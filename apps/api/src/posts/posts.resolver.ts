import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { SectionModel } from '../articles/article.model';
import { ArticlesService } from '../articles/articles.service';
import { decodeCursor, pageSize } from '../common/pagination';
import type { RequestContext } from '../graphql/context';
import { toConnection } from './connection';
import { AppealPostInput, CreatePostInput, CreatePostPayload, EditPostInput } from './dto/post.inputs';
import { PostConnection, PostModel, REACTION_KINDS, ReactionCountModel, ReactionKind } from './post.model';
import type { PostRecord } from './post.model';
import { PostsRepository } from './posts.repository';
import { PostsService, WriteResult } from './posts.service';
import { PostGuardian } from './visibility';
import { PostOutcome, publicHit } from '../moderation/decision';
import { RESOURCES } from '../safety/safety.resolver';
import type { ResourceList } from '@steady/content';

@Resolver(() => PostModel)
export class PostsResolver {
  constructor(
    @Inject(PostsService) private readonly service: PostsService,
    @Inject(RESOURCES) private readonly resources: ResourceList,
    @Inject(PostGuardian) private readonly guardian: PostGuardian,
  ) {}

  @Query(() => PostModel, {
    nullable: true,
    description: 'A published post (a removed one as a placeholder); a pending or rejected one only for its author and moderators.',
  })
  async post(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<PostRecord | null> {
    return this.guardian.seen(ctx, await ctx.loaders.post.load(id));
  }

  @ResolveField(() => SectionModel)
  async section(@Parent() post: PostRecord, @Context() ctx: RequestContext): Promise<SectionModel> {
    return (await ctx.loaders.section.load(post.sectionId))!;
  }

  @ResolveField(() => PostModel, { nullable: true, description: 'The post this replies to, when the caller may see it.' })
  async parent(@Parent() post: PostRecord, @Context() ctx: RequestContext): Promise<PostRecord | null> {
    return post.parentId ? this.guardian.seen(ctx, await ctx.loaders.post.load(post.parentId)) : null;
  }

  @ResolveField(() => PostConnection, {
    description: "Published replies, oldest first (and hidden ones the caller may see: their own, or a moderator's view).",
  })
  async replies(
    @Parent() post: PostRecord,
    @Context() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<PostConnection> {
    const size = pageSize(first);
    const viewer = await this.guardian.viewerOf(ctx);
    const rows = await ctx.loaders.replies(post.sectionId, size, decodeCursor(after), viewer.moderator).load(post.id);
    return toConnection(rows, size, post.replyCount);
  }

  @ResolveField(() => [ReactionCountModel], { description: 'Every kind, with count 0 where none.' })
  async reactions(@Parent() post: PostRecord, @Context() ctx: RequestContext): Promise<ReactionCountModel[]> {
    const mine = ctx.caller.keyHash ? await ctx.loaders.reactedByMe.load(post) : new Set<ReactionKind>();
    return REACTION_KINDS.map((kind) => ({ kind, count: post.counts[kind], reactedByMe: mine.has(kind) }));
  }

  @ResolveField(() => Boolean, { description: "True when the caller's X-Author-Key wrote it." })
  mine(@Parent() post: PostRecord, @Context() ctx: RequestContext): boolean {
    return ctx.caller.owns(post);
  }

  @Mutation(() => CreatePostPayload)
  async createPost(@Args('input') input: CreatePostInput, @Context() ctx: RequestContext): Promise<CreatePostPayload> {
    return this.payload(await this.service.create(ctx.caller, input));
  }

  @Mutation(() => CreatePostPayload)
  async editPost(@Args('input') input: EditPostInput, @Context() ctx: RequestContext): Promise<CreatePostPayload> {
    return this.payload(await this.service.edit(ctx.caller, input));
  }

  @Mutation(() => CreatePostPayload, {
    description: 'The author of a rejected post sends it (changed or not) to the moderators again, once: it waits, marked as an appeal.',
  })
  async appealPost(@Args('input') input: AppealPostInput, @Context() ctx: RequestContext): Promise<CreatePostPayload> {
    return this.payload(await this.service.appeal(ctx.caller, input));
  }

  private payload(result: WriteResult): CreatePostPayload {
    return {
      ...result,
      hits: result.hits.map(publicHit),
      resources: result.outcome === PostOutcome.CRISIS ? this.resources.resources : null,
    };
  }

  @Mutation(() => PostModel)
  deletePost(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<PostRecord> {
    return this.service.remove(ctx.caller, id);
  }

  @Mutation(() => PostModel, { description: 'Toggles one supportive reaction of the caller.' })
  react(
    @Args('postId', { type: () => ID }) postId: string,
    @Args('kind', { type: () => ReactionKind }) kind: ReactionKind,
    @Context() ctx: RequestContext,
  ): Promise<PostRecord> {
    return this.service.react(ctx.caller, postId, kind);
  }
}

/** The caller as an author: their posts and the replies to them. */
@ObjectType('Author')
export class AuthorModel {
  tokens: Buffer[];
  /** The caller's posts (not removed): counted once, to know whether `me` is anyone. */
  postCount: number;
  /** Others' replies to them, counted in the same statement. */
  repliesToMeCount: number;
}

@Resolver(() => AuthorModel)
export class AuthorResolver {
  constructor(
    @Inject(PostsRepository) private readonly repository: PostsRepository,
    @Inject(ArticlesService) private readonly articles: ArticlesService,
  ) {}

  @Query(() => AuthorModel, {
    nullable: true,
    description: "Posts of the caller's author key, with replies to them. Null without a valid X-Author-Key.",
  })
  async me(@Context() ctx: RequestContext): Promise<AuthorModel | null> {
    if (!ctx.caller.keyHash) return null;
    const tokens = (await this.articles.allSectionIds()).map((id) => ctx.caller.tokenFor(id)!);
    const counts = tokens.length ? await this.repository.authorCounts(tokens) : { posts: 0, repliesToMe: 0 };
    return counts.posts > 0 ? { tokens, postCount: counts.posts, repliesToMeCount: counts.repliesToMe } : null;
  }

  @ResolveField(() => PostConnection, { description: 'Newest first; pending posts included (only their author sees them).' })
  async posts(
    @Parent() author: AuthorModel,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<PostConnection> {
    const size = pageSize(first);
    const rows = await this.repository.byAuthor(author.tokens, decodeCursor(after), size);
    return toConnection(rows, size, author.postCount);
  }

  @ResolveField(() => PostConnection, { description: "Others' published replies to the caller's posts, newest first." })
  async repliesToMe(
    @Parent() author: AuthorModel,
    @Context() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<PostConnection> {
    const size = pageSize(first);
    const pairs = await this.repository.repliesToAuthor(author.tokens, decodeCursor(after), size);
    // Each reply's `parent` (the caller's own post) came with it: `parent` still asks the one visibility rule, without SQL.
    for (const { parent } of pairs) ctx.loaders.post.prime(parent.id, parent);
    return toConnection(
      pairs.map((p) => p.reply),
      size,
      author.repliesToMeCount,
    );
  }
}
