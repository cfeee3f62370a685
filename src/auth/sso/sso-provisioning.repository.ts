import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CustomRoleEntity } from '../entities/custom-role.entity';
import { UserIdentityEntity } from '../entities/user-identity.entity';
import { UserEntity } from '../entities/user.entity';
import { WorkspaceMemberEntity } from '../entities/workspace-member.entity';
import type { SessionUser } from '../sessions/session-users.repository';

const USER_FIELDS = { id: true, email: true, displayName: true, isSuperadmin: true, disabledAt: true } as const;

/** Users, identities and memberships as SSO sign-in creates and updates them. */
@Injectable()
export class SsoProvisioningRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One transaction per sign-in, serialized per IdP subject so two first logins create one user. */
  transaction<T>(connectionId: string, subject: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`sso:${connectionId}:${subject}`]);
      return work(manager);
    });
  }

  async userByIdentity(manager: EntityManager, connectionId: string, subject: string): Promise<SessionUser | null> {
    const identity = await manager.findOneBy(UserIdentityEntity, { connectionId, subject });
    if (!identity) return null;
    await manager.update(UserIdentityEntity, { id: identity.id }, { lastLoginAt: () => 'now()' });
    return manager.findOne(UserEntity, { where: { id: identity.userId }, select: USER_FIELDS });
  }

  async emailTaken(manager: EntityManager, email: string): Promise<boolean> {
    return manager.existsBy(UserEntity, { email });
  }

  /** A user who signs in only through SSO (no password), linked to the IdP subject. */
  async createUser(manager: EntityManager, connectionId: string, subject: string, profile: { email: string; displayName: string }): Promise<SessionUser> {
    const user = await manager.save(manager.create(UserEntity, { ...profile, passwordHash: null, isSuperadmin: false }));
    await manager.insert(UserIdentityEntity, { userId: user.id, connectionId, subject, lastLoginAt: () => 'now()' });
    return { id: user.id, email: user.email, displayName: user.displayName, isSuperadmin: false, disabledAt: null };
  }

  async currentRole(manager: EntityManager, workspaceId: string, userId: string): Promise<string | null> {
    return (await manager.findOneBy(WorkspaceMemberEntity, { workspaceId, userId }))?.role ?? null;
  }

  async ownerCount(manager: EntityManager, workspaceId: string): Promise<number> {
    return manager.countBy(WorkspaceMemberEntity, { workspaceId, role: 'owner' });
  }

  async setMembership(manager: EntityManager, workspaceId: string, userId: string, role: string): Promise<void> {
    await manager.upsert(WorkspaceMemberEntity, { workspaceId, userId, role }, ['workspaceId', 'userId']);
  }

  async customRoleExists(manager: EntityManager, workspaceId: string, name: string): Promise<boolean> {
    return manager.existsBy(CustomRoleEntity, { workspaceId, name });
  }
}
