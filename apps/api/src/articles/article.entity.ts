import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/** An anchor article (the content import writes it; see articles.repository.ts). Describes the table exactly: test/entities.spec.ts. */
@Entity('article')
@Unique('article_slug_key', ['slug'])
export class ArticleEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) slug: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) summary: string;
  @Column({ type: 'timestamptz' }) published: Date;
  /** An article whose file was removed stays, hidden, with its discussions. */
  @Column({ type: 'boolean', default: false }) hidden: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
