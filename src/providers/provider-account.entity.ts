import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { WorkspaceEntity } from '../auth/entities/workspace.entity';

/** A workspace's account with one provider plugin: where to call it and its credential (encrypted). */
@Entity({ name: 'provider_accounts' })
@Index('provider_accounts_workspace_name_key', ['workspaceId', 'name'], { unique: true })
@Check('provider_accounts_name_format', `name ~ '^[a-z0-9][a-z0-9-]{0,62}$'`)
export class ProviderAccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'provider_accounts_workspace_id_fkey' })
  workspace?: WorkspaceEntity;

  @Column({ name: 'plugin_id', type: 'text' })
  pluginId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'base_url', type: 'text', nullable: true })
  baseUrl: string | null;

  @Column({ name: 'credential_enc', type: 'text', nullable: true, select: false })
  credentialEnc: string | null;

  /** A masked hint such as `sk-…a1b2`, the only form of the credential any API returns. */
  @Column({ name: 'credential_hint', type: 'text', nullable: true })
  credentialHint: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  config: Record<string, unknown>;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
