import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/*
 * The moderation workflow's tables (migration 1764100000003-Moderation and its successors),
 * described exactly: test/entities.spec.ts fails when one differs from the migrated schema.
 * Foreign keys name the post and section tables by name, so this file imports nothing from
 * the features that depend on moderation.
 */

/** A post waiting for (or decided by) a moderator. One open item per post. */
@Entity('queue_item')
@Index('queue_item_open_uq', ['postId'], { unique: true, where: 'resolved_at is null' })
@Index('queue_item_order_idx', ['priority', 'id'], { where: 'resolved_at is null' })
@Check('queue_item_decision_check', `decision in ('APPROVE', 'REJECT')`)
export class QueueItemEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @ForeignKey('post', { name: 'queue_item_post_id_fkey' })
  @Column({ name: 'post_id', type: 'bigint' })
  postId: string;
  @Column({ type: 'int' }) priority: number;
  @Column({ type: 'text', array: true, default: () => `'{}'` }) reasons: string[];
  @Column({ name: 'enqueued_at', type: 'timestamptz', default: () => 'now()' }) enqueuedAt: Date;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt: Date | null;
  @Column({ type: 'text', nullable: true }) decision: 'APPROVE' | 'REJECT' | null;
  /** Who opened it last, and until when their claim holds (migration 1796600400000-QueueClaims). */
  @ForeignKey('moderator', { name: 'queue_item_claimed_by_fkey', onDelete: 'SET NULL' })
  @Column({ name: 'claimed_by', type: 'uuid', nullable: true })
  claimedBy: string | null;
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true }) claimedUntil: Date | null;
}

/** One flag per reader per post; the reader is known only by their per-section token. */
@Entity('flag')
@Check('flag_weight_check', 'weight >= 0')
@Check('flag_reason_check', `reason in ('UNSAFE', 'ATTACK', 'PRESSURE', 'PERSONAL_INFO', 'SPAM', 'DANGER', 'OTHER')`)
export class FlagEntity {
  @ForeignKey('post', { name: 'flag_post_id_fkey' })
  @PrimaryColumn({ name: 'post_id', type: 'bigint' })
  postId: string;
  @PrimaryColumn({ name: 'reporter_token', type: 'bytea' }) reporterToken: Buffer;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  /** What the flag counts toward hiding the post, by the standing of the reader's key (ADR 011). */
  @Column({ type: 'smallint', default: 1 }) weight: number;
}

/** Keyed hashes of banned author keys: cannot be matched against posts without the server secret. */
@Entity('ban')
export class BanEntity {
  @PrimaryColumn({ type: 'bytea' }) hash: Buffer;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

/** What happened after a nudge, without the text and without the author. */
@Entity('nudge')
@Check('nudge_outcome_check', `outcome in ('REPHRASED', 'POSTED_ANYWAY')`)
export class NudgeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey('section', { name: 'nudge_section_id_fkey' })
  @Column({ name: 'section_id', type: 'uuid' })
  sectionId: string;
  @Column({ name: 'rule_ids', type: 'text', array: true }) ruleIds: string[];
  @Column({ name: 'shown_at', type: 'timestamptz', default: () => 'now()' }) shownAt: Date;
  @Column({ type: 'text', nullable: true }) outcome: 'REPHRASED' | 'POSTED_ANYWAY' | null;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt: Date | null;
}

/** Every automatic decision and moderator action. Append-only (a trigger refuses updates and deletes). */
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at: Date;
  @Column({ type: 'text' }) actor: string;
  @Column({ type: 'text' }) action: string;
  /** No foreign key: the log outlives anything it mentions. */
  @Column({ name: 'post_id', type: 'bigint', nullable: true }) postId: string | null;
  @Column({ name: 'rules_version', type: 'text', nullable: true }) rulesVersion: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'jsonb', default: () => `'{}'` }) detail: Record<string, unknown>;
}

export const MODERATION_ENTITIES = [QueueItemEntity, FlagEntity, BanEntity, NudgeEntity, AuditLogEntity];
