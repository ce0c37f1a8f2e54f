import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../graphql/context';
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

/** A section and its article. Its `posts` are the posts module's (posts/section-posts.resolver.ts). */
@Resolver(() => SectionModel)
export class SectionsResolver {
  @Query(() => SectionModel, { nullable: true })
  async section(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<SectionModel | null> {
    const section = await ctx.loaders.section.load(id);
    return section && !section.hidden ? section : null;
  }

  @ResolveField(() => Int, { description: 'Published top-level posts and replies.' })
  async postCount(@Parent() section: SectionModel, @Context() ctx: RequestContext): Promise<number> {
    return section.postCount ?? (await ctx.loaders.sectionCounts.load(section.id)).postCount;
  }

  @ResolveField(() => ArticleModel)
  async article(@Parent() section: SectionModel, @Context() ctx: RequestContext): Promise<ArticleModel> {
    return (await ctx.loaders.article.load(section.articleId))!;
  }
}
