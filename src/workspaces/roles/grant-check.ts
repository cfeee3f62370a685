import { Injectable } from '@nestjs/common';
import { AuthorizationService } from '../../auth/authz/authorization.service';
import { type Action, isPermission, type Resource } from '../../auth/authz/permissions';
import type { RequestContext } from '../../auth/principal';
import { forbidden } from '../../common/http/problems';

/**
 * Stops privilege escalation through roles: only an owner grants or revokes `owner`, and nobody
 * grants a role (or writes a custom role) carrying a permission they do not hold themselves.
 */
@Injectable()
export class GrantCheck {
  constructor(private readonly authorization: AuthorizationService) {}

  async isOwner(ctx: RequestContext, workspaceId: string): Promise<boolean> {
    const { principal } = ctx;
    if (principal.isSuperadmin && !principal.workspaceId) return true;
    return (await this.authorization.rolesIn(principal, workspaceId)).includes('owner');
  }

  async assertOwner(ctx: RequestContext, workspaceId: string): Promise<void> {
    if (!(await this.isOwner(ctx, workspaceId))) throw forbidden('only an owner may grant or revoke the owner role');
  }

  /** `permissions` as `resource:action`; `*:*` (owner) needs an owner. */
  async assertMayGrant(ctx: RequestContext, workspaceId: string, permissions: readonly string[]): Promise<void> {
    if (permissions.includes('*:*')) return this.assertOwner(ctx, workspaceId);
    const missing = permissions.filter((permission) => {
      if (!isPermission(permission)) return false;
      const [resource, action] = permission.split(':') as [Resource, Action];
      return !this.authorization.can(ctx.principal, workspaceId, resource, action);
    });
    if (missing.length > 0) throw forbidden('you cannot grant permissions you do not hold', { missing });
  }
}
