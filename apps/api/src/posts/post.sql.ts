import type { Statement } from '../database/db';
import { PostStatus } from './post.entity';
import { PostRecord, ReactionKind, StoredHit } from './post.model';
import { removedHoldingReplies, visibleInSql } from './visibility';

/** Columns every post read selects: counts ride along, so a page is one statement. */
export const POST_COLUMNS = `p.id::text as id, p.section_id, p.parent_id::text as parent_id, p.depth, p.pseudonym, p.body, p.html,
  p.status, p.reply_count, p.support_count, p.hug_count, p.relate_count, p.helpful_count,
  p.created_at, p.edited_at, p.author_token, p.crisis, p.hits, p.rules_version, p.flag_count, p.review_reason, p.reviewed_at`;

/**
 * Shown in a thread: what the viewer may see (the one rule, posts/visibility.ts), and removed posts
 * that still hold replies in place. `$4`: the viewer's token in this section, or null; `$5`: a moderator.
 */
const IN_THREAD = `(${visibleInSql({ token: '$4', moderator: '$5::boolean' })} or ${removedHoldingReplies()})`;

/** `me` reads only the viewer's own posts, so the viewer's token in a post's section is that post's author token. */
const OWN = (post: string) => visibleInSql({ post, token: `${post}.author_token`, moderator: 'false' });

export interface PostRow {
  id: string;
  section_id: string;
  parent_id: string | null;
  depth: number;
  pseudonym: string;
  body: string;
  html: string;
  status: PostStatus;
  reply_count: number;
  support_count: number;
  hug_count: number;
  relate_count: number;
  helpful_count: number;
  created_at: Date;
  edited_at: Date | null;
  author_token: Buffer;
  crisis: boolean;
  hits: StoredHit[];
  rules_version: string | null;
  flag_count: number;
  review_reason: string | null;
  reviewed_at: Date | null;
}

export function toRecord(row: PostRow): PostRecord {
  return {
    id: row.id,
    sectionId: row.section_id,
    parentId: row.parent_id,
    depth: row.depth,
    pseudonym: row.pseudonym,
    body: row.body,
    html: row.html,
    status: row.status,
    replyCount: row.reply_count,
    counts: {
      [ReactionKind.SUPPORT]: row.support_count,
      [ReactionKind.HUG]: row.hug_count,
      [ReactionKind.RELATE]: row.relate_count,
      [ReactionKind.HELPFUL]: row.helpful_count,
    },
    createdAt: row.created_at,
    editedAt: row.edited_at,
    authorToken: row.author_token,
    crisis: row.crisis,
    hits: row.hits,
    rulesVersion: row.rules_version,
    flagCount: row.flag_count,
    reviewReason: row.review_reason,
    reviewedAt: row.reviewed_at,
  };
}

export const SQL = {
  byIds: {
    name: 'post_by_ids',
    text: `select ${POST_COLUMNS} from post p where p.id = any($1::bigint[])`,
  },
  /** $1 section, $2 after id (0 for the first page), $3 limit, $4 the viewer's token or null, $5 a moderator. */
  threadPage: {
    name: 'post_thread_page',
    text: `select ${POST_COLUMNS} from post p
      where p.section_id = $1 and p.parent_id is null and ${IN_THREAD} and p.id > $2
      order by p.id limit $3`,
  },
  /** Replies of many parents (one section) in one statement: $1 parent ids, $2 after id, $3 limit per parent, $4 viewer's token, $5 a moderator. */
  replyPages: {
    name: 'post_reply_pages',
    text: `select r.* from unnest($1::bigint[]) as parent(id)
      cross join lateral (
        select ${POST_COLUMNS} from post p
        where p.parent_id = parent.id and ${IN_THREAD} and p.id > $2
        order by p.id limit $3
      ) r`,
  },
  /** $1 post ids, $2 the caller's token for each post's section (same order). */
  reactionsByMe: {
    name: 'reactions_by_me',
    text: `select r.post_id::text as post_id, r.kind from reaction r
      join unnest($1::bigint[], $2::bytea[]) as mine(post_id, token)
        on r.post_id = mine.post_id and r.author_token = mine.token`,
  },
  pseudonymOf: {
    name: 'section_author_get',
    text: `select pseudonym from section_author where section_id = $1 and author_token = $2`,
  },
  claimPseudonym: {
    name: 'section_author_claim',
    text: `insert into section_author (section_id, author_token, pseudonym) values ($1, $2, $3)
      on conflict do nothing returning pseudonym`,
  },
  /**
   * What the write path needs to know about an author in a section, in one round trip:
   * $1 section, $2 token, $3 ban hash, $4 issued-key hash (standing null: not a key Steady issued).
   */
  authorInSection: {
    name: 'author_in_section',
    text: `select (select pseudonym from section_author where section_id = $1 and author_token = $2) as pseudonym,
      exists (select 1 from ban where hash = $3) as banned,
      (select standing from author_key where hash = $4) as standing`,
  },
  /**
   * The post and everything that follows from it, as one statement (atomic without BEGIN/COMMIT):
   * the row, the section's and the parent's counts when it is published, its queue item when it
   * waits for a moderator, and its audit entry. Returns nothing when the same author already used
   * this idempotency key, and then changes nothing.
   *   $1 section, $2 parent, $3 depth, $4 token, $5 sealed ref, $6 pseudonym, $7 body, $8 html,
   *   $9 status, $10 idempotency key, $11 crisis, $12 hits, $13 rules version,
   *   $14 queue priority (null: no queue item), $15 queue reasons, $16 audit action, $17 audit reason
   */
  insert: {
    name: 'post_insert',
    text: `with p as (
        insert into post (section_id, parent_id, depth, author_token, author_ref, pseudonym, body, html, status, idempotency_key,
          crisis, hits, rules_version)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
        on conflict (author_token, idempotency_key) where idempotency_key is not null do nothing
        returning *
      ), counted as (
        update section set post_count = post_count + 1,
          thread_count = thread_count + case when $2::bigint is null then 1 else 0 end
        where id = $1 and exists (select 1 from p where p.status = 'PUBLISHED')
      ), replied as (
        update post set reply_count = reply_count + 1
        where id = $2::bigint and exists (select 1 from p where p.status = 'PUBLISHED')
      ), queued as (
        insert into queue_item (post_id, priority, reasons) select p.id, $14::int, $15::text[] from p where $14::int is not null
      ), audited as (
        insert into audit_log (actor, action, post_id, rules_version, reason) select 'system', $16, p.id, $13, $17 from p
      )
      select ${POST_COLUMNS} from p`,
  },
  byIdempotencyKey: {
    name: 'post_by_idempotency',
    text: `select ${POST_COLUMNS} from post p where p.author_token = $1 and p.idempotency_key = $2`,
  },
  /** Keeps the maintained counts in step: $1 section, $2 parent (or null), $3 +1/-1. */
  adjustCounts: {
    name: 'post_adjust_counts',
    text: `with s as (
        update section set post_count = post_count + $3,
          thread_count = thread_count + case when $2::bigint is null then $3 else 0 end
        where id = $1
      )
      update post set reply_count = reply_count + $3 where id = $2::bigint`,
  },
  /** $4 the new status, $5 crisis, $6 hits, $7 rules version. */
  edit: {
    name: 'post_edit',
    text: `update post set body = $2, html = $3, edited_at = now(), status = $4, crisis = $5, hits = $6, rules_version = $7
      where id = $1 and status <> 'DELETED'
      returning ${POST_COLUMNS.replace(/p\./g, '')}`,
  },
  softDelete: {
    name: 'post_delete',
    text: `update post set status = 'DELETED', body = '', html = '', hits = '[]' where id = $1 and status <> 'DELETED'
      returning ${POST_COLUMNS.replace(/p\./g, '')}`,
  },
  /** Toggles one reaction atomically and returns the post: $1 post, $2 token, $3 kind. */
  toggleReaction: {
    name: 'reaction_toggle',
    text: `with removed as (
        delete from reaction where post_id = $1 and author_token = $2 and kind = $3 returning 1
      ), added as (
        insert into reaction (post_id, author_token, kind)
        select $1, $2, $3 where not exists (select 1 from removed)
        on conflict do nothing returning 1
      )
      update post p set
        support_count = support_count + case when $3 = 'SUPPORT' then (select count(*) from added) - (select count(*) from removed) else 0 end,
        hug_count = hug_count + case when $3 = 'HUG' then (select count(*) from added) - (select count(*) from removed) else 0 end,
        relate_count = relate_count + case when $3 = 'RELATE' then (select count(*) from added) - (select count(*) from removed) else 0 end,
        helpful_count = helpful_count + case when $3 = 'HELPFUL' then (select count(*) from added) - (select count(*) from removed) else 0 end
      where p.id = $1
      returning ${POST_COLUMNS}`,
  },
  /**
   * The caller's own posts, every status but removed, newest first: $1 tokens, $2 before id, $3 limit.
   * One index walk per token (post_author_idx) rather than one backwards walk over every post.
   */
  byAuthor: {
    name: 'post_by_author',
    text: `select x.* from unnest($1::bytea[]) as mine(token)
      cross join lateral (
        select ${POST_COLUMNS} from post p
        where p.author_token = mine.token and ${OWN('p')} and p.id < $2
        order by p.id desc limit $3
      ) x
      order by x.id::bigint desc limit $3`,
  },
  countByAuthor: {
    name: 'post_count_by_author',
    text: `select count(*)::int as n from post p where p.author_token = any($1::bytea[]) and ${OWN('p')}`,
  },
  /**
   * Others' replies to the caller's posts that the caller may see (the caller's token in a reply's
   * section is its parent's author token), newest first: the caller's posts first, then each one's replies.
   */
  repliesToAuthor: {
    name: 'post_replies_to_author',
    text: `select r.* from post mine
      cross join lateral (
        select ${POST_COLUMNS} from post p
        where p.parent_id = mine.id and ${visibleInSql({ token: 'mine.author_token', moderator: 'false' })}
          and not (p.author_token = any($1::bytea[])) and p.id < $2
        order by p.id desc limit $3
      ) r
      where mine.author_token = any($1::bytea[])
      order by r.id::bigint desc limit $3`,
  },
  countRepliesToAuthor: {
    name: 'post_count_replies_to_author',
    text: `select count(*)::int as n from post p join post mine on mine.id = p.parent_id
      where mine.author_token = any($1::bytea[]) and ${visibleInSql({ token: 'mine.author_token', moderator: 'false' })}
        and not (p.author_token = any($1::bytea[]))`,
  },
} satisfies Record<string, Statement>;
