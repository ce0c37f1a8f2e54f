import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { SectionEntity } from './section.entity';

@Entity('article')
export class ArticleEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) slug: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) summary: string;
  @Column({ type: 'timestamptz' }) published: Date;
  /** An article whose file was removed stays, hidden, with its discussions. */
  @Column({ type: 'boolean', default: false }) hidden: boolean;
  @OneToMany(() => SectionEntity, (s) => s.article) sections: Relation<SectionEntity>[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
