import { Inject, Injectable } from '@nestjs/common';
import { badInput } from '../common/errors';
import { fitsBigint } from '../common/ids';
import type { AuditConnection } from './moderation.models';
import { ModerationRepository } from './moderation.repository';

/** Reads the append-only audit log (writes go through ModerationRepository.audit). */
@Injectable()
export class AuditLogService {
  constructor(@Inject(ModerationRepository) private readonly repo: ModerationRepository) {}

  page(before: string | null, first: number): Promise<AuditConnection> {
    if (before != null && !fitsBigint(before)) throw badInput('before', 'That page link is not one we recognise.');
    return this.repo.auditPage(before, first);
  }
}
