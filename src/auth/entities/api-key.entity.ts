import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { WorkspaceEntity } from './workspace.entity';

export type ApiKeyOwnerType = 'user' | 'service_account' | 'app';

@Entity({ name: 'api_keys' })
@Index('api_keys_public_id_key', ['publicId'], { unique: true })
@Index('api_keys_key_hash_key', ['keyHash'], { unique: true })
@Index('api_keys_workspace_idx', ['workspaceId'])
@Check('api_keys_hash_length', 'octet_length(key_hash) = 32')
@Check('api_keys_owner_type_check', `owner_type IN ('user', 'service_account', 'app')`)
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'api_keys_workspace_id_fkey' })
  workspace?: WorkspaceEntity;

  /** The non-secret part shown in listings (`ptk_<publicId>_…`). */
  @Column({ name: 'public_id', type: 'text' })
  publicId: string;

  /** SHA-256 of the whole key; the key itself is never stored. */
  @Column({ name: 'key_hash', type: 'bytea', select: false })
  keyHash: Buffer;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'owner_type', type: 'text' })
  ownerType: ApiKeyOwnerType;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  scopes: string[];

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  /** Set on the key a rotation created: the key it replaces (which keeps working until its grace ends). */
  @Column({ name: 'rotated_from_id', type: 'uuid', nullable: true })
  rotatedFromId: string | null;

  /** `user:<id>` or `sa:<id>` of whoever created it. */
  @Column({ name: 'created_by', type: 'text', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
