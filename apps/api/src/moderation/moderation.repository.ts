import { Inject, Injectable } from '@nestjs/common';
import { Db, Tx, type Runner, type Statement } from '../database/db';
import type { AuditConnection, ModerationStatsModel } from './moderation.models';
import type { PostTally } from './moderated-posts.port';

export type AuditActor = 'system' | `moderator:${string}`;

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  postId?: string | null;
  rulesVersion?: string | null;
  reason?: string | null;
  detail?: Record<string, unknown>;
}

export interface QueueRow {
  id: string;
  postId: string;
  priority: number;
  reasons: string[];
  enqueuedAt: Date;
}

const MAX_ID = '9223372036854775807';

/**
 * Moderation's SQL that another feature's single statement embeds (posts' one-statement write
 * and its author lookup): the SQL of moderation's tables stays here, posts only compose it.
 * Each takes SQL expressions (parameters, a CTE's name) and returns a statement or expression.
 */
export const MODERATION_FRAGMENTS = {
  /** A boolean: is this ban hash banned? */
  isBanned: (hash: string) => `exists (select 1 from ban where hash = ${hash})`,
  /** Opens a queue item for each new post of the CTE `from` when `priority` is not null. */
  enqueueNew: ({ from, priority, reasons }: { from: string; priority: string; reasons: string }) =>
    `insert into queue_item (post_id, priority, reasons) select ${from}.id, ${priority}, ${reasons} from ${from} where ${priority} is not null`,
  /** The system's audit entry for each new post of the CTE `from`. */
  auditNew: ({ from, action, rulesVersion, reason }: { from: string; action: string; rulesVersion: string; reason: string }) =>
    `insert into audit_log (actor, action, post_id, rules_version, reason) select 'system', ${action}, ${from}.id, ${rulesVersion}, ${reason} from ${from}`,
  /** An int: what all the flags on a post weigh together. */
  flagWeight: (postId: string) => `(select coalesce(sum(weight), 0)::int from flag where post_id = ${postId})`,
};

const SQL = {
  /** Opens a queue item for a post, or raises the open one's priority and adds reasons. */
  enqueue: {
    name: 'queue_enqueue',
    text: `insert into queue_item (post_id, priority, reasons) values ($1, $2, $3)
      on conflict (post_id) where resolved_at is null do update
        set priority = greatest(queue_item.priority, excluded.priority),
            reasons = (select array_agg(distinct r) from unnest(queue_item.reasons || excluded.reasons) r)`,
  },
  resolve: {
    name: 'queue_resolve',
    text: `update queue_item set resolved_at = now(), decision = $2 where post_id = $1 and resolved_at is null`,
  },
  /** Open items, highest priority first, then oldest: $1/$2 the last (priority, id) seen, $3 limit. */
  queuePage: {
    name: 'queue_page',
    text: `select q.id::text as id, q.post_id::text as "postId", q.priority, q.reasons, q.enqueued_at as "enqueuedAt"
      from queue_item q
      where q.resolved_at is null and (q.priority < $1 or (q.priority = $1 and q.id > $2::bigint))
      order by q.priority desc, q.id
      limit $3`,
  },
  queueCount: { name: 'queue_count', text: `select count(*)::int as n from queue_item where resolved_at is null` },
  audit: {
    name: 'audit_append',
    text: `insert into audit_log (actor, action, post_id, rules_version, reason, detail) values ($1, $2, $3, $4, $5, $6)`,
  },
  /** Newest first, a moderator's actor shown by e-mail: $1 before id, $2 limit. */
  auditPage: {
    name: 'audit_page',
    text: `select a.id::text as id, a.at, coalesce(m.email, a.actor) as actor, a.action, a.post_id::text as "postId",
        a.rules_version as "rulesVersion", a.reason
      from audit_log a left join moderator m on a.actor = 'moderator:' || m.id::text
      where a.id < $1::bigint order by a.id desc limit $2`,
  },
  appealed: { name: 'post_appealed', text: `select exists (select 1 from audit_log where action = 'appeal' and post_id = $1) as appealed` },
  isBanned: { name: 'ban_check', text: `select ${MODERATION_FRAGMENTS.isBanned('$1')} as banned` },
  ban: {
    name: 'ban_insert',
    text: `insert into ban (hash, reason) values ($1, $2) on conflict (hash) do nothing`,
  },
  nudgeShown: {
    name: 'nudge_shown',
    text: `insert into nudge (section_id, rule_ids) values ($1, $2) returning id`,
  },
  /** Closes an open nudge once: what the author did after it. */
  nudgeResolved: {
    name: 'nudge_resolved',
    text: `update nudge set outcome = $2, resolved_at = now()
      where id = $1 and outcome is null and shown_at > now() - interval '30 minutes'`,
  },
  addFlag: {
    name: 'flag_add',
    text: `insert into flag (post_id, reporter_token, reason, note, weight) values ($1, $2, $3, $4, $5)
      on conflict do nothing returning reason`,
  },
  /** The moderators' figures from moderation's own tables (the posts' side comes through the port). */
  stats: {
    name: 'moderation_stats',
    text: `select
      (select count(*) from flag)::int as flags,
      (select count(*) from nudge)::int as "nudgesShown",
      (select count(*) from audit_log where action = 'appeal')::int as appeals,
      (select count(*) from nudge where outcome = 'REPHRASED')::int as "nudgesRephrased",
      (select count(*) from nudge where outcome = 'POSTED_ANYWAY')::int as "nudgesPostedAnyway",
      (select count(*) from nudge where outcome is null and shown_at <= now() - interval '30 minutes')::int as "nudgesAbandoned",
      (select round((percentile_cont(0.5) within group (order by extract(epoch from resolved_at - enqueued_at)) / 60)::numeric, 1)::float8
        from queue_item where resolved_at is not null) as "medianMinutesToReview"`,
  },
} satisfies Record<string, Statement>;

/** Moderation's SQL, in one place: queue, flags, bans, nudges and the append-only audit log. */
@Injectable()
export class ModerationRepository {
  constructor(@Inject(Db) private readonly db: Db) {}

  async enqueue(tx: Tx, postId: string, priority: number, reasons: string[]): Promise<void> {
    await tx.query(SQL.enqueue, [postId, priority, reasons]);
  }

  async resolve(tx: Tx, postId: string, decision: 'APPROVE' | 'REJECT'): Promise<void> {
    await tx.query(SQL.resolve, [postId, decision]);
  }

  /** One more than asked, to know whether a next page exists. */
  queuePage(after: { priority: number; id: string }, first: number): Promise<QueueRow[]> {
    return this.db.query<QueueRow>(SQL.queuePage, [after.priority, after.id, first + 1]);
  }

  async queueCount(): Promise<number> {
    return (await this.db.query<{ n: number }>(SQL.queueCount))[0].n;
  }

  async audit(tx: Runner, entry: AuditEntry): Promise<void> {
    await tx.query(SQL.audit, [
      entry.actor,
      entry.action,
      entry.postId ?? null,
      entry.rulesVersion ?? null,
      entry.reason ?? null,
      JSON.stringify(entry.detail ?? {}),
    ]);
  }

  async auditPage(before: string | null, first: number): Promise<AuditConnection> {
    const rows = await this.db.query<AuditConnection['entries'][number]>(SQL.auditPage, [before ?? MAX_ID, first + 1]);
    const entries = rows.slice(0, first);
    return { entries, pageInfo: { hasNextPage: rows.length > first, endCursor: entries.at(-1)?.id ?? null } };
  }

  /** Whether the author of this post already sent it again for review (one appeal per post). */
  async appealed(postId: string): Promise<boolean> {
    const [row] = await this.db.query<{ appealed: boolean }>(SQL.appealed, [postId]);
    return row.appealed;
  }

  async isBanned(hash: Buffer): Promise<boolean> {
    const [row] = await this.db.query<{ banned: boolean }>(SQL.isBanned, [hash]);
    return row.banned;
  }

  async ban(tx: Tx, hash: Buffer, reason: string): Promise<void> {
    await tx.query(SQL.ban, [hash, reason]);
  }

  async nudgeShown(sectionId: string, ruleIds: string[]): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(SQL.nudgeShown, [sectionId, ruleIds]);
    return row.id;
  }

  async nudgeResolved(nudgeId: string, outcome: 'REPHRASED' | 'POSTED_ANYWAY'): Promise<void> {
    await this.db.query(SQL.nudgeResolved, [nudgeId, outcome]);
  }

  /** False when this reader already flagged this post. `weight`: what the flag counts toward hiding it. */
  async addFlag(tx: Tx, postId: string, reporterToken: Buffer, reason: string, note: string | null, weight: number): Promise<boolean> {
    return (await tx.query(SQL.addFlag, [postId, reporterToken, reason, note, weight])).length === 1;
  }

  async stats(posts: PostTally): Promise<ModerationStatsModel> {
    const [row] = await this.db.query<Omit<ModerationStatsModel, keyof PostTally>>(SQL.stats);
    return { ...posts, ...row };
  }
}
