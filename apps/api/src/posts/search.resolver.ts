import { Inject } from '@nestjs/common';
import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { SectionModel } from '../articles/article.model';
import { notFound } from '../common/errors';
import { encodeCursor, pageSize } from '../common/pagination';
import type { RequestContext } from '../graphql/context';
import { PostsRepository } from './posts.repository';
import {
  decodeSearchCursor,
  encodeSearchCursor,
  SEARCH_MESSAGES,
  SearchConnection,
  SearchHitModel,
  searchWords,
  snippetHtml,
  threadPageSize,
} from './search';
import { PUBLIC_VIEWER, Sight, sightOf } from './visibility';

/** `searchPosts`: full-text search over one article's published posts (ADR 019). */
@Resolver(() => SearchHitModel)
export class SearchResolver {
  constructor(@Inject(PostsRepository) private readonly repository: PostsRepository) {}

  @Query(() => SearchConnection, {
    description:
      'Published posts of one article\'s threads that match `query` (plain words; "quoted phrases", or, -without), best match first. ' +
      'Never a pending, rejected or removed post, whoever asks.',
  })
  async searchPosts(
    @Args('articleSlug') articleSlug: string,
    @Args('query') query: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('threadPageSize', {
      type: () => Int,
      nullable: true,
      defaultValue: 20,
      description: 'How many top-level posts a page of the thread shows, for `SearchHit.threadAfter`.',
    })
    threadPage: number,
  ): Promise<SearchConnection> {
    const words = searchWords(query);
    const size = pageSize(first);
    const threadSize = threadPageSize(threadPage);
    const page = await this.repository.search(articleSlug, words, decodeSearchCursor(after), size, threadSize);
    if (!page.found) throw notFound(SEARCH_MESSAGES.noArticle);
    // The statement asks the rule as everyone sees it; the same rule, asked again per post, costs nothing.
    const hits = page.hits.filter((hit) => sightOf(PUBLIC_VIEWER, hit.post) === Sight.FULL);
    const edges = hits.slice(0, size).map((hit) => ({
      cursor: encodeSearchCursor(hit),
      node: {
        post: hit.post,
        rank: hit.rank,
        snippet: snippetHtml(hit.snippet),
        threadAfter: hit.threadAfter ? encodeCursor(hit.threadAfter) : null,
      },
    }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hits.length > size, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: page.total,
    };
  }

  @ResolveField(() => SectionModel)
  async section(@Parent() hit: SearchHitModel, @Context() ctx: RequestContext): Promise<SectionModel> {
    return (await ctx.loaders.section.load(hit.post.sectionId))!;
  }
}
