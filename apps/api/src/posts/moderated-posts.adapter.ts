import { Inject, Injectable } from '@nestjs/common';
import type { Tx } from '../database/db';
import type { ModeratedPost, ModeratedPosts, PostTally } from '../moderation/moderated-posts.port';
import { PostStatus } from './post.entity';
import type { PostRecord } from './post.model';
import { PostsRepository } from './posts.repository';
import { ThreadCache } from './thread-cache';

/**
 * Posts' side of moderation's port (moderation/moderated-posts.port.ts): a flag or a moderator's
 * decision changes a post here, in the caller's transaction, with the section's and parent's
 * counts kept in step. The posts it hands over are whole PostRecords.
 */
@Injectable()
export class ModeratedPostsAdapter implements ModeratedPosts {
  constructor(
    @Inject(PostsRepository) private readonly posts: PostsRepository,
    @Inject(ThreadCache) private readonly cache: ThreadCache,
  ) {}

  byId(id: string): Promise<PostRecord | null> {
    return this.posts.byId(id);
  }

  byIds(ids: readonly string[]): Promise<PostRecord[]> {
    return this.posts.byIds(ids);
  }

  countFlag(tx: Tx, postId: string): Promise<{ flagCount: number; flagWeight: number }> {
    return this.posts.countFlag(tx, postId);
  }

  async hideForReview(tx: Tx, post: ModeratedPost): Promise<boolean> {
    if (!(await this.posts.hideForReview(tx, post.id))) return false;
    await this.posts.adjustCounts(tx, post, -1);
    return true;
  }

  async review(
    tx: Tx,
    post: ModeratedPost,
    status: PostStatus.PUBLISHED | PostStatus.REJECTED,
    reason: string | null,
  ): Promise<PostRecord> {
    const updated = await this.posts.setReviewed(tx, post.id, status, reason);
    if (post.status !== PostStatus.PUBLISHED && status === PostStatus.PUBLISHED) await this.posts.adjustCounts(tx, post, 1);
    if (post.status === PostStatus.PUBLISHED && status !== PostStatus.PUBLISHED) await this.posts.adjustCounts(tx, post, -1);
    return updated;
  }

  sealedAuthor(postId: string): Promise<Buffer | null> {
    return this.posts.sealedAuthor(postId);
  }

  tally(): Promise<PostTally> {
    return this.posts.tally();
  }

  changed(sectionId: string): Promise<void> {
    return this.cache.invalidate(sectionId);
  }
}
