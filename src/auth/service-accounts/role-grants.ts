import { Injectable } from '@nestjs/common';
import { ErrorCode, PorticoError } from '../../common/errors';
import { forbidden } from '../../common/http/problems';
import { AuthorizationService } from '../authz/authorization.service';
import { ACTIONS, BUILTIN_ROLE_PERMISSIONS, isBuiltinRole, isPermission, RESOURCES, type Action, type Permission, type Resource } from '../authz/permissions';
import type { RequestContext } from '../principal';
import { ServiceAccountsRepository } from './service-accounts.repository';

const CUSTOM_PREFIX = 'custom:';
const EVERY_PERMISSION: Permission[] = RESOURCES.flatMap((resource) => ACTIONS.map((action): Permission => `${resource}:${action}`));

/**
 * What a role grants, and the rule that nobody hands out more than they hold: giving a service
 * account a role, or minting / rotating a key that acts as one, needs every permission of that role.
 */
@Injectable()
export class RoleGrants {
  constructor(
    private readonly repository: ServiceAccountsRepository,
    private readonly authorization: AuthorizationService,
  ) {}

  /** The permissions of a built-in role or of `custom:<name>` in this workspace; UNKNOWN_ROLE otherwise. */
  async permissionsOf(workspaceId: string, role: string): Promise<Permission[]> {
    if (isBuiltinRole(role)) {
      const grants = BUILTIN_ROLE_PERMISSIONS[role];
      return grants.includes('*:*') ? EVERY_PERMISSION : (grants as Permission[]);
    }
    const custom = role.startsWith(CUSTOM_PREFIX) ? await this.repository.customRolePermissions(workspaceId, role.slice(CUSTOM_PREFIX.length)) : null;
    if (!custom) {
      throw new PorticoError(ErrorCode.UNKNOWN_ROLE, `unknown role "${role}": use a built-in role or custom:<name> of a role in this workspace`, {
        status: 422,
        details: { role },
      });
    }
    return custom.filter(isPermission);
  }

  async assertCallerHolds(ctx: RequestContext, workspaceId: string, role: string, purpose: string): Promise<void> {
    const missing = (await this.permissionsOf(workspaceId, role)).filter((permission) => {
      const [resource, action] = permission.split(':') as [Resource, Action];
      return !this.authorization.can(ctx.principal, workspaceId, resource, action);
    });
    if (missing.length > 0) {
      throw forbidden(`${purpose} needs every permission of the role "${role}", and you lack some`, { role, missing });
    }
  }
}
