import { Inject, Injectable } from '@nestjs/common';
import { Db, Tx, type Runner, type Statement } from '../database/db';
import type { AuditConnection, ModerationStatsModel } from './moderation.models';
import type { PostTally } from './moderated-posts.port';
import { PRIORITY } from './decision';

export type AuditActor = 'system' | `moderator:${string}`;

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  postId?: string | null;
  rulesVersion?: string | null;
  reason?: string | null;
  detail?: Record<string, unknown>;
}

/** What the audit log may be narrowed to; every part optional. */
export interface AuditFilter {
  /** `system`, or `moderator:<id>`. */
  actor?: AuditActor | null;
  actions?: string[] | null;
  since?: Date | null;
  /** Exclusive. */
  until?: Date | null;
}

export interface QueueRow {
  id: string;
  postId: string;
  priority: number;
  reasons: string[];
  enqueuedAt: Date;
  firstViewedAt: Date | null;
  /** The e-mail of the moderator whose claim still holds, and until when (null: nobody). */
  claimedBy: string | null;
  claimedUntil: Date | null;
}

/** An open crisis item whose alert is due: nothing about its post. */
export interface DueCrisisAlert {
  id: string;
  enqueuedAt: Date;
  alertsSent: number;
  /** The channels the current round still owes; empty when a round starts afresh. */
  pending: string[];
}

/** A reader's flag as moderators read it: never the reporter's token. */
export interface FlagRow {
  postId: string;
  reason: string;
  note: string | null;
  createdAt: Date | null;
}

export interface NoteRow {
  id: string;
  postId: string;
  body: string;
  author: string;
  createdAt: Date;
}

export interface MessageRow {
  id: string;
  postId: string;
  body: string;
  sentAt: Date;
}

/** The claim columns of a queue row `q`, only while the claim holds. */
const CLAIM_COLUMNS = `(select m.email from moderator m where m.id = q.claimed_by and q.claimed_until > now()) as "claimedBy",
      case when q.claimed_until > now() then q.claimed_until end as "claimedUntil"`;

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
  /** A boolean: the post's latest queue item was a crisis a moderator marked handled (nothing opened since). */
  handled: (postId: string) =>
    `coalesce((select decision = 'HANDLED' from queue_item where post_id = ${postId} order by id desc limit 1), false)`,
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
  /** A decision: a moderator who decides an item has seen it, if nobody had marked it yet. */
  resolve: {
    name: 'queue_resolve',
    text: `update queue_item set resolved_at = now(), decision = $2,
        first_viewed_by = case when first_viewed_at is null then $3::uuid else first_viewed_by end,
        first_viewed_at = coalesce(first_viewed_at, now())
      where post_id = $1 and resolved_at is null`,
  },
  /** Marks open items as opened by a moderator, once: returns the items this call marked first. */
  markSeen: {
    name: 'queue_mark_seen',
    text: `update queue_item set first_viewed_at = now(), first_viewed_by = $1
      where id = any($2::bigint[]) and first_viewed_at is null and resolved_at is null
      returning id::text as id, post_id::text as "postId", priority`,
  },
  /**
   * Open crisis items nobody has opened whose alert is due at $1: the first CRISIS_ALERT_MINUTES
   * ($2, in seconds) after they were queued, later ones when the last round set. $3: the lowest
   * crisis priority, $4: how many.
   */
  dueCrisisAlerts: {
    name: 'queue_due_crisis_alerts',
    text: `select id::text as id, enqueued_at as "enqueuedAt", alerts_sent as "alertsSent", alert_pending as pending
      from queue_item
      where resolved_at is null and first_viewed_at is null and priority >= $3
        and coalesce(next_alert_at, enqueued_at + make_interval(secs => $2)) <= $1
      order by enqueued_at, id
      limit $4`,
  },
  /** A round reached every channel: count it, and when the next is due. */
  alertDelivered: {
    name: 'queue_alert_delivered',
    text: `update queue_item set alerts_sent = alerts_sent + 1, last_alert_at = $2, next_alert_at = $3, alert_pending = '{}'
      where id = $1`,
  },
  /** A round some channels still owe (they failed): the next sweep tries those again. */
  alertOwed: {
    name: 'queue_alert_owed',
    text: `update queue_item set alert_pending = $2 where id = $1`,
  },
  /** Open items, highest priority first, then oldest: $1/$2 the last (priority, id) seen, $3 limit. */
  queuePage: {
    name: 'queue_page',
    text: `select q.id::text as id, q.post_id::text as "postId", q.priority, q.reasons, q.enqueued_at as "enqueuedAt",
        q.first_viewed_at as "firstViewedAt", ${CLAIM_COLUMNS}
      from queue_item q
      where q.resolved_at is null and (q.priority < $1 or (q.priority = $1 and q.id > $2::bigint))
      order by q.priority desc, q.id
      limit $3`,
  },
  /** A post's latest queue item, open or decided: what a live queue event carries. */
  latestItem: {
    name: 'queue_latest_item',
    text: `select q.id::text as id, q.post_id::text as "postId", q.priority, q.reasons, q.enqueued_at as "enqueuedAt",
        q.first_viewed_at as "firstViewedAt", ${CLAIM_COLUMNS}
      from queue_item q where q.post_id = $1::bigint order by q.id desc limit 1`,
  },
  /**
   * $1 post, $2 moderator, $3 seconds: the open item becomes this moderator's for a while, unless
   * another's claim still holds. Returns the row when this moderator now holds it.
   */
  claim: {
    name: 'queue_claim',
    text: `update queue_item set claimed_by = $2::uuid, claimed_until = now() + make_interval(secs => $3)
      where post_id = $1::bigint and resolved_at is null
        and (claimed_by is null or claimed_by = $2::uuid or claimed_until is null or claimed_until <= now())
      returning id::text as id`,
  },
  /** $1 post, $2 moderator: lets go of their own claim. */
  release: {
    name: 'queue_release',
    text: `update queue_item set claimed_by = null, claimed_until = null
      where post_id = $1::bigint and resolved_at is null and claimed_by = $2::uuid returning id::text as id`,
  },
  queueCount: { name: 'queue_count', text: `select count(*)::int as n from queue_item where resolved_at is null` },
  audit: {
    name: 'audit_append',
    text: `insert into audit_log (actor, action, post_id, rules_version, reason, detail) values ($1, $2, $3, $4, $5, $6)`,
  },
  /** Newest first, a moderator's actor shown by e-mail: $1 before id, $2 limit; $3..$6 optional filters (actor, actions, since, until). */
  auditPage: {
    name: 'audit_page',
    text: `select a.id::text as id, a.at, coalesce(m.email, a.actor) as actor, a.action, a.post_id::text as "postId",
        a.rules_version as "rulesVersion", a.reason
      from audit_log a left join moderator m on a.actor = 'moderator:' || m.id::text
      where a.id < $1::bigint
        and ($3::text is null or a.actor = $3)
        and ($4::text[] is null or a.action = any($4))
        and ($5::timestamptz is null or a.at >= $5)
        and ($6::timestamptz is null or a.at < $6)
      order by a.id desc limit $2`,
  },
  /** The post's latest queue item was a crisis a moderator marked handled (nothing opened since). */
  handled: { name: 'post_handled', text: `select ${MODERATION_FRAGMENTS.handled('$1')} as handled` },
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
  flagsOf: {
    name: 'flags_of_posts',
    text: `select post_id::text as "postId", reason, note, created_at as "createdAt"
      from flag where post_id = any($1::bigint[]) order by post_id, created_at nulls first, reason`,
  },
  notesOf: {
    name: 'queue_notes_of_posts',
    text: `select n.id::text as id, n.post_id::text as "postId", n.body, m.email as author, n.created_at as "createdAt"
      from queue_note n join moderator m on m.id = n.moderator_id
      where n.post_id = any($1::bigint[]) order by n.post_id, n.id`,
  },
  addNote: {
    name: 'queue_note_add',
    text: `insert into queue_note (post_id, moderator_id, body) values ($1, $2, $3)
      returning id::text as id, post_id::text as "postId", body, created_at as "createdAt"`,
  },
  messagesOf: {
    name: 'author_messages_of_posts',
    text: `select id::text as id, post_id::text as "postId", body, created_at as "sentAt"
      from author_message where post_id = any($1::bigint[]) order by post_id, id`,
  },
  addMessage: {
    name: 'author_message_add',
    text: `insert into author_message (post_id, body) values ($1, $2)
      returning id::text as id, post_id::text as "postId", body, created_at as "sentAt"`,
  },
  openItem: {
    name: 'queue_open_item',
    text: `select id::text as id, post_id::text as "postId", priority, reasons, enqueued_at as "enqueuedAt"
      from queue_item where post_id = $1 and resolved_at is null`,
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
        from queue_item where resolved_at is not null) as "medianMinutesToReview",
      (select round((percentile_cont(0.5) within group (order by extract(epoch from first_viewed_at - enqueued_at)) / 60)::numeric, 1)::float8
        from queue_item where first_viewed_at is not null and priority >= ${PRIORITY.CRISIS}) as "crisisMedianMinutesToFirstView",
      (select round((percentile_cont(0.9) within group (order by extract(epoch from first_viewed_at - enqueued_at)) / 60)::numeric, 1)::float8
        from queue_item where first_viewed_at is not null and priority >= ${PRIORITY.CRISIS}) as "crisisP90MinutesToFirstView",
      (select count(*) from queue_item where first_viewed_at is null and resolved_at is null and priority >= ${PRIORITY.CRISIS})::int
        as "crisisUnseen"`,
  },
} satisfies Record<string, Statement>;

/** Moderation's SQL, in one place: queue, flags, bans, nudges and the append-only audit log. */
@Injectable()
export class ModerationRepository {
  constructor(@Inject(Db) private readonly db: Db) {}

  async enqueue(tx: Tx, postId: string, priority: number, reasons: string[]): Promise<void> {
    await tx.query(SQL.enqueue, [postId, priority, reasons]);
  }

  async resolve(tx: Tx, postId: string, decision: 'APPROVE' | 'REJECT' | 'HANDLED', moderatorId: string): Promise<void> {
    await tx.query(SQL.resolve, [postId, decision, moderatorId]);
  }

  /** The items of `itemIds` this call marked as first opened (by `moderatorId`); already-opened ones are left as they were. */
  markSeen(tx: Runner, moderatorId: string, itemIds: string[]): Promise<{ id: string; postId: string; priority: number }[]> {
    return tx.query(SQL.markSeen, [moderatorId, itemIds]);
  }

  dueCrisisAlerts(now: Date, afterSeconds: number, limit: number): Promise<DueCrisisAlert[]> {
    return this.db.query<DueCrisisAlert>(SQL.dueCrisisAlerts, [now, afterSeconds, PRIORITY.CRISIS, limit]);
  }

  async alertDelivered(itemId: string, sentAt: Date, nextAt: Date): Promise<void> {
    await this.db.query(SQL.alertDelivered, [itemId, sentAt, nextAt]);
  }

  async alertOwed(itemId: string, channels: string[]): Promise<void> {
    await this.db.query(SQL.alertOwed, [itemId, channels]);
  }

  /** One more than asked, to know whether a next page exists. */
  queuePage(after: { priority: number; id: string }, first: number): Promise<QueueRow[]> {
    return this.db.query<QueueRow>(SQL.queuePage, [after.priority, after.id, first + 1]);
  }

  /** True when this moderator now holds the open item of the post. */
  async claim(postId: string, moderatorId: string, seconds: number): Promise<boolean> {
    return (await this.db.query(SQL.claim, [postId, moderatorId, seconds])).length > 0;
  }

  async release(postId: string, moderatorId: string): Promise<boolean> {
    return (await this.db.query(SQL.release, [postId, moderatorId])).length > 0;
  }

  async latestItem(postId: string): Promise<QueueRow | null> {
    return (await this.db.query<QueueRow>(SQL.latestItem, [postId]))[0] ?? null;
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

  async auditPage(before: string | null, first: number, filter: AuditFilter = {}): Promise<AuditConnection> {
    const rows = await this.db.query<AuditConnection['entries'][number]>(SQL.auditPage, [
      before ?? MAX_ID,
      first + 1,
      filter.actor ?? null,
      filter.actions?.length ? filter.actions : null,
      filter.since ?? null,
      filter.until ?? null,
    ]);
    const entries = rows.slice(0, first);
    return { entries, pageInfo: { hasNextPage: rows.length > first, endCursor: entries.at(-1)?.id ?? null } };
  }

  /** Whether a moderator marked this post's latest queue item handled (a crisis looked after). */
  async handled(postId: string): Promise<boolean> {
    const [row] = await this.db.query<{ handled: boolean }>(SQL.handled, [postId]);
    return row.handled;
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

  async openItem(postId: string): Promise<QueueRow | null> {
    return (await this.db.query<QueueRow>(SQL.openItem, [postId]))[0] ?? null;
  }

  flagsOf(postIds: readonly string[]): Promise<FlagRow[]> {
    return postIds.length ? this.db.query<FlagRow>(SQL.flagsOf, [postIds]) : Promise.resolve([]);
  }

  notesOf(postIds: readonly string[]): Promise<NoteRow[]> {
    return postIds.length ? this.db.query<NoteRow>(SQL.notesOf, [postIds]) : Promise.resolve([]);
  }

  async addNote(tx: Tx, postId: string, moderatorId: string, body: string): Promise<Omit<NoteRow, 'author'>> {
    return (await tx.query<Omit<NoteRow, 'author'>>(SQL.addNote, [postId, moderatorId, body]))[0];
  }

  messagesOf(postIds: readonly string[]): Promise<MessageRow[]> {
    return postIds.length ? this.db.query<MessageRow>(SQL.messagesOf, [postIds]) : Promise.resolve([]);
  }

  async addMessage(tx: Tx, postId: string, body: string): Promise<MessageRow> {
    return (await tx.query<MessageRow>(SQL.addMessage, [postId, body]))[0];
  }

  async stats(posts: PostTally): Promise<ModerationStatsModel> {
    const [row] = await this.db.query<Omit<ModerationStatsModel, keyof PostTally>>(SQL.stats);
    return { ...posts, ...row };
  }
}
