import { Inject } from '@nestjs/common';
import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { SectionModel } from '../articles/article.model';
import { decodeCursor, pageSize } from '../common/pagination';
import type { RequestContext } from '../graphql/context';
import { toConnection } from './connection';
import { PostConnection } from './post.model';
import { PostsRepository } from './posts.repository';
import { ThreadCache } from './thread-cache';
import { PostGuardian } from './visibility';

/** `Section.posts`: a section's thread, the posts module's part of the Section type. */
@Resolver(() => SectionModel)
export class SectionPostsResolver {
  constructor(
    @Inject(PostsRepository) private readonly repository: PostsRepository,
    @Inject(ThreadCache) private readonly cache: ThreadCache,
    @Inject(PostGuardian) private readonly guardian: PostGuardian,
  ) {}

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
    // The thread count comes with the page (one statement); it moves only with the section's version.
    const page = viewer.anonymous
      ? await this.cache.page(section.id, afterId, size, () => this.repository.threadPage(section.id, afterId, size, null))
      : await this.repository.threadPage(section.id, afterId, size, ctx.caller.tokenFor(section.id), viewer.moderator);
    return toConnection(page.rows, size, page.threadCount);
  }
}
