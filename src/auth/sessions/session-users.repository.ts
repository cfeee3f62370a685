import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ServiceAccountEntity } from '../entities/service-account.entity';
import { UserEntity } from '../entities/user.entity';
import { WorkspaceMemberEntity } from '../entities/workspace-member.entity';

/** The account fields a session is built from. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  isSuperadmin: boolean;
  disabledAt: Date | null;
}

export interface MembershipRow {
  id: string;
  slug: string;
  name: string;
  role: string;
}

export interface ServiceAccountWithWorkspace {
  id: string;
  name: string;
  role: string;
  disabledAt: Date | null;
  workspace: MembershipRow;
}

const USER_FIELDS = { id: true, email: true, displayName: true, isSuperadmin: true, disabledAt: true } as const;

/** Reads and writes of `users` (and the memberships `GET /auth/me` lists) for sessions. */
@Injectable()
export class SessionUsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The user with their password hash (null for SSO-only accounts). */
  async findWithPasswordByEmail(email: string): Promise<(SessionUser & { passwordHash: string | null }) | null> {
    return this.dataSource.getRepository(UserEntity).findOne({ where: { email: email.trim().toLowerCase() }, select: { ...USER_FIELDS, passwordHash: true } });
  }

  async findWithPasswordById(id: string): Promise<(SessionUser & { passwordHash: string | null }) | null> {
    return this.dataSource.getRepository(UserEntity).findOne({ where: { id }, select: { ...USER_FIELDS, passwordHash: true } });
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<SessionUser | null> {
    return manager.findOne(UserEntity, { where: { id }, select: USER_FIELDS });
  }

  async setPassword(manager: EntityManager, id: string, passwordHash: string): Promise<void> {
    await manager.update(UserEntity, { id }, { passwordHash, passwordChangedAt: () => 'now()' });
  }

  async membershipsOf(userId: string): Promise<MembershipRow[]> {
    return this.dataSource
      .getRepository(WorkspaceMemberEntity)
      .createQueryBuilder('member')
      .innerJoin('member.workspace', 'workspace')
      .select(['workspace.id AS id', 'workspace.slug AS slug', 'workspace.name AS name', 'member.role AS role'])
      .where('member.userId = :userId', { userId })
      .orderBy('workspace.slug')
      .getRawMany<MembershipRow>();
  }

  async findServiceAccount(id: string): Promise<ServiceAccountWithWorkspace | null> {
    const account = await this.dataSource.getRepository(ServiceAccountEntity).findOne({ where: { id }, relations: { workspace: true } });
    if (!account?.workspace) return null;
    const { workspace } = account;
    return {
      id: account.id,
      name: account.name,
      role: account.role,
      disabledAt: account.disabledAt,
      workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name, role: account.role },
    };
  }
}
