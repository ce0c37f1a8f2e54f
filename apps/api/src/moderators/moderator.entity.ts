import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum ModeratorRole {
  MODERATOR = 'MODERATOR',
  ADMIN = 'ADMIN',
}

/** A moderator account: e-mail (lower-cased, trimmed), argon2id hash, role. Disabled accounts stay, signed out. */
@Entity('moderator')
export class ModeratorEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) email: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash: string;
  @Column({ type: 'text' }) role: ModeratorRole;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt: Date | null;
}

/** A signed-in session: only the SHA-256 of its random token is stored. */
@Entity('moderator_session')
export class ModeratorSessionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'moderator_id', type: 'uuid' }) moderatorId: string;
  @Column({ name: 'token_hash', type: 'bytea', unique: true }) tokenHash: Buffer;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}
