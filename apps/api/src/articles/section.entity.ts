import { Check, Column, Entity, ForeignKey, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity('section')
@Unique('section_article_id_slug_key', ['articleId', 'slug'])
@Check('section_post_count_check', 'post_count >= 0')
@Check('section_thread_count_check', 'thread_count >= 0')
export class SectionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey('article', { name: 'section_article_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'article_id', type: 'uuid' })
  articleId: string;
  @Column({ type: 'text' }) slug: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'text' }) markdown: string;
  @Column({ type: 'text' }) html: string;
  /** A section removed from its article's file is hidden, never deleted: its posts are kept. */
  @Column({ type: 'boolean', default: false }) hidden: boolean;
  /** Published top-level posts and replies (maintained on every write). */
  @Column({ name: 'post_count', type: 'int', default: 0 }) postCount: number;
  /** Published top-level posts only: the `totalCount` of `Section.posts`. */
  @Column({ name: 'thread_count', type: 'int', default: 0 }) threadCount: number;
}

/**
 * Part of a section's counts (migration 1796710000000, ADR 026): a post adds to the shard of the
 * connection that writes it, so concurrent posts to one thread do not queue on one row. A count
 * is the section's column plus the sum of its shards; a shard may be negative (a removal), the sum never is.
 */
@Entity('section_count_shard')
export class SectionCountShardEntity {
  @ForeignKey('section', { name: 'section_count_shard_section_id_fkey', onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'section_id', type: 'uuid', primaryKeyConstraintName: 'section_count_shard_pkey' })
  sectionId: string;
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'section_count_shard_pkey' }) shard: number;
  @Column({ name: 'post_count', type: 'int', default: 0 }) postCount: number;
  @Column({ name: 'thread_count', type: 'int', default: 0 }) threadCount: number;
}
