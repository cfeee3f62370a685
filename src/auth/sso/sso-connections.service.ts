import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import { ErrorCode, PorticoError } from '../../common/errors';
import { maskSecret, SecretBox } from '../../common/crypto/secret-box';
import type { RequestContext } from '../principal';
import { RoleGrants } from '../service-accounts/role-grants';
import type { SsoConnectionEntity } from '../entities/sso-connection.entity';
import type { CreateSsoConnection, SsoConnectionDto, UpdateSsoConnection } from './sso-connections.dto';
import { SsoConnectionsRepository, type SsoConnectionValues } from './sso-connections.repository';

export const CLIENT_SECRET_PURPOSE = 'sso_connections.client_secret';

/**
 * The admin side of SSO. Mapping a group to a role hands that role to whoever the IdP puts in the
 * group, so the caller must hold every permission of each role they map (the same ceiling as for keys).
 */
@Injectable()
export class SsoConnectionsService {
  constructor(
    private readonly repository: SsoConnectionsRepository,
    private readonly secrets: SecretBox,
    private readonly grants: RoleGrants,
    private readonly audit: AuditTrail,
  ) {}

  async list(context: RequestContext, workspaceId: string): Promise<SsoConnectionDto[]> {
    return (await this.repository.list(workspaceId)).map(toDto);
  }

  async get(context: RequestContext, workspaceId: string, id: string): Promise<SsoConnectionDto> {
    return toDto(await this.require(workspaceId, id));
  }

  async create(context: RequestContext, workspaceId: string, input: CreateSsoConnection): Promise<SsoConnectionDto> {
    await this.assertRoles(context, workspaceId, input);
    const { clientSecret, ...rest } = input;
    const created = await this.unique(() =>
      this.repository.transaction(async (manager) => {
        const connection = await this.repository.create(manager, workspaceId, { ...rest, ...this.sealed(clientSecret ?? null) });
        await this.audit.record(manager, context, { action: 'sso_connection.create', workspaceId, resourceType: 'sso_connection', resourceId: connection.id, after: auditView(connection) });
        return connection;
      }),
    );
    return toDto(created);
  }

  async update(context: RequestContext, workspaceId: string, id: string, input: UpdateSsoConnection): Promise<SsoConnectionDto> {
    await this.require(workspaceId, id);
    await this.assertRoles(context, workspaceId, input);
    const { clientSecret, ...rest } = input;
    const values: SsoConnectionValues = { ...rest, ...(clientSecret === undefined ? {} : this.sealed(clientSecret)) };
    const updated = await this.unique(() =>
      this.repository.transaction(async (manager) => {
        const before = await this.repository.find(workspaceId, id, manager);
        if (!before) throw notFound();
        const after = (await this.repository.update(manager, workspaceId, id, values))!;
        await this.audit.record(manager, context, { action: 'sso_connection.update', workspaceId, resourceType: 'sso_connection', resourceId: id, before: auditView(before), after: auditView(after) });
        return after;
      }),
    );
    return toDto(updated);
  }

  async remove(context: RequestContext, workspaceId: string, id: string): Promise<void> {
    await this.repository.transaction(async (manager) => {
      const before = await this.repository.find(workspaceId, id, manager);
      if (!before || !(await this.repository.delete(manager, workspaceId, id))) throw notFound();
      await this.audit.record(manager, context, { action: 'sso_connection.delete', workspaceId, resourceType: 'sso_connection', resourceId: id, before: auditView(before) });
    });
  }

  private async require(workspaceId: string, id: string): Promise<SsoConnectionEntity> {
    const connection = await this.repository.find(workspaceId, id);
    if (!connection) throw notFound();
    return connection;
  }

  private async assertRoles(context: RequestContext, workspaceId: string, input: UpdateSsoConnection): Promise<void> {
    const roles = new Set([...Object.values(input.roleMapping ?? {}), ...(input.defaultRole ? [input.defaultRole] : [])]);
    for (const role of roles) await this.grants.assertCallerHolds(context, workspaceId, role, `mapping SSO users to "${role}"`);
  }

  private sealed(secret: string | null): Pick<SsoConnectionValues, 'clientSecretEnc' | 'clientSecretHint'> {
    if (secret === null) return { clientSecretEnc: null, clientSecretHint: null };
    return { clientSecretEnc: this.secrets.seal(secret, CLIENT_SECRET_PURPOSE), clientSecretHint: maskSecret(secret) };
  }

  private async unique<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') {
        throw new PorticoError(ErrorCode.CONFLICT, 'an SSO connection with this name already exists in the workspace', { status: 409 });
      }
      throw error;
    }
  }
}

/** The sealed secret goes in too: the trail masks it, and lists `clientSecretEnc` among the changes when it was replaced. */
function auditView(connection: SsoConnectionEntity): SsoConnectionDto & Pick<SsoConnectionEntity, 'clientSecretEnc'> {
  return { ...toDto(connection), clientSecretEnc: connection.clientSecretEnc };
}

function toDto(connection: SsoConnectionEntity): SsoConnectionDto {
  const { workspace: _workspace, clientSecretEnc: _secret, ...fields } = connection;
  return { ...fields, loginPath: `/auth/sso/${connection.id}/authorize` };
}

function notFound(): PorticoError {
  return new PorticoError(ErrorCode.NOT_FOUND, 'SSO connection not found', { status: 404 });
}
