import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import { ApiKeyRegistry } from '../api-keys/api-key-registry';
import { AuthorizationService } from '../authz/authorization.service';
import { PolicyRepository } from '../authz/policy.repository';
import { conflict, isUniqueViolation, notFound, parseBody } from '../../common/http/problems';
import type { ServiceAccountEntity } from '../entities/service-account.entity';
import { serviceAccountSubject, type RequestContext } from '../principal';
import { RoleGrants } from './role-grants';
import { createServiceAccountSchema, type ServiceAccountDto, updateServiceAccountSchema } from './service-account.dto';
import { ServiceAccountsRepository } from './service-accounts.repository';

/**
 * Service accounts: identities for automation, holding one role in one workspace and owning keys.
 * Disabling one stops its keys on every process at once; deleting it removes its keys and grants.
 */
@Injectable()
export class ServiceAccountsService {
  constructor(
    private readonly repository: ServiceAccountsRepository,
    private readonly policies: PolicyRepository,
    private readonly roles: RoleGrants,
    private readonly registry: ApiKeyRegistry,
    private readonly authorization: AuthorizationService,
    private readonly audit: AuditTrail,
  ) {}

  async create(ctx: RequestContext, workspaceId: string, body: unknown): Promise<ServiceAccountDto> {
    const input = parseBody(createServiceAccountSchema, body);
    await this.roles.assertCallerHolds(ctx, workspaceId, input.role, 'giving a service account a role');
    try {
      const account = await this.repository.transaction(async (manager) => {
        const created = await this.repository.insert(manager, { workspaceId, ...input });
        await this.policies.setRole(manager, serviceAccountSubject(created.id), workspaceId, input.role);
        await this.audit.record(manager, ctx, { action: 'service_account.create', workspaceId, resourceType: 'service_account', resourceId: created.id, after: auditView(created) });
        return created;
      });
      await this.authorization.reload();
      return toDto(account, 0);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`a service account named "${input.name}" already exists in this workspace`, { name: input.name });
      throw error;
    }
  }

  async list(_ctx: RequestContext, workspaceId: string): Promise<ServiceAccountDto[]> {
    const [accounts, counts] = await Promise.all([this.repository.list(workspaceId), this.repository.keyCounts(workspaceId)]);
    return accounts.map((account) => toDto(account, counts.get(account.id) ?? 0));
  }

  async get(_ctx: RequestContext, workspaceId: string, id: string): Promise<ServiceAccountDto> {
    const account = await this.repository.find(workspaceId, id);
    if (!account) throw notFound('service account');
    return toDto(account, (await this.repository.keyCounts(workspaceId)).get(id) ?? 0);
  }

  async update(ctx: RequestContext, workspaceId: string, id: string, body: unknown): Promise<ServiceAccountDto> {
    const patch = parseBody(updateServiceAccountSchema, body);
    if (patch.role !== undefined) await this.roles.assertCallerHolds(ctx, workspaceId, patch.role, 'giving a service account a role');
    await this.repository.transaction(async (manager) => {
      const account = await this.repository.find(workspaceId, id, manager);
      if (!account) throw notFound('service account');
      if (patch.role !== undefined && patch.role !== account.role) {
        // Taking a role away from an account needs the same standing as granting it.
        await this.roles.assertCallerHolds(ctx, workspaceId, account.role, 'changing the role of this service account');
        await this.policies.setRole(manager, serviceAccountSubject(id), workspaceId, patch.role);
      }
      await this.repository.update(manager, workspaceId, id, definedOnly(patch));
      const after = await this.repository.find(workspaceId, id, manager);
      await this.audit.record(manager, ctx, { action: 'service_account.update', workspaceId, resourceType: 'service_account', resourceId: id, before: auditView(account), after: auditView(after!) });
    });
    if (patch.role !== undefined) await this.authorization.reload();
    return this.get(ctx, workspaceId, id);
  }

  setDisabled(ctx: RequestContext, workspaceId: string, id: string, disabled: boolean): Promise<ServiceAccountDto> {
    return this.repository
      .transaction(async (manager) => {
        const account = await this.repository.find(workspaceId, id, manager);
        if (!account) throw notFound('service account');
        if ((account.disabledAt !== null) === disabled) return;
        await this.repository.update(manager, workspaceId, id, { disabledAt: disabled ? new Date() : null });
        await this.repository.publishKeysChanged(manager, workspaceId);
        const after = await this.repository.find(workspaceId, id, manager);
        await this.audit.record(manager, ctx, {
          action: disabled ? 'service_account.disable' : 'service_account.enable',
          workspaceId,
          resourceType: 'service_account',
          resourceId: id,
          before: auditView(account),
          after: auditView(after!),
        });
      })
      .then(() => this.registry.reloadAll())
      .then(() => this.get(ctx, workspaceId, id));
  }

  async delete(ctx: RequestContext, workspaceId: string, id: string): Promise<void> {
    await this.repository.transaction(async (manager) => {
      const account = await this.repository.find(workspaceId, id, manager);
      if (!account) throw notFound('service account');
      await this.roles.assertCallerHolds(ctx, workspaceId, account.role, 'deleting this service account');
      await this.repository.delete(manager, workspaceId, id);
      await this.policies.removeSubject(manager, serviceAccountSubject(id), workspaceId);
      await this.repository.publishKeysChanged(manager, workspaceId);
      await this.audit.record(manager, ctx, { action: 'service_account.delete', workspaceId, resourceType: 'service_account', resourceId: id, before: auditView(account) });
    });
    await Promise.all([this.registry.reloadAll(), this.authorization.reload()]);
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

function auditView(account: ServiceAccountEntity): Omit<ServiceAccountDto, 'activeKeys'> {
  const { activeKeys: _keys, ...view } = toDto(account, 0);
  return view;
}

function toDto(account: ServiceAccountEntity, activeKeys: number): ServiceAccountDto {
  return {
    id: account.id,
    workspaceId: account.workspaceId,
    name: account.name,
    description: account.description,
    role: account.role,
    disabled: account.disabledAt !== null,
    disabledAt: account.disabledAt?.toISOString() ?? null,
    activeKeys,
    createdAt: account.createdAt.toISOString(),
  };
}
