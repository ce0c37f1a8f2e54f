import { Inject, Injectable } from '@nestjs/common';
import { badInput } from '../common/errors';
import { fitsBigint } from '../common/ids';
import type { AuditConnection } from './moderation.models';
import { ModerationRepository, type AuditActor } from './moderation.repository';

export interface AuditLogQuery {
  /** `system`, or a moderator's id. */
  actor?: string | null;
  actions?: string[] | null;
  since?: Date | null;
  until?: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTION = /^[a-z]+(?::[a-z]+)?$/;

/** Reads the append-only audit log (writes go through ModerationRepository.audit). */
@Injectable()
export class AuditLogService {
  constructor(@Inject(ModerationRepository) private readonly repo: ModerationRepository) {}

  page(before: string | null, first: number, query: AuditLogQuery = {}): Promise<AuditConnection> {
    if (before != null && !fitsBigint(before)) throw badInput('before', 'That page link is not one we recognise.');
    let actor: AuditActor | null = null;
    if (query.actor) {
      if (query.actor === 'system') actor = 'system';
      else if (UUID.test(query.actor)) actor = `moderator:${query.actor.toLowerCase()}`;
      else throw badInput('actor', 'Please choose someone from the list: “system”, or a moderator’s id.');
    }
    const actions = query.actions?.filter(Boolean) ?? null;
    if (actions && (actions.length > 50 || actions.some((a) => !ACTION.test(a)))) {
      throw badInput('actions', 'Please choose actions from the list.');
    }
    for (const [field, at] of [
      ['since', query.since],
      ['until', query.until],
    ] as const) {
      if (at && Number.isNaN(at.getTime())) throw badInput(field, 'Please give a real date.');
    }
    if (query.since && query.until && query.since >= query.until) {
      throw badInput('until', 'The end of the range comes before its start: please swap the dates.');
    }
    return this.repo.auditPage(before, first, { actor, actions, since: query.since ?? null, until: query.until ?? null });
  }
}
