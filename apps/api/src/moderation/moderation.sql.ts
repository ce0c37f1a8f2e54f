import type { Statement } from '../database/db';
import { POST_COLUMNS } from '../posts/post.sql';

export const MODERATION_SQL = {
  /** A flagged post leaves public view until a moderator looks. */
  hideForReview: {
    name: 'post_hide_for_review',
    text: `update post set status = 'PENDING' where id = $1 and status = 'PUBLISHED' returning id`,
  },
  /** Open items, highest priority first, then oldest: $1/$2 the last (priority, id) seen, $3 limit. */
  queuePage: {
    name: 'queue_page',
    text: `select q.id::text as queue_id, q.priority, q.reasons, q.enqueued_at, ${POST_COLUMNS}
      from queue_item q join post p on p.id = q.post_id
      where q.resolved_at is null and (q.priority < $1 or (q.priority = $1 and q.id > $2::bigint))
      order by q.priority desc, q.id
      limit $3`,
  },
  queueCount: { name: 'queue_count', text: `select count(*)::int as n from queue_item where resolved_at is null` },
  setReviewed: {
    name: 'post_set_reviewed',
    text: `update post p set status = $2, review_reason = $3, reviewed_at = now() where p.id = $1 returning ${POST_COLUMNS}`,
  },
  authorRef: { name: 'post_author_ref', text: `select author_ref from post where id = $1` },
  stats: {
    name: 'moderation_stats',
    text: `select
      (select count(*) from post where status = 'PUBLISHED')::int as published,
      (select count(*) from post where status = 'PENDING' and not crisis)::int as held,
      (select count(*) from post where crisis)::int as crisis,
      (select count(*) from post where status = 'REJECTED')::int as rejected,
      (select count(*) from flag)::int as flags,
      (select count(*) from nudge)::int as "nudgesShown",
      (select count(*) from nudge where outcome = 'REPHRASED')::int as "nudgesRephrased",
      (select count(*) from nudge where outcome = 'POSTED_ANYWAY')::int as "nudgesPostedAnyway",
      (select count(*) from nudge where outcome is null and shown_at <= now() - interval '30 minutes')::int as "nudgesAbandoned",
      (select round((percentile_cont(0.5) within group (order by extract(epoch from resolved_at - enqueued_at)) / 60)::numeric, 1)::float8
        from queue_item where resolved_at is not null) as "medianMinutesToReview"`,
  },
} satisfies Record<string, Statement>;
