import type { Statement } from '../database/db';
import { entityColumns, selectList } from '../database/entity-columns';
import { MODERATION_FRAGMENTS } from '../moderation/moderation.repository';
import { AUTHOR_KEY_FRAGMENTS } from '../authors/author-keys.repository';
import { SECTION_COUNT_FRAGMENTS } from '../articles/articles.repository';
import { PostEntity } from './post.entity';
import { PostRecord, ReactionKind } from './post.model';
import { removedHoldingReplies, visibleInSql, visibleToEveryoneInSql } from './visibility';

/**
 * Never read with a post: the sealed author reference (opened only to ban, by its own
 * statement) and the idempotency key (matched in SQL, never shown).
 */
export const NOT_READ = ['authorRef', 'idempotencyKey'] as const;

/** A post row as every read returns it: the entity's columns, keyed by property, but NOT_READ. */
export type PostRow = Omit<PostEntity, (typeof NOT_READ)[number]>;

const READ_COLUMNS = entityColumns(PostEntity).filter((c) => !(NOT_READ as readonly string[]).includes(c.property));

/** Columns every post read selects (all of the entity's but NOT_READ): counts ride along, so a page is one statement. */
export const postColumns = (alias?: string) => selectList(READ_COLUMNS, alias);
const POST_COLUMNS = postColumns('p');

/** A reply's parent read along with it (the caller's own post, on "Your posts"), its columns keyed `parent.<property>`. */
export const PARENT_PREFIX = 'parent.';
const PARENT_COLUMNS = selectList(READ_COLUMNS, 'mine', PARENT_PREFIX);

/**
 * Shown in a thread: what the viewer may see (the one rule, posts/visibility.ts), and removed posts
 * that still hold replies in place. `$4`: the viewer's token in this section, or null; `$5`: a moderator.
 */
const IN_THREAD = `(${visibleInSql({ token: '$4', moderator: '$5::boolean' })} or ${removedHoldingReplies()})`;

/** `me` reads only the viewer's own posts, so the viewer's token in a post's section is that post's author token. */
const OWN = (post: string) => visibleInSql({ post, token: `${post}.author_token`, moderator: 'false' });

/**
 * Search (ADR 019). The document is exactly the expression of `post_search_idx` (migration
 * 1796600300000), so the planner can use that index; its `status = 'PUBLISHED'` is what
 * `visibleToEveryoneInSql` folds to.
 */
const DOCUMENT = (post: string) => `to_tsvector('english'::regconfig, ${post}.body)`;
/** In a thread as everyone sees it: published, or a removed post holding replies in place. */
const IN_PUBLIC_THREAD = (post: string) => `(${visibleToEveryoneInSql(post)} or ${removedHoldingReplies(post)})`;
/**
 * Marks around matched words in a snippet: control characters no body keeps (they are taken out
 * of the text first), so the snippet can be escaped whole and only these become <mark>.
 */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';
const MARKS_SQL = 'chr(2) || chr(3)';
const HEADLINE_OPTIONS = `'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=30, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "'`;

/** The row as resolvers see it: every column as read, and the reaction counts by kind. */
export function toRecord(row: PostRow): PostRecord {
  return {
    ...row,
    counts: {
      [ReactionKind.SUPPORT]: row.supportCount,
      [ReactionKind.HUG]: row.hugCount,
      [ReactionKind.RELATE]: row.relateCount,
      [ReactionKind.HELPFUL]: row.helpfulCount,
    },
  };
}

export const SQL = {
  byIds: {
    name: 'post_by_ids',
    text: `select ${POST_COLUMNS} from post p where p.id = any($1::bigint[])`,
  },
  /**
   * $1 section, $2 after id (0 for the first page), $3 limit, $4 the viewer's token or null, $5 a moderator.
   * The section's thread count rides along (`connection.totalCount`), so a page is one statement: one row
   * per post, or one row with a null id when the page is empty (no row at all: no such section).
   */
  threadPage: {
    name: 'post_thread_page_counted',
    text: `select ${SECTION_COUNT_FRAGMENTS.count('s', 'thread_count')} as "sectionThreadCount", page.* from section s
      left join lateral (
        select ${POST_COLUMNS} from post p
        where p.section_id = s.id and p.parent_id is null and ${IN_THREAD} and p.id > $2
        order by p.id limit $3
      ) page on true
      where s.id = $1`,
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
  /**
   * A reader's overlay on the page everyone gets (posts/reader-overlay.ts), in one statement:
   * $1 the ids of the posts the cached page shows, $2 the reader's tokens in the sections it shows.
   * `reactions`: "id:kind" of the reader's reactions on those posts and on their held ones;
   * `mine`: which of those posts the reader wrote; then one row per post of theirs that only
   * they (and moderators) may see in those sections — the one rule of posts/visibility.ts with
   * the reader's own token, so no one else's held post can come back — or one row with a null id.
   * At most $3 such rows.
   */
  readerOverlay: {
    name: 'post_reader_overlay',
    text: `with held as (
        select ${POST_COLUMNS}, ${MODERATION_FRAGMENTS.handled('p.id')} as "overlayHandled" from post p
        where p.author_token = any($2::bytea[]) and p.status in ('PENDING', 'REJECTED')
        order by p.id limit $3
      )
      select array(
          select r.post_id::text || ':' || r.kind from reaction r where r.post_id = any($1::bigint[]) and r.author_token = any($2::bytea[])
          union all
          -- Apart, not with an "or": each half is a probe of reaction's primary key (an "or" read the whole table).
          select r.post_id::text || ':' || r.kind from held h join reaction r on r.post_id = h.id and r.author_token = any($2::bytea[])
        ) as "overlayReactions",
        array(select p.id::text from post p where p.id = any($1::bigint[]) and p.author_token = any($2::bytea[])) as "overlayMine",
        -- Theirs and published after a moderator read it: its author reads so (reviewState).
        array(select p.id::text from post p where p.id = any($1::bigint[]) and p.author_token = any($2::bytea[])
          and p.status = 'PUBLISHED' and p.reviewed_at is not null) as "overlayReviewed",
        held.*
      from (select 1) as one left join held on true
      order by held.id`,
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
      ${MODERATION_FRAGMENTS.isBanned('$3')} as banned,
      ${AUTHOR_KEY_FRAGMENTS.standing('$4')} as standing`,
  },
  /**
   * The post and everything that follows from it, as one statement (atomic without BEGIN/COMMIT):
   * the row, the section's and the parent's counts when it is published, its queue item when it
   * waits for a moderator, and its audit entry. The queue item's and the audit entry's SQL are
   * moderation's (MODERATION_FRAGMENTS): posts only compose them into the one statement. Returns nothing when the same author already used
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
        ${SECTION_COUNT_FRAGMENTS.add({
          section: '$1::uuid',
          posts: '1',
          threads: 'case when $2::bigint is null then 1 else 0 end',
          when: "exists (select 1 from p where p.status = 'PUBLISHED')",
        })}
      ), replied as (
        update post set reply_count = reply_count + 1
        where id = $2::bigint and exists (select 1 from p where p.status = 'PUBLISHED')
      ), queued as (
        ${MODERATION_FRAGMENTS.enqueueNew({ from: 'p', priority: '$14::int', reasons: '$15::text[]' })}
      ), audited as (
        ${MODERATION_FRAGMENTS.auditNew({ from: 'p', action: '$16', rulesVersion: '$13', reason: '$17' })}
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
        ${SECTION_COUNT_FRAGMENTS.add({
          section: '$1::uuid',
          posts: '$3::int',
          threads: 'case when $2::bigint is null then $3::int else 0 end',
          when: 'true',
        })}
      )
      update post set reply_count = reply_count + $3 where id = $2::bigint`,
  },
  /** $4 the new status, $5 crisis, $6 hits, $7 rules version. */
  edit: {
    name: 'post_edit',
    text: `update post set body = $2, html = $3, edited_at = now(), status = $4, crisis = $5, hits = $6, rules_version = $7
      where id = $1 and status <> 'DELETED'
      returning ${postColumns()}`,
  },
  softDelete: {
    name: 'post_delete',
    text: `update post set status = 'DELETED', body = '', html = '', hits = '[]' where id = $1 and status <> 'DELETED'
      returning ${postColumns()}`,
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
  /** What `me` needs to know at once: how many posts the caller has (is `me` anyone?) and how many replies others wrote to them. */
  authorCounts: {
    name: 'post_author_counts',
    text: `select
      (select count(*)::int from post p where p.author_token = any($1::bytea[]) and ${OWN('p')}) as posts,
      (select count(*)::int from post p join post mine on mine.id = p.parent_id
        where mine.author_token = any($1::bytea[]) and ${visibleInSql({ token: 'mine.author_token', moderator: 'false' })}
          and not (p.author_token = any($1::bytea[]))) as "repliesToMe"`,
  },
  /**
   * Others' replies to the caller's posts that the caller may see (the caller's token in a reply's
   * section is its parent's author token), newest first: the caller's posts first, then each one's replies.
   */
  repliesToAuthor: {
    name: 'post_replies_to_author',
    text: `select r.*, ${PARENT_COLUMNS} from post mine
      cross join lateral (
        select ${POST_COLUMNS} from post p
        where p.parent_id = mine.id and ${visibleInSql({ token: 'mine.author_token', moderator: 'false' })}
          and not (p.author_token = any($1::bytea[])) and p.id < $2
        order by p.id desc limit $3
      ) r
      where mine.author_token = any($1::bytea[])
      order by r.id::bigint desc limit $3`,
  },
  /** A reader's flag counted on the post: $1 post. */
  countFlag: {
    name: 'post_count_flag',
    text: `update post set flag_count = flag_count + 1 where id = $1
      returning flag_count as "flagCount", ${MODERATION_FRAGMENTS.flagWeight('$1')} as "flagWeight"`,
  },
  /** A flagged post leaves public view until a moderator looks. */
  hideForReview: {
    name: 'post_hide_for_review',
    text: `update post set status = 'PENDING' where id = $1 and status = 'PUBLISHED' returning id`,
  },
  /** A moderator's decision: $2 the status, $3 the reject reason. */
  setReviewed: {
    name: 'post_set_reviewed',
    text: `update post p set status = $2, review_reason = $3, reviewed_at = now() where p.id = $1 returning ${POST_COLUMNS}`,
  },
  authorRef: { name: 'post_author_ref', text: `select author_ref from post where id = $1` },
  tally: {
    name: 'post_tally',
    text: `select
      (select count(*) from post where status = 'PUBLISHED')::int as published,
      (select count(*) from post where status = 'PENDING' and not crisis)::int as held,
      (select count(*) from post where crisis)::int as crisis,
      (select count(*) from post where status = 'REJECTED')::int as rejected`,
  },
  /**
   * One page of search results, ranked, with everything the page needs, in one statement:
   *   $1 article slug, $2 the words (websearch syntax: never a syntax error), $3 the cursor's rank
   *   (null on the first page), $4 the cursor's post id, $5 limit (one more than the page),
   *   $6 the size of a thread page (to find the page of the thread that shows each hit).
   * A hit is a post everyone may see (the one rule, as for a viewer with no key and no session),
   * in a section the article shows, whose every ancestor the thread shows too (otherwise the link
   * would lead to a thread without it). The first row always comes, with `found` (the article
   * exists) and `total`; its post columns are null when the page is empty. `threadAfter` is the id
   * of the last top-level post before the thread page holding the hit's conversation (null: the
   * first page), counted as everyone sees the thread.
   */
  search: {
    name: 'post_search',
    text: `with query as (
        select websearch_to_tsquery('english'::regconfig, $2) as q
      ), matches as (
        select p.id, anc.root_id, ts_rank_cd(${DOCUMENT('p')}, query.q, 1) as rank
        from query, article a
        join section s on s.article_id = a.id and not s.hidden
        join post p on p.section_id = s.id
        cross join lateral (
          with recursive up(id, parent_id, shown) as (
            select p.id, p.parent_id, true
            union all
            select x.id, x.parent_id, ${IN_PUBLIC_THREAD('x')} from post x join up on x.id = up.parent_id
          )
          select bool_and(up.shown) as shown, min(up.id) filter (where up.parent_id is null) as root_id from up
        ) anc
        where a.slug = $1 and ${DOCUMENT('p')} @@ query.q and ${visibleToEveryoneInSql('p')} and anc.shown
      ), page as (
        select m.* from matches m
        where $3::real is null or (m.rank, m.id) < ($3::real, $4::bigint)
        order by m.rank desc, m.id desc
        limit $5
      ), total as (
        select exists (select 1 from article where slug = $1) as found, (select count(*) from matches)::int as total
      )
      select total.found, total.total, hit.* from total left join lateral (
        select m.rank as "rank", m.rank::text as "rankText", start.id::text as "threadAfter",
          ts_headline('english'::regconfig, translate(p.body, ${MARKS_SQL}, ''), query.q, ${HEADLINE_OPTIONS}) as snippet,
          ${POST_COLUMNS}
        from page m
        join post p on p.id = m.id
        cross join query
        cross join lateral (
          select count(*)::int as before from post c
          where c.section_id = p.section_id and c.parent_id is null and c.id < m.root_id and ${IN_PUBLIC_THREAD('c')}
        ) pos
        left join lateral (
          select t.id from post t
          where t.section_id = p.section_id and t.parent_id is null and t.id < m.root_id and ${IN_PUBLIC_THREAD('t')}
          order by t.id
          offset greatest(pos.before / $6 * $6 - 1, 0) limit 1
        ) start on pos.before >= $6
      ) hit on true
      order by hit.rank desc nulls last, hit.id desc`,
  },
} satisfies Record<string, Statement>;
