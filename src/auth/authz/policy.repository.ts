import type { DataSource, EntityManager } from 'typeorm';
import { publishChange } from '../../common/change-bus/change-bus';
import { CasbinRuleEntity } from '../entities/casbin-rule.entity';
import { BUILTIN_ROLE_PERMISSIONS, BUILTIN_ROLES } from './permissions';

/**
 * The only code that writes casbin rules. Each method runs inside the caller's transaction and
 * publishes a `policies` change, delivered to every process on commit.
 */
export class PolicyRepository {
  /** Makes `subject` (`user:<id>`, `sa:<id>`) hold exactly `role` in the workspace. */
  async setRole(manager: EntityManager, subject: string, workspaceId: string, role: string): Promise<void> {
    await manager.delete(CasbinRuleEntity, { ptype: 'g', v0: subject, v2: workspaceId });
    await manager.insert(CasbinRuleEntity, { ptype: 'g', v0: subject, v1: role, v2: workspaceId });
    await publishChange(manager, { topic: 'policies', workspaceId });
  }

  async removeSubject(manager: EntityManager, subject: string, workspaceId: string): Promise<void> {
    await manager.delete(CasbinRuleEntity, { ptype: 'g', v0: subject, v2: workspaceId });
    await publishChange(manager, { topic: 'policies', workspaceId });
  }

  /** Replaces a custom role's grants (`roleSubject` as from `customRoleSubject`). */
  async setRolePermissions(manager: EntityManager, roleSubject: string, workspaceId: string, permissions: readonly string[]): Promise<void> {
    await manager.delete(CasbinRuleEntity, { ptype: 'p', v0: roleSubject, v1: workspaceId });
    if (permissions.length > 0) {
      await manager.insert(
        CasbinRuleEntity,
        permissions.map((permission) => {
          const [resource, action] = permission.split(':');
          return { ptype: 'p', v0: roleSubject, v1: workspaceId, v2: resource, v3: action };
        }),
      );
    }
    await publishChange(manager, { topic: 'policies', workspaceId });
  }

  /** Removes a custom role: its grants and every membership in it. */
  async removeRole(manager: EntityManager, roleSubject: string, workspaceId: string): Promise<void> {
    await manager.delete(CasbinRuleEntity, { ptype: 'p', v0: roleSubject, v1: workspaceId });
    await manager.delete(CasbinRuleEntity, { ptype: 'g', v1: roleSubject, v2: workspaceId });
    await publishChange(manager, { topic: 'policies', workspaceId });
  }

  /** Writes the built-in roles' grants as the code defines them (at boot, under a lock). */
  async syncBuiltinRoles(dataSource: DataSource): Promise<void> {
    await dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [72_736_112]);
      await manager
        .createQueryBuilder()
        .delete()
        .from(CasbinRuleEntity)
        .where(`ptype = 'p' AND v1 = '*' AND v0 IN (:...roles)`, { roles: [...BUILTIN_ROLES] })
        .execute();
      const rows = BUILTIN_ROLES.flatMap((role) =>
        BUILTIN_ROLE_PERMISSIONS[role].map((permission) => {
          const [resource, action] = permission.split(':');
          return { ptype: 'p', v0: role, v1: '*', v2: resource, v3: action };
        }),
      );
      await manager.insert(CasbinRuleEntity, rows);
      await publishChange(manager, { topic: 'policies' });
    });
  }
}
