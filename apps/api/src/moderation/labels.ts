import { rejectReasons, ruleById } from '@steady/moderation';
import type { Db, Statement } from '../database/db';

/**
 * The moderators' decisions as training labels for the tone engine: what was written, what a
 * moderator decided, and the guideline behind it. Never who wrote it, when, or which post it was.
 */
export interface Label {
  text: string;
  decision: 'approve' | 'reject';
  /** The engine's rule category behind the decision (`danger`, `attack`, …), when one is known. */
  category: string | null;
  ruleId: string | null;
}

interface Row {
  post_id: string;
  decision: 'APPROVE' | 'REJECT';
  body: string;
  hits: Array<{ ruleId?: string }>;
  reasons: string[];
  review_reason: string | null;
}

// The latest decision per post (an author may send a rejected post again), deleted posts left out;
// a crisis item marked HANDLED is no verdict on the words, so it teaches nothing.
const PAGE: Statement = {
  name: 'labels-page',
  text: `select distinct on (q.post_id) q.post_id, q.decision, p.body, p.hits, q.reasons, p.review_reason
           from queue_item q join post p on p.id = q.post_id
          where q.decision in ('APPROVE', 'REJECT') and p.status <> 'DELETED' and q.post_id > $1
          order by q.post_id, q.id desc
          limit $2`,
};

const reasonRules = new Map(rejectReasons().map((r) => [r.id, r.ruleIds[0] ?? null]));

function ruleBehind(row: Row): string | null {
  const candidates = [
    row.decision === 'REJECT' && row.review_reason ? (reasonRules.get(row.review_reason) ?? row.review_reason) : null,
    ...row.hits.map((hit) => hit.ruleId ?? null),
    ...row.reasons,
  ];
  return candidates.find((id): id is string => !!id && !!ruleById(id)) ?? null;
}

export function toLabel(row: Row): Label {
  const ruleId = ruleBehind(row);
  return {
    text: row.body,
    decision: row.decision === 'APPROVE' ? 'approve' : 'reject',
    category: ruleId ? (ruleById(ruleId)?.category ?? null) : null,
    ruleId,
  };
}

/** Every decided queue item, oldest post first, a page at a time (constant memory). */
export async function* decidedLabels(db: Db, pageSize = 500): AsyncGenerator<Label> {
  let after = '0';
  for (;;) {
    const rows = await db.query<Row>(PAGE, [after, pageSize]);
    for (const row of rows) yield toLabel(row);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].post_id;
  }
}
