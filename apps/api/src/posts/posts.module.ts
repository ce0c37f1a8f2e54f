import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { AuthorsModule } from '../authors/authors.module';
import { MODERATED_POSTS } from '../moderation/moderated-posts.port';
import { ModerationModule } from '../moderation/moderation.module';
import { ModeratedPostsAdapter } from './moderated-posts.adapter';
import { AuditEntryPostResolver, PostMessagesResolver } from './post-messages.resolver';
import { PostReviewResolver, QueueItemPostResolver, ReviewPostResolver } from './post-review.resolver';
import { AuthorResolver, PostsResolver } from './posts.resolver';
import { PostsRepository } from './posts.repository';
import { PostsService } from './posts.service';
import { SearchResolver } from './search.resolver';
import { SectionPostsResolver } from './section-posts.resolver';
import { PostGuardian } from './visibility';
import { LivePostReads, LivePostsResolver } from './live.resolver';

/**
 * Posts' data: the repository, and its side of moderation's port (MODERATED_POSTS). The thread
 * cache comes from the app (it is built from the shared thread versions).
 */
@Module({
  providers: [PostsRepository, ModeratedPostsAdapter, { provide: MODERATED_POSTS, useExisting: ModeratedPostsAdapter }],
  exports: [PostsRepository, MODERATED_POSTS],
})
export class PostsDataModule {}

/** Moderation, given posts' side of its port. One object, so the app and PostsModule share one instance. */
export const ModerationWithPosts = ModerationModule.register({ imports: [PostsDataModule] });

/** Posting, replies, reactions, `me`, and the Post fields moderation adds (posts ask moderation; never the reverse). */
@Module({
  imports: [ArticlesModule, AuthorsModule, PostsDataModule, ModerationWithPosts],
  providers: [
    PostGuardian,
    PostsService,
    PostsResolver,
    AuthorResolver,
    SectionPostsResolver,
    SearchResolver,
    PostReviewResolver,
    ReviewPostResolver,
    QueueItemPostResolver,
    PostMessagesResolver,
    AuditEntryPostResolver,
    LivePostReads,
    LivePostsResolver,
  ],
  exports: [PostsDataModule],
})
export class PostsModule {}
