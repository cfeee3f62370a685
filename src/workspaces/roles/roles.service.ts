import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import { BUILTIN_ROLES, isPermission } from '../../auth/authz/permissions';
import type { CustomRoleEntity } from '../../auth/entities/custom-role.entity';
import type { RequestContext } from '../../auth/principal';
import { ErrorCode, PorticoError } from '../../common/errors';
import { conflict, isUniqueViolation, notFound, UUID_PATTERN } from '../../common/http/problems';
import { GrantCheck } from './grant-check';
import type { CreateRoleInput, RoleDto, UpdateRoleInput } from './role.dto';
import { builtinPermissions } from './role-names';
import { RolesRepository } from './roles.repository';

const BUILTIN_DESCRIPTIONS: Record<string, string> = {
  owner: 'Everything, including deleting the workspace and granting owner',
  admin: 'Reads everything, writes everything except the workspace itself and the audit log',
  developer: 'Builds with prompts, prompt APIs, keys and subscriptions',
  approver: 'Reads everything and approves requests',
  viewer: 'Reads everything except the audit log',
};

/**
 * Built-in roles (read-only) and a workspace's custom roles. A custom role that someone holds
 * cannot be deleted (409): reassign its holders first, so nobody silently loses access.
 */
@Injectable()
export class RolesService {
  constructor(
    private readonly repository: RolesRepository,
    private readonly grants: GrantCheck,
    private readonly audit: AuditTrail,
  ) {}

  async list(_ctx: RequestContext, workspaceId: string): Promise<RoleDto[]> {
    const builtin = BUILTIN_ROLES.map((name): RoleDto => ({ id: null, name, kind: 'builtin', description: BUILTIN_DESCRIPTIONS[name], permissions: [...builtinPermissions(name)] }));
    return [...builtin, ...(await this.repository.list(workspaceId)).map(toDto)];
  }

  async get(_ctx: RequestContext, workspaceId: string, roleId: string): Promise<RoleDto> {
    const role = UUID_PATTERN.test(roleId) ? await this.repository.findById(workspaceId, roleId) : null;
    if (!role) throw notFound('role');
    return toDto(role);
  }

  async create(ctx: RequestContext, workspaceId: string, input: CreateRoleInput): Promise<RoleDto> {
    const permissions = validPermissions(input.permissions);
    await this.grants.assertMayGrant(ctx, workspaceId, permissions);
    try {
      return toDto(
        await this.repository.transaction(async (manager) => {
          if (await this.repository.nameTaken(manager, workspaceId, input.name)) throw conflict(`a role named "${input.name}" exists already`);
          const role = await this.repository.create(manager, { workspaceId, name: input.name, description: input.description ?? '', permissions });
          await this.audit.record(manager, ctx, { action: 'role.create', workspaceId, resourceType: 'role', resourceId: role.id, after: toDto(role) });
          return role;
        }),
      );
    } catch (error) {
      throw isUniqueViolation(error) ? conflict(`a role named "${input.name}" exists already`) : error;
    }
  }

  async update(ctx: RequestContext, workspaceId: string, roleId: string, input: UpdateRoleInput): Promise<RoleDto> {
    const permissions = input.permissions && validPermissions(input.permissions);
    if (permissions) await this.grants.assertMayGrant(ctx, workspaceId, permissions);
    return this.repository.transaction(async (manager) => {
      const role = UUID_PATTERN.test(roleId) ? await this.repository.find(manager, workspaceId, roleId) : null;
      if (!role) throw notFound('role');
      const before = toDto(role);
      await this.repository.update(manager, role, { description: input.description, permissions });
      const after = toDto((await this.repository.find(manager, workspaceId, role.id))!);
      await this.audit.record(manager, ctx, { action: 'role.update', workspaceId, resourceType: 'role', resourceId: role.id, before, after });
      return after;
    });
  }

  async delete(ctx: RequestContext, workspaceId: string, roleId: string): Promise<void> {
    await this.repository.transaction(async (manager) => {
      const role = UUID_PATTERN.test(roleId) ? await this.repository.find(manager, workspaceId, roleId) : null;
      if (!role) throw notFound('role');
      const holders = await this.repository.countHolders(manager, workspaceId, role.name);
      if (holders > 0) throw conflict(`the role "${role.name}" is held by ${holders} member(s) or service account(s); reassign them first`, { holders });
      await this.repository.delete(manager, role);
      await this.audit.record(manager, ctx, { action: 'role.delete', workspaceId, resourceType: 'role', resourceId: role.id, before: toDto(role) });
    });
  }
}

/** Deduplicated, sorted permissions; 400 listing every one that is not `resource:action`. */
function validPermissions(permissions: string[]): string[] {
  const invalid = permissions.filter((permission) => !isPermission(permission));
  if (invalid.length > 0) {
    throw new PorticoError(ErrorCode.VALIDATION_FAILED, `unknown permissions: ${invalid.join(', ')}`, {
      status: 400,
      details: { invalidPermissions: invalid, issues: invalid.map((permission) => ({ path: 'permissions', message: `unknown permission "${permission}"` })) },
    });
  }
  return [...new Set(permissions)].sort();
}

function toDto(role: CustomRoleEntity): RoleDto {
  return { id: role.id, name: role.name, kind: 'custom', description: role.description, permissions: role.permissions };
}
