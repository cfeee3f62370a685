import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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

  find(workspaceId: string, id: string): Promise<SsoConnectionEntity | null> {
    return this.repository.findOneBy({ workspaceId, id });
  }

  async create(workspaceId: string, values: SsoConnectionValues): Promise<SsoConnectionEntity> {
    const { identifiers } = await this.repository.insert({ ...values, workspaceId });
    return this.repository.findOneByOrFail({ workspaceId, id: identifiers[0].id as string });
  }

  /** `null` when no such connection is in this workspace. */
  async update(workspaceId: string, id: string, values: SsoConnectionValues): Promise<SsoConnectionEntity | null> {
    if (Object.keys(values).length > 0) await this.repository.update({ workspaceId, id }, values);
    return this.find(workspaceId, id);
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const { affected } = await this.repository.delete({ workspaceId, id });
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
