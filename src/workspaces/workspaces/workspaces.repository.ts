import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PolicyRepository } from '../../auth/authz/policy.repository';
import { UserEntity } from '../../auth/entities/user.entity';
import { WorkspaceMemberEntity } from '../../auth/entities/workspace-member.entity';
import { WorkspaceEntity } from '../../auth/entities/workspace.entity';
import { userSubject } from '../../auth/principal';
import { publishChange } from '../../common/change-bus/change-bus';

export interface WorkspaceRow {
  id: string;
  slug: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  /** The caller's stored role in it (`owner`, `custom:x`), null when they see it only as a superadmin. */
  role: string | null;
}

const COLUMNS = `w.id, w.slug, w.name, w.created_at AS "createdAt", w.updated_at AS "updatedAt"`;

/** The only code that touches `workspaces` (and their members when a workspace is created or deleted). */
@Injectable()
export class WorkspacesRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyRepository,
  ) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Every workspace; `role` is the user's where they are a member. */
  listAll(userId: string | null): Promise<WorkspaceRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS}, m.role FROM workspaces w LEFT JOIN workspace_members m ON m.workspace_id = w.id AND m.user_id = $1 ORDER BY w.created_at, w.slug`,
      [userId],
    );
  }

  listForUser(userId: string): Promise<WorkspaceRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS}, m.role FROM workspaces w JOIN workspace_members m ON m.workspace_id = w.id WHERE m.user_id = $1 ORDER BY w.created_at, w.slug`,
      [userId],
    );
  }

  listForServiceAccount(serviceAccountId: string): Promise<WorkspaceRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS}, s.role FROM workspaces w JOIN service_accounts s ON s.workspace_id = w.id WHERE s.id = $1 AND s.disabled_at IS NULL`,
      [serviceAccountId],
    );
  }

  /** One workspace with the caller's role in it (null when not a member). */
  async findWithRole(id: string, callerKind: 'user' | 'service_account', callerId: string): Promise<WorkspaceRow | null> {
    const role =
      callerKind === 'user'
        ? `(SELECT role FROM workspace_members WHERE workspace_id = w.id AND user_id = $2)`
        : `(SELECT role FROM service_accounts WHERE workspace_id = w.id AND id = $2)`;
    const rows: WorkspaceRow[] = await this.dataSource.query(`SELECT ${COLUMNS}, ${role} AS role FROM workspaces w WHERE w.id = $1`, [id, callerId]);
    return rows[0] ?? null;
  }

  async slugTaken(manager: EntityManager, slug: string, exceptId?: string): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM workspaces WHERE slug = $1 AND id IS DISTINCT FROM $2', [slug, exceptId ?? null]);
    return rows.length > 0;
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<WorkspaceEntity | null> {
    return manager.findOneBy(WorkspaceEntity, { id });
  }

  findUserByEmail(manager: EntityManager, email: string): Promise<UserEntity | null> {
    return manager.findOneBy(UserEntity, { email });
  }

  async create(manager: EntityManager, values: { slug: string; name: string }, ownerUserId: string): Promise<WorkspaceEntity> {
    const workspace = await manager.save(manager.create(WorkspaceEntity, values));
    await manager.insert(WorkspaceMemberEntity, { workspaceId: workspace.id, userId: ownerUserId, role: 'owner' });
    await this.policies.setRole(manager, userSubject(ownerUserId), workspace.id, 'owner');
    await publishChange(manager, { topic: 'workspaces', id: workspace.id, workspaceId: workspace.id });
    return workspace;
  }

  async update(manager: EntityManager, id: string, values: { slug?: string; name?: string }): Promise<WorkspaceEntity | null> {
    if (Object.keys(values).length > 0) await manager.update(WorkspaceEntity, { id }, values);
    await publishChange(manager, { topic: 'workspaces', id, workspaceId: id });
    return manager.findOneBy(WorkspaceEntity, { id });
  }

  /** Serialises deletions so two concurrent ones cannot both pass the "not the last workspace" check. */
  async lockAll(manager: EntityManager): Promise<number> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [72_736_201]);
    return manager.count(WorkspaceEntity);
  }

  /** Deletes the workspace (rows cascade) and every casbin rule of its domain. */
  async delete(manager: EntityManager, id: string): Promise<void> {
    const subjects: { v0: string }[] = await manager.query(`SELECT DISTINCT v0 FROM casbin_rule WHERE ptype = 'g' AND v2 = $1`, [id]);
    for (const { v0 } of subjects) await this.policies.removeSubject(manager, v0, id);
    const roles: { v0: string }[] = await manager.query(`SELECT DISTINCT v0 FROM casbin_rule WHERE ptype = 'p' AND v1 = $1`, [id]);
    for (const { v0 } of roles) await this.policies.removeRole(manager, v0, id);
    await manager.delete(WorkspaceEntity, { id });
    await publishChange(manager, { topic: 'workspaces', id, workspaceId: id });
    await publishChange(manager, { topic: 'provider_accounts', workspaceId: id });
  }
}
