import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

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
