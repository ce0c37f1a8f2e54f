import DataLoader from 'dataloader';
import type { FastifyReply, FastifyRequest } from 'fastify';
// Type-only: the request's state names what the features put in it, but runs none of their code
// (ADR 014: infrastructure folders never import a feature's code).
import type { ArticleModel, SectionModel } from '../articles/article.model';
import type { SectionCounts } from '../articles/articles.repository';
import type { ArticlesService } from '../articles/articles.service';
import type { Caller } from '../authors/caller';
import type { SignedInModerator } from '../moderators/moderator.model';
import type { PostRecord, ReactionKind } from '../posts/post.model';
import type { PostsRepository } from '../posts/posts.repository';

/**
 * Per-request state: who calls, and the batch loaders that keep a page of posts at a
 * constant number of SQL statements however many posts, replies and reactions it shows.
 */
export interface RequestContext {
  req: FastifyRequest;
  reply: FastifyReply;
  caller: Caller;
  loaders: Loaders;
  /** Set by the `@ModeratorOnly()` guard before a moderator-only resolver runs (null: checked, none). */
  moderator?: SignedInModerator | null;
  /** Set for a subscription over the WebSocket (graphql/live-server.ts); absent over HTTP. */
  live?: LiveControls;
}

/** What a subscription's resolvers may ask of the connection it runs on. */
export interface LiveControls {
  /** Fresh batch loaders before each event: a loader's cache must not outlive the event it served. */
  renew(): void;
  /** The subscriber fell behind: close its connection (it reconnects and reloads). */
  overflow(): void;
  /** Its socket holds more unsent bytes than allowed. */
  slow(): boolean;
  /** Most events one subscription may have waiting. */
  readonly maxQueued: number;
}

export class Loaders {
  readonly article: DataLoader<string, ArticleModel | null>;
  readonly section: DataLoader<string, SectionModel | null>;
  /** A section's counters, read only when a field asks for them (the section itself comes from memory). */
  readonly sectionCounts: DataLoader<string, SectionCounts>;
  readonly post: DataLoader<string, PostRecord | null>;
  readonly reactedByMe: DataLoader<PostRecord, ReadonlySet<ReactionKind>>;
  private readonly replyPages = new Map<string, DataLoader<string, PostRecord[]>>();

  constructor(
    articles: ArticlesService,
    private readonly posts: PostsRepository,
    private readonly caller: Caller,
  ) {
    this.article = new DataLoader(async (ids) => byId(ids, await articles.byIds(ids)));
    this.section = new DataLoader(async (ids) => byId(ids, await articles.sectionsByIds(ids)));
    this.sectionCounts = new DataLoader(async (ids) => {
      const counts = byId(ids, await articles.sectionCounts(ids));
      return ids.map((id, i) => counts[i] ?? { id, postCount: 0, threadCount: 0 });
    });
    this.post = new DataLoader(async (ids) => byId(ids, await posts.byIds(ids)));
    this.reactedByMe = new DataLoader(
      async (batch) => {
        const mine = await posts.reactionsBy(batch.map((p) => ({ postId: p.id, token: caller.tokenFor(p.sectionId)! })));
        return batch.map((p) => mine.get(p.id) ?? new Set());
      },
      { cacheKeyFn: (p) => p.id },
    );
  }

  /**
   * One loader per page shape and section, so that every post's `replies(first, after)` on a
   * page batches into one statement (the section and `moderator` decide which hidden replies the viewer sees).
   */
  replies(sectionId: string, first: number, afterId: string | null, moderator = false): DataLoader<string, PostRecord[]> {
    const key = `${sectionId}:${first}:${afterId ?? ''}:${moderator}`;
    let loader = this.replyPages.get(key);
    if (!loader) {
      const token = this.caller.tokenFor(sectionId);
      loader = new DataLoader((parentIds) => this.posts.replyPages(parentIds, afterId, first, token, moderator));
      this.replyPages.set(key, loader);
    }
    return loader;
  }
}

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}
