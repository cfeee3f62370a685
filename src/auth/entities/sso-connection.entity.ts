import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { WorkspaceEntity } from './workspace.entity';

/** An OIDC identity provider trusted by one workspace. The client secret is stored encrypted. */
@Entity({ name: 'sso_connections' })
@Index('sso_connections_workspace_name_key', ['workspaceId', 'name'], { unique: true })
export class SsoConnectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'sso_connections_workspace_id_fkey' })
  workspace?: WorkspaceEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'issuer_url', type: 'text' })
  issuerUrl: string;

  @Column({ name: 'client_id', type: 'text' })
  clientId: string;

  @Column({ name: 'client_secret_enc', type: 'text', nullable: true, select: false })
  clientSecretEnc: string | null;

  @Column({ name: 'client_secret_hint', type: 'text', nullable: true })
  clientSecretHint: string | null;

  @Column({ type: 'text', default: 'openid email profile' })
  scopes: string;

  @Column({ name: 'role_claim', type: 'text', default: 'groups' })
  roleClaim: string;

  /** Claim value → Portico role, e.g. `{"llm-admins": "admin", "staff": "developer"}`. */
  @Column({ name: 'role_mapping', type: 'jsonb', default: () => "'{}'" })
  roleMapping: Record<string, string>;

  @Column({ name: 'default_role', type: 'text', nullable: true })
  defaultRole: string | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
