import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SsoConnectionEntity } from '../entities/sso-connection.entity';

export type SsoConnectionValues = Partial<
  Pick<SsoConnectionEntity, 'name' | 'issuerUrl' | 'clientId' | 'clientSecretEnc' | 'clientSecretHint' | 'scopes' | 'roleClaim' | 'roleMapping' | 'defaultRole' | 'enabled'>
>;

/** The only code that touches `sso_connections`; every admin query is scoped by workspace. */
@Injectable()
export class SsoConnectionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(SsoConnectionEntity);
  }

  list(workspaceId: string): Promise<SsoConnectionEntity[]> {
    return this.repository.find({ where: { workspaceId }, order: { name: 'ASC' } });
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * With a manager, the row is locked until the transaction ends and comes with its sealed secret
   * (the audit trail masks it, and lists it among the changes when it is replaced).
   */
  find(workspaceId: string, id: string, manager?: EntityManager): Promise<SsoConnectionEntity | null> {
    if (!manager) return this.repository.findOneBy({ workspaceId, id });
    return manager
      .createQueryBuilder(SsoConnectionEntity, 'connection')
      .addSelect('connection.clientSecretEnc')
      .where('connection.workspaceId = :workspaceId AND connection.id = :id', { workspaceId, id })
      .setLock('pessimistic_write')
      .getOne();
  }

  async create(manager: EntityManager, workspaceId: string, values: SsoConnectionValues): Promise<SsoConnectionEntity> {
    const { identifiers } = await manager.insert(SsoConnectionEntity, { ...values, workspaceId });
    return (await this.find(workspaceId, identifiers[0].id as string, manager))!;
  }

  /** `null` when no such connection is in this workspace. */
  async update(manager: EntityManager, workspaceId: string, id: string, values: SsoConnectionValues): Promise<SsoConnectionEntity | null> {
    if (Object.keys(values).length > 0) await manager.update(SsoConnectionEntity, { workspaceId, id }, values);
    return this.find(workspaceId, id, manager);
  }

  async delete(manager: EntityManager, workspaceId: string, id: string): Promise<boolean> {
    const { affected } = await manager.delete(SsoConnectionEntity, { workspaceId, id });
    return (affected ?? 0) > 0;
  }

  /** For sign-in, which is not workspace-scoped: the connection and its sealed secret. */
  findForLogin(id: string): Promise<SsoConnectionEntity | null> {
    return this.repository.findOne({
      where: { id },
      select: {
        id: true, workspaceId: true, issuerUrl: true, clientId: true, clientSecretEnc: true, scopes: true,
        roleClaim: true, roleMapping: true, defaultRole: true, enabled: true, updatedAt: true,
      },
    });
  }
}
