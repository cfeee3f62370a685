import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { generateApiKey } from '../../src/auth/api-key-material';
import { PolicyRepository } from '../../src/auth/authz/policy.repository';
import { ApiKeyEntity } from '../../src/auth/entities/api-key.entity';
import { ServiceAccountEntity } from '../../src/auth/entities/service-account.entity';
import { UserEntity } from '../../src/auth/entities/user.entity';
import { WorkspaceMemberEntity } from '../../src/auth/entities/workspace-member.entity';
import { WorkspaceEntity } from '../../src/auth/entities/workspace.entity';
import { ApiKeyRegistry } from '../../src/auth/api-keys/api-key-registry';
import { AuthorizationService } from '../../src/auth/authz/authorization.service';
import { serviceAccountSubject, userSubject } from '../../src/auth/principal';
import { AccessTokenService } from '../../src/auth/tokens/access-token.service';

/**
 * Test fixtures written straight to the database (the way a seed would), then the in-memory
 * snapshots reloaded, so tests need not go through the admin API to set up who is who.
 */
export interface TestUser {
  id: string;
  email: string;
  token: string;
  headers: { authorization: string };
}

export async function createWorkspace(app: NestFastifyApplication, slug = `ws-${randomBytes(3).toString('hex')}`): Promise<{ id: string; slug: string }> {
  const dataSource = app.get(DataSource);
  const workspace = await dataSource.getRepository(WorkspaceEntity).save({ slug, name: `Workspace ${slug}` });
  return { id: workspace.id, slug };
}

/** A user who is a member of `workspaceId` with `role` (a built-in role or `custom:<name>`), with a valid access token. */
export async function createMember(
  app: NestFastifyApplication,
  workspaceId: string,
  role: string,
  options: { superadmin?: boolean; email?: string; passwordHash?: string } = {},
): Promise<TestUser> {
  const dataSource = app.get(DataSource);
  const email = options.email ?? `${role.replace(/\W/g, '-')}-${randomBytes(4).toString('hex')}@example.com`;
  const user = await dataSource.getRepository(UserEntity).save({
    email,
    displayName: email.split('@')[0],
    passwordHash: options.passwordHash ?? null,
    isSuperadmin: options.superadmin ?? false,
  });
  await dataSource.transaction(async (manager) => {
    await manager.save(WorkspaceMemberEntity, { workspaceId, userId: user.id, role });
    await new PolicyRepository().setRole(manager, userSubject(user.id), workspaceId, role);
  });
  await app.get(AuthorizationService).reload();
  return { id: user.id, email, ...(await tokenFor(app, user.id, email, options.superadmin ?? false)) };
}

export async function tokenFor(app: NestFastifyApplication, userId: string, email: string, isSuperadmin = false): Promise<{ token: string; headers: { authorization: string } }> {
  const { token } = await app.get(AccessTokenService).issue({ userId, sessionId: randomBytes(8).toString('hex'), isSuperadmin, email });
  return { token, headers: { authorization: `Bearer ${token}` } };
}

/** A service account with `role` in the workspace and one key with `scopes`. */
export async function createServiceAccountKey(
  app: NestFastifyApplication,
  workspaceId: string,
  role: string,
  scopes: string[] = ['admin', 'invoke:*'],
  options: { expiresAt?: Date } = {},
): Promise<{ serviceAccountId: string; keyId: string; key: string; headers: { authorization: string } }> {
  const dataSource = app.get(DataSource);
  const material = generateApiKey();
  const { serviceAccountId, keyId } = await dataSource.transaction(async (manager) => {
    const account = await manager.save(ServiceAccountEntity, { workspaceId, name: `sa-${randomBytes(4).toString('hex')}`, role });
    await new PolicyRepository().setRole(manager, serviceAccountSubject(account.id), workspaceId, role);
    const key = await manager.save(ApiKeyEntity, {
      workspaceId,
      publicId: material.publicId,
      keyHash: material.hash,
      name: 'test key',
      ownerType: 'service_account' as const,
      ownerId: account.id,
      scopes,
      expiresAt: options.expiresAt ?? null,
    });
    return { serviceAccountId: account.id, keyId: key.id };
  });
  await app.get(AuthorizationService).reload();
  await app.get(ApiKeyRegistry).reloadOne(keyId);
  return { serviceAccountId, keyId, key: material.key, headers: { authorization: `Bearer ${material.key}` } };
}
