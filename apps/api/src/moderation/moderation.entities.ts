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
@Check('queue_item_decision_check', `decision in ('APPROVE', 'REJECT', 'HANDLED')`)
@Check('queue_item_alerts_sent_check', 'alerts_sent >= 0')
export class QueueItemEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @ForeignKey('post', { name: 'queue_item_post_id_fkey' })
  @Column({ name: 'post_id', type: 'bigint' })
  postId: string;
  @Column({ type: 'int' }) priority: number;
  @Column({ type: 'text', array: true, default: () => `'{}'` }) reasons: string[];
  @Column({ name: 'enqueued_at', type: 'timestamptz', default: () => 'now()' }) enqueuedAt: Date;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt: Date | null;
  /** HANDLED: a crisis item a moderator looked after without publishing or rejecting the post. */
  @Column({ type: 'text', nullable: true }) decision: 'APPROVE' | 'REJECT' | 'HANDLED' | null;
  /** When a moderator first opened the item (migration 1796600500000-CrisisAlerts; ADR 021). */
  @Column({ name: 'first_viewed_at', type: 'timestamptz', nullable: true }) firstViewedAt: Date | null;
  @ForeignKey('moderator', { name: 'queue_item_first_viewed_by_fkey', onDelete: 'SET NULL' })
  @Column({ name: 'first_viewed_by', type: 'uuid', nullable: true })
  firstViewedBy: string | null;
  /** Crisis alerts: rounds delivered, the last one, when the next is due, and the channels a round still owes. */
  @Column({ name: 'alerts_sent', type: 'int', default: 0 }) alertsSent: number;
  @Column({ name: 'last_alert_at', type: 'timestamptz', nullable: true }) lastAlertAt: Date | null;
  @Column({ name: 'next_alert_at', type: 'timestamptz', nullable: true }) nextAlertAt: Date | null;
  @Column({ name: 'alert_pending', type: 'text', array: true, default: () => `'{}'` }) alertPending: string[];
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
  /** Null for flags stored before it was kept (migration 1796600100000). */
  @Column({ name: 'created_at', type: 'timestamptz', nullable: true, default: () => 'now()' }) createdAt: Date | null;
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

/** A moderator's internal note on a post in the queue: moderators read it, nobody else. */
@Entity('queue_note')
@Index('queue_note_post_idx', ['postId', 'id'])
export class QueueNoteEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @ForeignKey('post', { name: 'queue_note_post_id_fkey' })
  @Column({ name: 'post_id', type: 'bigint' })
  postId: string;
  @ForeignKey('moderator', { name: 'queue_note_moderator_id_fkey' })
  @Column({ name: 'moderator_id', type: 'uuid' })
  moderatorId: string;
  @Column({ type: 'text' }) body: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

/**
 * A moderator's private word to the author of a post. Tied to the post alone: no moderator and no
 * author here; the author reads it through the post, with their key (ADR 017).
 */
@Entity('author_message')
@Index('author_message_post_idx', ['postId', 'id'])
export class AuthorMessageEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @ForeignKey('post', { name: 'author_message_post_id_fkey' })
  @Column({ name: 'post_id', type: 'bigint' })
  postId: string;
  @Column({ type: 'text' }) body: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

export const MODERATION_ENTITIES = [
  QueueItemEntity,
  FlagEntity,
  BanEntity,
  NudgeEntity,
  AuditLogEntity,
  QueueNoteEntity,
  AuthorMessageEntity,
];
