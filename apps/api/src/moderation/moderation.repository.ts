import { Inject, Injectable } from '@nestjs/common';
import { Db, Tx, type Statement } from '../database/db';

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
  post_id: string;
  priority: number;
  reasons: string[];
  enqueued_at: Date;
}

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
  audit: {
    name: 'audit_append',
    text: `insert into audit_log (actor, action, post_id, rules_version, reason, detail) values ($1, $2, $3, $4, $5, $6)`,
  },
  isBanned: { name: 'ban_check', text: `select exists (select 1 from ban where hash = $1) as banned` },
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
  /** Counts a new flag and returns, with the count, what all the post's flags weigh together. */
  bumpFlags: {
    name: 'flag_bump',
    text: `update post set flag_count = flag_count + 1 where id = $1
      returning flag_count, status, (select coalesce(sum(weight), 0)::int from flag where post_id = $1) as flag_weight`,
  },
} satisfies Record<string, Statement>;

/** SQL of the moderation workflow: queue, flags, bans, nudges and the append-only audit log. */
@Injectable()
export class ModerationRepository {
  constructor(@Inject(Db) private readonly db: Db) {}

  async enqueue(tx: Tx, postId: string, priority: number, reasons: string[]): Promise<void> {
    await tx.query(SQL.enqueue, [postId, priority, reasons]);
  }

  async resolve(tx: Tx, postId: string, decision: 'APPROVE' | 'REJECT'): Promise<void> {
    await tx.query(SQL.resolve, [postId, decision]);
  }

  async audit(tx: Tx | Db, entry: AuditEntry): Promise<void> {
    await tx.query(SQL.audit, [
      entry.actor,
      entry.action,
      entry.postId ?? null,
      entry.rulesVersion ?? null,
      entry.reason ?? null,
      JSON.stringify(entry.detail ?? {}),
    ]);
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

  async bumpFlags(tx: Tx, postId: string): Promise<{ flag_count: number; status: string; flag_weight: number }> {
    const [row] = await tx.query<{ flag_count: number; status: string; flag_weight: number }>(SQL.bumpFlags, [postId]);
    return row;
  }
}
