import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** A key Steady issued: only a keyed hash of it and its standing (ADR 011). */
@Entity('author_key')
@Check('author_key_standing_check', 'standing >= 0 and standing <= 9')
export class AuthorKeyEntity {
  @PrimaryColumn({ type: 'bytea' }) hash: Buffer;
  @Column({ type: 'smallint', default: 0 }) standing: number;
}
