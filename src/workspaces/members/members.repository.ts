import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PolicyRepository } from '../../auth/authz/policy.repository';
import { CustomRoleEntity } from '../../auth/entities/custom-role.entity';
import { UserEntity } from '../../auth/entities/user.entity';
import { WorkspaceMemberEntity } from '../../auth/entities/workspace-member.entity';
import { userSubject } from '../../auth/principal';

export interface MemberRow {
  userId: string;
  email: string;
  displayName: string;
  role: string;
  disabledAt: Date | null;
  addedAt: Date;
}

const SELECT_MEMBERS = `
  SELECT m.user_id AS "userId", u.email, u.display_name AS "displayName", m.role, u.disabled_at AS "disabledAt", m.created_at AS "addedAt"
  FROM workspace_members m JOIN users u ON u.id = m.user_id
  WHERE m.workspace_id = $1`;

/** The only code that touches `workspace_members`; each write also sets the member's casbin role. */
@Injectable()
export class MembersRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: PolicyRepository,
  ) {}

  /** Runs `work` holding the workspace's row lock, so owner counts cannot race. */
  transaction<T>(workspaceId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT id FROM workspaces WHERE id = $1 FOR UPDATE', [workspaceId]);
      return work(manager);
    });
  }

  list(workspaceId: string): Promise<MemberRow[]> {
    return this.dataSource.query(`${SELECT_MEMBERS} ORDER BY m.created_at, u.email`, [workspaceId]);
  }

  async find(manager: EntityManager, workspaceId: string, userId: string): Promise<MemberRow | null> {
    const rows: MemberRow[] = await manager.query(`${SELECT_MEMBERS} AND m.user_id = $2`, [workspaceId, userId]);
    return rows[0] ?? null;
  }

  findUserByEmail(manager: EntityManager, email: string): Promise<UserEntity | null> {
    return manager.findOneBy(UserEntity, { email });
  }

  findCustomRole(manager: EntityManager, workspaceId: string, name: string): Promise<CustomRoleEntity | null> {
    return manager.findOneBy(CustomRoleEntity, { workspaceId, name });
  }

  countOwners(manager: EntityManager, workspaceId: string): Promise<number> {
    return manager.countBy(WorkspaceMemberEntity, { workspaceId, role: 'owner' });
  }

  async add(manager: EntityManager, workspaceId: string, userId: string, role: string): Promise<void> {
    await manager.insert(WorkspaceMemberEntity, { workspaceId, userId, role });
    await this.policies.setRole(manager, userSubject(userId), workspaceId, role);
  }

  async changeRole(manager: EntityManager, workspaceId: string, userId: string, role: string): Promise<void> {
    await manager.update(WorkspaceMemberEntity, { workspaceId, userId }, { role });
    await this.policies.setRole(manager, userSubject(userId), workspaceId, role);
  }

  async remove(manager: EntityManager, workspaceId: string, userId: string): Promise<void> {
    await manager.delete(WorkspaceMemberEntity, { workspaceId, userId });
    await this.policies.removeSubject(manager, userSubject(userId), workspaceId);
  }
}
