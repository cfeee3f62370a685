import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, type QueryDeepPartialEntity } from 'typeorm';
import { publishChange } from '../common/change-bus/change-bus';
import { SystemSettingEntity } from '../database/system-setting.entity';
import { ProviderAccountEntity } from './provider-account.entity';

export type ProviderAccountValues = Pick<ProviderAccountEntity, 'name' | 'pluginId' | 'baseUrl' | 'credentialEnc' | 'credentialHint' | 'config' | 'enabled'>;

/** A row as the snapshot needs it: with the sealed credential (never leaves the process decrypted). */
export type SealedProviderAccount = ProviderAccountEntity & { credentialEnc: string | null };

/** The only code that touches `provider_accounts`. Every write publishes a `provider_accounts` change. */
@Injectable()
export class ProviderAccountsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
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

  /** Enabled accounts with their sealed credential, of some workspaces or (no argument) all. */
  loadEnabled(workspaceIds?: readonly string[]): Promise<SealedProviderAccount[]> {
    return this.dataSource.getRepository(ProviderAccountEntity).find({
      where: { enabled: true, ...(workspaceIds && { workspaceId: In([...workspaceIds]) }) },
      select: { id: true, workspaceId: true, name: true, pluginId: true, baseUrl: true, credentialEnc: true, config: true, enabled: true },
      order: { name: 'ASC' },
    }) as Promise<SealedProviderAccount[]>;
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
