import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { publishChange } from '../../common/change-bus/change-bus';
import { isUuid } from '../../common/http/problems';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { CustomRoleEntity } from '../entities/custom-role.entity';
import { ServiceAccountEntity } from '../entities/service-account.entity';

export interface NewServiceAccount {
  workspaceId: string;
  name: string;
  description: string;
  role: string;
}

/** The only code that reads or writes service accounts; every query is scoped by workspace. */
@Injectable()
export class ServiceAccountsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  list(workspaceId: string): Promise<ServiceAccountEntity[]> {
    return this.dataSource.getRepository(ServiceAccountEntity).find({ where: { workspaceId }, order: { createdAt: 'ASC', name: 'ASC' } });
  }

  /** With a manager, the row is locked until the transaction ends. */
  async find(workspaceId: string, id: string, manager?: EntityManager): Promise<ServiceAccountEntity | null> {
    if (!isUuid(id)) return null;
    if (!manager) return this.dataSource.getRepository(ServiceAccountEntity).findOneBy({ workspaceId, id });
    return manager.findOne(ServiceAccountEntity, { where: { workspaceId, id }, lock: { mode: 'pessimistic_write' } });
  }

  insert(manager: EntityManager, account: NewServiceAccount): Promise<ServiceAccountEntity> {
    return manager.save(manager.create(ServiceAccountEntity, { ...account, disabledAt: null }));
  }

  async update(manager: EntityManager, workspaceId: string, id: string, patch: Partial<Pick<ServiceAccountEntity, 'description' | 'role' | 'disabledAt'>>): Promise<void> {
    await manager.update(ServiceAccountEntity, { workspaceId, id }, patch);
  }

  /** Removes the account and every key it owns. */
  async delete(manager: EntityManager, workspaceId: string, id: string): Promise<void> {
    await manager.delete(ApiKeyEntity, { workspaceId, ownerType: 'service_account', ownerId: id });
    await manager.delete(ServiceAccountEntity, { workspaceId, id });
  }

  async customRolePermissions(workspaceId: string, name: string): Promise<string[] | null> {
    const role = await this.dataSource.getRepository(CustomRoleEntity).findOneBy({ workspaceId, name });
    return role ? role.permissions : null;
  }

  async keyCounts(workspaceId: string): Promise<Map<string, number>> {
    const rows: Array<{ owner_id: string; count: string }> = await this.dataSource.query(
      `SELECT owner_id, count(*) AS count FROM api_keys
       WHERE workspace_id = $1 AND owner_type = 'service_account' AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
       GROUP BY owner_id`,
      [workspaceId],
    );
    return new Map(rows.map((row) => [row.owner_id, Number(row.count)]));
  }

  /** Every process reloads its key snapshot when this transaction commits. */
  publishKeysChanged(manager: EntityManager, workspaceId: string): Promise<void> {
    return publishChange(manager, { topic: 'api_keys', workspaceId });
  }
}
