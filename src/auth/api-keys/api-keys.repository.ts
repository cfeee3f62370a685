import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { publishChange } from '../../common/change-bus/change-bus';
import { ApiKeyEntity, type ApiKeyOwnerType } from '../entities/api-key.entity';
import { WorkspaceMemberEntity } from '../entities/workspace-member.entity';
import { isUuid } from '../../common/http/problems';

export interface NewApiKey {
  workspaceId: string;
  publicId: string;
  keyHash: Buffer;
  name: string;
  ownerType: ApiKeyOwnerType;
  ownerId: string;
  scopes: string[];
  expiresAt: Date | null;
  rotatedFromId: string | null;
  createdBy: string;
}

export type ApiKeyPatch = Partial<Pick<ApiKeyEntity, 'name' | 'scopes' | 'expiresAt' | 'revokedAt'>>;

/** The only code that reads or writes API keys; every query is scoped by workspace, and never selects the hash. */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  list(workspaceId: string, filter: { ownerType?: ApiKeyOwnerType; ownerId?: string } = {}): Promise<ApiKeyEntity[]> {
    if (filter.ownerId !== undefined && !isUuid(filter.ownerId)) return Promise.resolve([]);
    return this.dataSource.getRepository(ApiKeyEntity).find({ where: { workspaceId, ...filter }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  /** With a manager, the row is locked until the transaction ends. */
  async find(workspaceId: string, id: string, manager?: EntityManager): Promise<ApiKeyEntity | null> {
    if (!isUuid(id)) return null;
    if (!manager) return this.dataSource.getRepository(ApiKeyEntity).findOneBy({ workspaceId, id });
    return manager.findOne(ApiKeyEntity, { where: { workspaceId, id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(manager: EntityManager, key: NewApiKey): Promise<ApiKeyEntity> {
    const { id } = await manager.save(manager.create(ApiKeyEntity, { ...key, revokedAt: null, lastUsedAt: null }));
    return (await manager.findOneBy(ApiKeyEntity, { workspaceId: key.workspaceId, id }))!;
  }

  async update(manager: EntityManager, workspaceId: string, id: string, patch: ApiKeyPatch): Promise<ApiKeyEntity> {
    await manager.update(ApiKeyEntity, { workspaceId, id }, patch);
    return (await manager.findOneBy(ApiKeyEntity, { workspaceId, id }))!;
  }

  async isMember(workspaceId: string, userId: string): Promise<boolean> {
    return this.dataSource.getRepository(WorkspaceMemberEntity).existsBy({ workspaceId, userId });
  }

  /** Every process reloads this key when the transaction commits. */
  publishChanged(manager: EntityManager, workspaceId: string, id: string): Promise<void> {
    return publishChange(manager, { topic: 'api_keys', id, workspaceId });
  }
}
