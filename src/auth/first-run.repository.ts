import type { DataSource, EntityManager } from 'typeorm';
import { SystemSettingEntity } from '../database/system-setting.entity';
import { PolicyRepository } from './authz/policy.repository';
import { serviceAccountSubject, userSubject } from './principal';
import { ApiKeyEntity } from './entities/api-key.entity';
import { ServiceAccountEntity } from './entities/service-account.entity';
import { UserEntity } from './entities/user.entity';
import { WorkspaceMemberEntity } from './entities/workspace-member.entity';
import { WorkspaceEntity } from './entities/workspace.entity';

const FIRST_RUN_LOCK_KEY = 72_736_111;

export interface FirstRunRecords {
  workspace: { slug: string; name: string };
  admin: { email: string; displayName: string; passwordHash: string };
  serviceAccount: { name: string; role: string };
  apiKey: { publicId: string; hash: Buffer; name: string; scopes: string[] };
}

export interface FirstRunIds {
  workspaceId: string;
  adminUserId: string;
  serviceAccountId: string;
  apiKeyId: string;
}

/** The only code that touches the database for first-run set-up. */
export class FirstRunRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction holding a lock that every starting replica contends for. */
  withFirstRunLock<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_RUN_LOCK_KEY]);
      return work(manager);
    });
  }

  async isEmpty(manager: EntityManager): Promise<boolean> {
    const [users, workspaces] = await Promise.all([manager.count(UserEntity), manager.count(WorkspaceEntity)]);
    return users === 0 && workspaces === 0;
  }

  async createAll(manager: EntityManager, records: FirstRunRecords): Promise<FirstRunIds> {
    const workspace = await manager.save(manager.create(WorkspaceEntity, records.workspace));
    const admin = await manager.save(manager.create(UserEntity, { ...records.admin, isSuperadmin: true }));
    await manager.save(manager.create(WorkspaceMemberEntity, { workspaceId: workspace.id, userId: admin.id, role: 'owner' }));
    const serviceAccount = await manager.save(manager.create(ServiceAccountEntity, { ...records.serviceAccount, workspaceId: workspace.id }));
    const policies = new PolicyRepository();
    await policies.setRole(manager, userSubject(admin.id), workspace.id, 'owner');
    await policies.setRole(manager, serviceAccountSubject(serviceAccount.id), workspace.id, records.serviceAccount.role);
    const apiKey = await manager.save(
      manager.create(ApiKeyEntity, {
        workspaceId: workspace.id,
        publicId: records.apiKey.publicId,
        keyHash: records.apiKey.hash,
        name: records.apiKey.name,
        ownerType: 'service_account',
        ownerId: serviceAccount.id,
        scopes: records.apiKey.scopes,
        createdBy: 'system',
      }),
    );
    await manager.save(
      manager.create(SystemSettingEntity, { key: 'first_run', value: { completedAt: new Date().toISOString(), workspaceId: workspace.id } }),
    );
    return { workspaceId: workspace.id, adminUserId: admin.id, serviceAccountId: serviceAccount.id, apiKeyId: apiKey.id };
  }

  async readSetting(key: string): Promise<unknown> {
    const row = await this.dataSource.getRepository(SystemSettingEntity).findOneBy({ key });
    return row?.value;
  }

  /** Inserts the setting unless it exists; returns the stored value either way. */
  async insertSettingOnce(key: string, value: unknown): Promise<unknown> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(SystemSettingEntity)
      .values({ key, value: value as object })
      .orIgnore()
      .execute();
    return this.readSetting(key);
  }
}
