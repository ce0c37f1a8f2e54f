import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { PostStatus } from '../moderation/post-status';
import type { StoredHit } from '../moderation/stored-hit';

export { PostStatus };

/**
 * A post or reply. No column identifies a person: `authorToken` is per section and keyed
 * with the server secret; `authorRef` is sealed (only the server can open it, for bans).
 * The posts repository reads every column listed here (but the two in NOT_READ), so a column
 * added here and in a migration reaches PostRecord with no other edit. test/entities.spec.ts
 * fails when this class and the migrated table differ.
 */
@Entity('post')
@Index('post_thread_idx', ['sectionId', 'id'], { where: 'parent_id is null' })
@Index('post_replies_idx', ['parentId', 'id'])
@Index('post_author_idx', ['authorToken', 'id'])
@Index('post_idempotency_uq', ['authorToken', 'idempotencyKey'], { unique: true, where: 'idempotency_key is not null' })
// GIN over to_tsvector('english', body) where status = 'PUBLISHED' (migration 1796600300000): an
// expression index, which TypeORM can neither describe nor see, so it is named here and never synchronized.
@Index('post_search_idx', { synchronize: false })
@Check('post_status_check', `status in ('PUBLISHED', 'PENDING', 'REJECTED', 'DELETED')`)
@Check('post_reply_count_check', 'reply_count >= 0')
@Check('post_support_count_check', 'support_count >= 0')
@Check('post_hug_count_check', 'hug_count >= 0')
@Check('post_relate_count_check', 'relate_count >= 0')
@Check('post_helpful_count_check', 'helpful_count >= 0')
@Check('post_flag_count_check', 'flag_count >= 0')
export class PostEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @ForeignKey('section', { name: 'post_section_id_fkey' })
  @Column({ name: 'section_id', type: 'uuid' })
  sectionId: string;
  @ForeignKey('post', { name: 'post_parent_id_fkey' })
  @Column({ name: 'parent_id', type: 'bigint', nullable: true })
  parentId: string | null;
  @Column({ type: 'smallint', default: 0 }) depth: number;
  @Column({ name: 'author_token', type: 'bytea' }) authorToken: Buffer;
  @Column({ name: 'author_ref', type: 'bytea' }) authorRef: Buffer;
  @Column({ type: 'text' }) pseudonym: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'text' }) html: string;
  @Column({ type: 'text' }) status: PostStatus;
  /** Published direct replies (maintained on every write). */
  @Column({ name: 'reply_count', type: 'int', default: 0 }) replyCount: number;
  @Column({ name: 'support_count', type: 'int', default: 0 }) supportCount: number;
  @Column({ name: 'hug_count', type: 'int', default: 0 }) hugCount: number;
  @Column({ name: 'relate_count', type: 'int', default: 0 }) relateCount: number;
  @Column({ name: 'helpful_count', type: 'int', default: 0 }) helpfulCount: number;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true }) editedAt: Date | null;
  /** Held as a possible crisis: outranks everything in the queue. */
  @Column({ type: 'boolean', default: false }) crisis: boolean;
  /** The tone rules' hits on the current text (offsets and the rule's words, never an excerpt). */
  @Column({ type: 'jsonb', default: () => `'[]'` }) hits: StoredHit[];
  @Column({ name: 'rules_version', type: 'text', nullable: true }) rulesVersion: string | null;
  @Column({ name: 'flag_count', type: 'int', default: 0 }) flagCount: number;
  /** The reject reason id a moderator chose, shown to the author in kind words. */
  @Column({ name: 'review_reason', type: 'text', nullable: true }) reviewReason: string | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt: Date | null;
}

/** One supportive reaction of one author (per-section token) on one post. */
@Entity('reaction')
@Check('reaction_kind_check', `kind in ('SUPPORT', 'HUG', 'RELATE', 'HELPFUL')`)
export class ReactionEntity {
  @ForeignKey('post', { name: 'reaction_post_id_fkey', onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'post_id', type: 'bigint' })
  postId: string;
  @PrimaryColumn({ name: 'author_token', type: 'bytea' }) authorToken: Buffer;
  @PrimaryColumn({ type: 'text' }) kind: string;
}

/** The pseudonym an author holds in one section; unique per section so two people never share one. */
@Entity('section_author')
@Unique('section_author_section_id_pseudonym_key', ['sectionId', 'pseudonym'])
export class SectionAuthorEntity {
  @ForeignKey('section', { name: 'section_author_section_id_fkey' })
  @PrimaryColumn({ name: 'section_id', type: 'uuid' })
  sectionId: string;
  @PrimaryColumn({ name: 'author_token', type: 'bytea' }) authorToken: Buffer;
  @Column({ type: 'text' }) pseudonym: string;
}
