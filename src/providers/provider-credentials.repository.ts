import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { publishChange } from '../common/change-bus/change-bus';
import { ProviderAccountCredentialEntity } from './provider-account-credential.entity';
import { ProviderAccountEntity } from './provider-account.entity';

/** The only code that touches `provider_account_credentials`. Writes publish a `provider_accounts` change. */
@Injectable()
export class ProviderCredentialsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The account, locked until commit so concurrent adds agree on positions. */
  lockAccount(manager: EntityManager, workspaceId: string, accountId: string): Promise<ProviderAccountEntity | null> {
    return manager.findOne(ProviderAccountEntity, { where: { workspaceId, id: accountId }, lock: { mode: 'pessimistic_write' } });
  }

  accountExists(workspaceId: string, accountId: string): Promise<boolean> {
    return this.dataSource.getRepository(ProviderAccountEntity).existsBy({ workspaceId, id: accountId });
  }

  list(accountId: string): Promise<ProviderAccountCredentialEntity[]> {
    return this.dataSource.getRepository(ProviderAccountCredentialEntity).find({ where: { accountId }, order: { position: 'ASC' } });
  }

  find(manager: EntityManager, accountId: string, credentialId: string): Promise<ProviderAccountCredentialEntity | null> {
    return manager.findOneBy(ProviderAccountCredentialEntity, { accountId, id: credentialId });
  }

  async add(manager: EntityManager, workspaceId: string, accountId: string, credentialEnc: string, credentialHint: string): Promise<ProviderAccountCredentialEntity> {
    const [{ next }] = await manager.query('SELECT coalesce(max(position), 0) + 1 AS next FROM provider_account_credentials WHERE account_id = $1', [accountId]);
    const { identifiers } = await manager.insert(ProviderAccountCredentialEntity, { accountId, credentialEnc, credentialHint, position: Number(next) });
    await publishChange(manager, { topic: 'provider_accounts', id: accountId, workspaceId });
    return (await manager.findOneBy(ProviderAccountCredentialEntity, { id: identifiers[0].id as string }))!;
  }

  async delete(manager: EntityManager, workspaceId: string, accountId: string, credentialId: string): Promise<boolean> {
    const { affected } = await manager.delete(ProviderAccountCredentialEntity, { accountId, id: credentialId });
    await publishChange(manager, { topic: 'provider_accounts', id: accountId, workspaceId });
    return (affected ?? 0) > 0;
  }
}
