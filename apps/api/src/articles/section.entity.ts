import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ArticleEntity } from './article.entity';

@Entity('section')
@Index(['articleId', 'slug'], { unique: true })
export class SectionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'article_id', type: 'uuid' }) articleId: string;
  @ManyToOne(() => ArticleEntity, (a) => a.sections, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'article_id' })
  article: Relation<ArticleEntity>;
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
