import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum PostStatus {
  PUBLISHED = 'PUBLISHED',
  PENDING = 'PENDING',
  REJECTED = 'REJECTED',
  DELETED = 'DELETED',
}

/**
 * A post or reply. No column identifies a person: `authorToken` is per section and keyed
 * with the server secret; `authorRef` is sealed (only the server can open it, for bans).
 */
@Entity('post')
@Index('post_idempotency_uq', ['authorToken', 'idempotencyKey'], { unique: true, where: 'idempotency_key is not null' })
export class PostEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column({ name: 'section_id', type: 'uuid' }) sectionId: string;
  @Column({ name: 'parent_id', type: 'bigint', nullable: true }) parentId: string | null;
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
}

/** One supportive reaction of one author (per-section token) on one post. */
@Entity('reaction')
export class ReactionEntity {
  @Column({ name: 'post_id', type: 'bigint', primary: true }) postId: string;
  @Column({ name: 'author_token', type: 'bytea', primary: true }) authorToken: Buffer;
  @Column({ type: 'text', primary: true }) kind: string;
}

/** The pseudonym an author holds in one section; unique per section so two people never share one. */
@Entity('section_author')
export class SectionAuthorEntity {
  @Column({ name: 'section_id', type: 'uuid', primary: true }) sectionId: string;
  @Column({ name: 'author_token', type: 'bytea', primary: true }) authorToken: Buffer;
  @Column({ type: 'text' }) pseudonym: string;
}
