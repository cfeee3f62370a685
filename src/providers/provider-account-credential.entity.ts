import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ProviderAccountEntity } from './provider-account.entity';

/**
 * An extra credential of a provider account (beside its primary `credential`), sealed at rest.
 * The data plane rotates to the next one when a key is refused (401) or throttled (429).
 */
@Entity({ name: 'provider_account_credentials' })
@Index('provider_account_credentials_account_position_key', ['accountId', 'position'], { unique: true })
export class ProviderAccountCredentialEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => ProviderAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'provider_account_credentials_account_id_fkey' })
  account?: ProviderAccountEntity;

  @Column({ name: 'credential_enc', type: 'text', select: false })
  credentialEnc: string;

  @Column({ name: 'credential_hint', type: 'text' })
  credentialHint: string;

  @Column({ type: 'integer' })
  position: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
