import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { customRoleSubject } from '../../auth/authz/permissions';
import { PolicyRepository } from '../../auth/authz/policy.repository';
import { CustomRoleEntity } from '../../auth/entities/custom-role.entity';

/** The only code that touches `custom_roles`; each write also replaces the role's casbin grants. */
@Injectable()
export class RolesRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyRepository,
  ) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  list(workspaceId: string): Promise<CustomRoleEntity[]> {
    return this.dataSource.getRepository(CustomRoleEntity).find({ where: { workspaceId }, order: { name: 'ASC' } });
  }

  /** Locks the row: an update or delete holds it until commit. */
  find(manager: EntityManager, workspaceId: string, id: string): Promise<CustomRoleEntity | null> {
    return manager.getRepository(CustomRoleEntity).findOne({ where: { workspaceId, id }, lock: { mode: 'pessimistic_write' } });
  }

  nameTaken(manager: EntityManager, workspaceId: string, name: string): Promise<boolean> {
    return manager.existsBy(CustomRoleEntity, { workspaceId, name });
  }

  findById(workspaceId: string, id: string): Promise<CustomRoleEntity | null> {
    return this.dataSource.getRepository(CustomRoleEntity).findOneBy({ workspaceId, id });
  }

  async create(manager: EntityManager, values: { workspaceId: string; name: string; description: string; permissions: string[] }): Promise<CustomRoleEntity> {
    const role = await manager.save(manager.create(CustomRoleEntity, values));
    await this.policies.setRolePermissions(manager, customRoleSubject(role.name), values.workspaceId, values.permissions);
    return role;
  }

  async update(manager: EntityManager, role: CustomRoleEntity, values: { description?: string; permissions?: string[] }): Promise<CustomRoleEntity> {
    const saved = await manager.save(CustomRoleEntity, { ...role, ...values });
    if (values.permissions) await this.policies.setRolePermissions(manager, customRoleSubject(role.name), role.workspaceId, values.permissions);
    return saved;
  }

  /** How many members and service accounts hold the role (from the casbin grouping rules). */
  async countHolders(manager: EntityManager, workspaceId: string, name: string): Promise<number> {
    const [{ holders }] = await manager.query(`SELECT count(*)::int AS holders FROM casbin_rule WHERE ptype = 'g' AND v1 = $1 AND v2 = $2`, [
      customRoleSubject(name),
      workspaceId,
    ]);
    return holders;
  }

  async delete(manager: EntityManager, role: CustomRoleEntity): Promise<void> {
    await manager.delete(CustomRoleEntity, { id: role.id, workspaceId: role.workspaceId });
    await this.policies.removeRole(manager, customRoleSubject(role.name), role.workspaceId);
  }
}
