import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { decodeCursor, pageSize } from '../common/pagination';
import type { RequestContext } from '../graphql/context';
import { PostConnection } from '../posts/post.model';
import { PostsRepository } from '../posts/posts.repository';
import { ThreadCache } from '../posts/thread-cache';
import { toConnection } from '../posts/connection';
import { PostGuardian } from '../posts/visibility';
import { ArticleModel, SectionModel } from './article.model';
import { ArticlesService } from './articles.service';

@Resolver(() => ArticleModel)
export class ArticlesResolver {
  constructor(@Inject(ArticlesService) private readonly service: ArticlesService) {}

  @Query(() => [ArticleModel])
  articles(): Promise<ArticleModel[]> {
    return this.service.list();
  }

  @Query(() => ArticleModel, { nullable: true })
  article(@Args('slug') slug: string): Promise<ArticleModel | null> {
    return this.service.bySlug(slug);
  }

  @ResolveField(() => [SectionModel])
  sections(@Parent() article: ArticleModel): Promise<SectionModel[]> {
    return this.service.sectionsOf(article.id);
  }

  @ResolveField(() => SectionModel, { nullable: true, description: 'One section of this article by its slug.' })
  section(@Parent() article: ArticleModel, @Args('slug') slug: string): Promise<SectionModel | null> {
    return this.service.sectionBySlug(article.id, slug);
  }
}

@Resolver(() => SectionModel)
export class SectionsResolver {
  constructor(
    @Inject(PostsRepository) private readonly repository: PostsRepository,
    @Inject(ThreadCache) private readonly cache: ThreadCache,
    @Inject(PostGuardian) private readonly guardian: PostGuardian,
  ) {}

  @Query(() => SectionModel, { nullable: true })
  async section(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<SectionModel | null> {
    const section = await ctx.loaders.section.load(id);
    return section && !section.hidden ? section : null;
  }

  @ResolveField(() => ArticleModel)
  async article(@Parent() section: SectionModel, @Context() ctx: RequestContext): Promise<ArticleModel> {
    return (await ctx.loaders.article.load(section.articleId))!;
  }

  @ResolveField(() => PostConnection, {
    description: "Published top-level posts, oldest first (and hidden ones the caller may see: their own, or a moderator's view).",
  })
  async posts(
    @Parent() section: SectionModel,
    @Context() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<PostConnection> {
    const size = pageSize(first);
    const afterId = decodeCursor(after);
    const viewer = await this.guardian.viewerOf(ctx);
    // Readers without a key or a session all see the same page: it comes from the cache until the thread changes.
    const rows = viewer.anonymous
      ? await this.cache.page(section.id, afterId, size, () => this.repository.threadPage(section.id, afterId, size, null))
      : await this.repository.threadPage(section.id, afterId, size, ctx.caller.tokenFor(section.id), viewer.moderator);
    return toConnection(rows, size, section.threadCount);
  }
}
