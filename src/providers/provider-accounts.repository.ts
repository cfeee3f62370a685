import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, type QueryDeepPartialEntity } from 'typeorm';
import { publishChange } from '../common/change-bus/change-bus';
import { SystemSettingEntity } from '../database/system-setting.entity';
import { ProviderAccountCredentialEntity } from './provider-account-credential.entity';
import { ProviderAccountEntity } from './provider-account.entity';

export type ProviderAccountValues = Pick<ProviderAccountEntity, 'name' | 'pluginId' | 'baseUrl' | 'credentialEnc' | 'credentialHint' | 'config' | 'enabled'>;

/**
 * A row as the snapshot needs it: with the sealed credential and the sealed extra credentials in
 * position order (never leave the process decrypted).
 */
export type SealedProviderAccount = ProviderAccountEntity & { credentialEnc: string | null; extraCredentialsEnc?: readonly string[] };

/** The only code that touches `provider_accounts`. Every write publishes a `provider_accounts` change. */
@Injectable()
export class ProviderAccountsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** Aliases of the routes with a target on this account (`route_targets` restricts its deletion). */
  async routesUsing(manager: EntityManager, accountId: string): Promise<string[]> {
    const rows: { alias: string }[] = await manager.query(
      'SELECT DISTINCT r.alias FROM route_targets t JOIN routes r ON r.id = t.route_id WHERE t.provider_account_id = $1 ORDER BY r.alias',
      [accountId],
    );
    return rows.map((row) => row.alias);
  }

  list(workspaceId: string): Promise<ProviderAccountEntity[]> {
    return this.dataSource.getRepository(ProviderAccountEntity).find({ where: { workspaceId }, order: { name: 'ASC' } });
  }

  find(workspaceId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<ProviderAccountEntity | null> {
    return manager.findOneBy(ProviderAccountEntity, { workspaceId, id });
  }

  findByName(manager: EntityManager, workspaceId: string, name: string): Promise<ProviderAccountEntity | null> {
    return manager.findOneBy(ProviderAccountEntity, { workspaceId, name });
  }

  countInWorkspace(manager: EntityManager, workspaceId: string): Promise<number> {
    return manager.countBy(ProviderAccountEntity, { workspaceId });
  }

  async create(manager: EntityManager, workspaceId: string, values: ProviderAccountValues): Promise<ProviderAccountEntity> {
    const { identifiers } = await manager.insert(ProviderAccountEntity, { workspaceId, ...values } as QueryDeepPartialEntity<ProviderAccountEntity>);
    const id = identifiers[0].id as string;
    await publishChange(manager, { topic: 'provider_accounts', id, workspaceId });
    return (await this.find(workspaceId, id, manager))!;
  }

  async update(manager: EntityManager, workspaceId: string, id: string, values: Partial<ProviderAccountValues>): Promise<ProviderAccountEntity | null> {
    if (Object.keys(values).length > 0) await manager.update(ProviderAccountEntity, { workspaceId, id }, values as QueryDeepPartialEntity<ProviderAccountEntity>);
    await publishChange(manager, { topic: 'provider_accounts', id, workspaceId });
    return this.find(workspaceId, id, manager);
  }

  async delete(manager: EntityManager, workspaceId: string, id: string): Promise<boolean> {
    const { affected } = await manager.delete(ProviderAccountEntity, { workspaceId, id });
    await publishChange(manager, { topic: 'provider_accounts', id, workspaceId });
    return (affected ?? 0) > 0;
  }

  /** Enabled accounts with their sealed credentials, of some workspaces or (no argument) all. */
  async loadEnabled(workspaceIds?: readonly string[]): Promise<SealedProviderAccount[]> {
    const accounts = (await this.dataSource.getRepository(ProviderAccountEntity).find({
      where: { enabled: true, ...(workspaceIds && { workspaceId: In([...workspaceIds]) }) },
      select: { id: true, workspaceId: true, name: true, pluginId: true, baseUrl: true, credentialEnc: true, config: true, enabled: true },
      order: { name: 'ASC' },
    })) as SealedProviderAccount[];
    if (accounts.length === 0) return accounts;
    const extras = await this.dataSource.getRepository(ProviderAccountCredentialEntity).find({
      where: { accountId: In(accounts.map((account) => account.id)) },
      select: { id: true, accountId: true, credentialEnc: true, position: true },
      order: { accountId: 'ASC', position: 'ASC' },
    });
    const byAccount = new Map<string, string[]>();
    for (const extra of extras) byAccount.set(extra.accountId, [...(byAccount.get(extra.accountId) ?? []), extra.credentialEnc]);
    return accounts.map((account) => ({ ...account, extraCredentialsEnc: byAccount.get(account.id) ?? [] }));
  }

  /** Runs `work` under a lock every starting replica contends for (the default binding). */
  withBootstrapLock<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [72_736_301]);
      return work(manager);
    });
  }

  async readSetting(manager: EntityManager, key: string): Promise<unknown> {
    return (await manager.findOneBy(SystemSettingEntity, { key }))?.value;
  }

  async writeSetting(manager: EntityManager, key: string, value: object): Promise<void> {
    await manager.upsert(SystemSettingEntity, { key, value }, ['key']);
  }

  workspaceExists(manager: EntityManager, workspaceId: string): Promise<boolean> {
    return manager.query('SELECT 1 FROM workspaces WHERE id = $1', [workspaceId]).then((rows: unknown[]) => rows.length > 0);
  }
}
