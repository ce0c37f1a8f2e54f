import { Inject, Injectable } from '@nestjs/common';
import { badInput } from '../common/errors';
import { fitsBigint } from '../common/ids';
import { Db } from '../database/db';
import type { AuditConnection } from './moderation.models';

/** Reads the append-only audit log (writes go through ModerationRepository.audit). */
@Injectable()
export class AuditLogService {
  constructor(@Inject(Db) private readonly db: Db) {}

  async page(before: string | null, first: number): Promise<AuditConnection> {
    if (before != null && !fitsBigint(before)) throw badInput('before', 'That page link is not one we recognise.');
    const rows = await this.db.query<{ id: string; at: Date; actor: string; action: string; post_id: string | null; rules_version: string | null; reason: string | null }>(
      {
        name: 'audit_page',
        text: `select a.id::text as id, a.at, coalesce(m.email, a.actor) as actor, a.action, a.post_id::text as post_id, a.rules_version, a.reason
          from audit_log a left join moderator m on a.actor = 'moderator:' || m.id::text
          where a.id < $1::bigint order by a.id desc limit $2`,
      },
      [before ?? '9223372036854775807', first + 1],
    );
    const entries = rows.slice(0, first).map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      postId: r.post_id,
      rulesVersion: r.rules_version,
      reason: r.reason,
    }));
    return { entries, pageInfo: { hasNextPage: rows.length > first, endCursor: entries.at(-1)?.id ?? null } };
  }
}
