import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../graphql/context';
import { ModeratorsService } from '../moderators/moderators.service';
import { PostStatus } from './post.entity';
import type { PostRecord } from './post.model';

/**
 * Who may see which post: the one rule (as Discourse's Guardian), asked by every path that hands
 * out a post — `post(id)`, `parent`, `replies`, `Section.posts`, `me`, the moderators' queue, and
 * the subscriptions when they come. No path decides on its own. See docs/decisions/010-….
 *
 *   PUBLISHED            everyone
 *   PENDING, REJECTED    the author (their own key) and moderators; no one else learns it exists
 *   DELETED              everyone, as a placeholder: status DELETED, no body, no html
 *
 * A PENDING edit is a PENDING post: the text waiting for a moderator is the post's text.
 */
export interface Viewer {
  /** The viewer's author token in a section; null without an author key. */
  tokenFor(sectionId: string): Buffer | null;
  /** A signed-in moderator (any role): they read what waits for review. */
  readonly moderator: boolean;
}

export enum Sight {
  NONE = 'NONE',
  PLACEHOLDER = 'PLACEHOLDER',
  FULL = 'FULL',
}

type Judged = Pick<PostRecord, 'status' | 'sectionId' | 'authorToken'>;

export function sightOf(viewer: Viewer, post: Judged): Sight {
  switch (post.status) {
    case PostStatus.PUBLISHED:
      return Sight.FULL;
    case PostStatus.DELETED:
      return Sight.PLACEHOLDER;
    case PostStatus.PENDING:
    case PostStatus.REJECTED:
      return viewer.moderator || isAuthor(viewer, post) ? Sight.FULL : Sight.NONE;
    default:
      // A status added later stays hidden until this rule says otherwise.
      return Sight.NONE;
  }
}

/** The post as this viewer may see it: itself, its placeholder, or null. */
export function seenBy<T extends PostRecord>(viewer: Viewer, post: T | null | undefined): T | null {
  if (!post) return null;
  const sight = sightOf(viewer, post);
  if (sight === Sight.NONE) return null;
  if (sight === Sight.PLACEHOLDER) return { ...post, body: '', html: '', hits: [] };
  return post;
}

function isAuthor(viewer: Viewer, post: Judged): boolean {
  const token = viewer.tokenFor(post.sectionId);
  return token !== null && token.equals(post.authorToken);
}

/**
 * The same rule in SQL, for the statements that list posts (a list cannot fetch everything and
 * filter afterwards: its pages and counts would be wrong). `token` and `moderator` are SQL
 * expressions: the viewer's token in the listed post's section, and whether they moderate.
 * Placeholders are the list's own business (a thread keeps a removed post only while it holds
 * replies), so they are not part of this predicate: see `removedHoldingReplies`.
 * The visibility spec checks this against `sightOf` for every status and every kind of viewer.
 */
export function visibleInSql({ post = 'p', token, moderator }: { post?: string; token: string; moderator: string }): string {
  // `is true`: without a key the token is null, and the predicate must still be false, never null
  // (a null would turn true under a `not`).
  return `(${post}.status = 'PUBLISHED' or (${post}.status in ('PENDING', 'REJECTED') and ((${post}.author_token = ${token}) is true or ${moderator})))`;
}

/**
 * What everyone may see, whoever asks: the rule for a viewer with no key and no session. Search
 * answers with this alone (ADR 019): a person's own held post, or a moderator's view, never
 * turns up among results that others could be shown beside it.
 */
export const PUBLIC_VIEWER: Viewer = { tokenFor: () => null, moderator: false };
export const visibleToEveryoneInSql = (post = 'p') => visibleInSql({ post, token: 'null::bytea', moderator: 'false' });

/** A thread keeps a removed post as a placeholder while it holds replies, so they keep their place. */
export const removedHoldingReplies = (post = 'p') => `(${post}.status = 'DELETED' and ${post}.reply_count > 0)`;

/** A request's viewer. `anonymous`: neither an author key nor a session, so every such reader sees the same (cacheable) answer. */
export interface RequestViewer extends Viewer {
  readonly anonymous: boolean;
}

/** The viewer of a request: its author key and, when it carries a session, whether a moderator signed in. */
@Injectable()
export class PostGuardian {
  private readonly viewers = new WeakMap<object, Promise<RequestViewer>>();

  constructor(@Inject(ModeratorsService) private readonly moderators: ModeratorsService) {}

  /** Once per request; a request without a session token costs no lookup. */
  viewerOf(ctx: Pick<RequestContext, 'req' | 'caller'>): Promise<RequestViewer> {
    let viewer = this.viewers.get(ctx.req);
    if (!viewer) {
      viewer = this.moderators.signedIn(ctx).then((moderator) => ({
        tokenFor: (sectionId: string) => ctx.caller.tokenFor(sectionId),
        moderator: moderator !== null,
        anonymous: moderator === null && !ctx.caller.keyHash,
      }));
      this.viewers.set(ctx.req, viewer);
    }
    return viewer;
  }

  /** The post as this request's viewer may see it, or null. */
  async seen<T extends PostRecord>(ctx: Pick<RequestContext, 'req' | 'caller'>, post: T | null | undefined): Promise<T | null> {
    if (!post) return null;
    // Published posts need no lookup of who asks.
    if (post.status === PostStatus.PUBLISHED) return post;
    return seenBy(await this.viewerOf(ctx), post);
  }
}

/** An author acting on posts (replying, reacting): what their key lets them see, moderation aside. */
export const authorViewer = (caller: Pick<Viewer, 'tokenFor'>): Viewer => ({ tokenFor: (id) => caller.tokenFor(id), moderator: false });
