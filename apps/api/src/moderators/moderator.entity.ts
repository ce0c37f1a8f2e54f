import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export enum ModeratorRole {
  MODERATOR = 'MODERATOR',
  ADMIN = 'ADMIN',
}

/** A moderator account: e-mail (lower-cased, trimmed), argon2id hash, role. Disabled accounts stay, signed out. */
@Entity('moderator')
@Unique('moderator_email_key', ['email'])
@Check('moderator_email_check', `email <> '' and email = lower(btrim(email))`)
@Check('moderator_role_check', `role in ('MODERATOR', 'ADMIN')`)
export class ModeratorEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) email: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash: string;
  @Column({ type: 'text' }) role: ModeratorRole;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt: Date | null;
}

/** A signed-in session: only the SHA-256 of its random token is stored. */
@Entity('moderator_session')
@Unique('moderator_session_token_hash_key', ['tokenHash'])
@Check('moderator_session_token_hash_check', 'octet_length(token_hash) = 32')
@Index('moderator_session_moderator_idx', ['moderatorId'], { where: 'revoked_at is null' })
export class ModeratorSessionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey('moderator', { name: 'moderator_session_moderator_id_fkey', onDelete: 'CASCADE' })
  @Column({ name: 'moderator_id', type: 'uuid' })
  moderatorId: string;
  @Column({ name: 'token_hash', type: 'bytea' }) tokenHash: Buffer;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}
