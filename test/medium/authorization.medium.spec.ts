import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorizationService } from '../../src/auth/authz/authorization.service';
import { ACTIONS, BUILTIN_ROLES, customRoleSubject, RESOURCES } from '../../src/auth/authz/permissions';
import { PolicyRepository } from '../../src/auth/authz/policy.repository';
import type { Principal } from '../../src/auth/principal';
import { PgChangeBus } from '../../src/common/change-bus/pg-change-bus';
import { connectDataSource } from '../../src/database/data-source';
import { runPendingMigrations } from '../../src/database/migration-runner';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const silent = pino({ level: 'silent' });
const user = (id: string, extra: Partial<Principal> = {}): Principal => ({ kind: 'user', id, subject: `user:${id}`, isSuperadmin: false, via: 'access_token', ...extra });

interface Replica {
  dataSource: DataSource;
  bus: PgChangeBus;
  authz: AuthorizationService;
}

describe('AuthorizationService (casbin, RBAC with domains) on a real Postgres', () => {
  let database: TestDatabase;
  let a: Replica;
  let b: Replica;
  const ws1 = randomUUID();
  const ws2 = randomUUID();
  const policies = new PolicyRepository();

  const replica = async (): Promise<Replica> => {
    const dataSource = await connectDataSource({ url: database.url, poolSize: 3 });
    const bus = new PgChangeBus(database.url, silent);
    await bus.start();
    const authz = new AuthorizationService(dataSource, bus, silent);
    await authz.start();
    return { dataSource, bus, authz };
  };
  const grant = (subject: string, role: string, workspaceId: string) =>
    a.dataSource.transaction((manager) => policies.setRole(manager, subject, workspaceId, role));

  beforeAll(async () => {
    database = await createTestDatabase();
    const migrator = await connectDataSource({ url: database.url, poolSize: 1 });
    await runPendingMigrations(migrator);
    await migrator.destroy();
    a = await replica();
    b = await replica();
  });
  afterAll(async () => {
    for (const each of [a, b]) {
      each?.authz.stop();
      await each?.bus.stop();
      await each?.dataSource.destroy();
    }
    await database?.drop();
  });

  it('gives each built-in role exactly its permissions, in its own workspace only', async () => {
    const members = Object.fromEntries(BUILTIN_ROLES.map((role) => [role, randomUUID()]));
    for (const role of BUILTIN_ROLES) await grant(`user:${members[role]}`, role, ws1);
    await a.authz.reload();
    const can = (role: string, resource: (typeof RESOURCES)[number], action: (typeof ACTIONS)[number], ws = ws1) =>
      a.authz.can(user(members[role]), ws, resource, action);

    for (const resource of RESOURCES) {
      for (const action of ACTIONS) expect(can('owner', resource, action), `owner ${resource}:${action}`).toBe(true);
      expect(can('viewer', resource, 'write'), `viewer ${resource}:write`).toBe(false);
      expect(can('viewer', resource, 'approve'), `viewer ${resource}:approve`).toBe(false);
      expect(can('approver', resource, 'write'), `approver ${resource}:write`).toBe(false);
      for (const role of BUILTIN_ROLES) expect(can(role, resource, 'read', ws2), `${role} in another workspace`).toBe(false);
    }
    expect(can('viewer', 'prompts', 'read')).toBe(true);
    expect(can('approver', 'approvals', 'approve')).toBe(true);
    expect(can('approver', 'subscriptions', 'approve')).toBe(true);
    expect(can('developer', 'prompts', 'write')).toBe(true);
    expect(can('developer', 'members', 'write')).toBe(false);
    expect(can('admin', 'workspace', 'write')).toBe(false);
    expect(can('admin', 'providers', 'write')).toBe(true);
    expect(await a.authz.isMember(user(members.viewer), ws1)).toBe(true);
    expect(await a.authz.isMember(user(members.viewer), ws2)).toBe(false);
  });

  it('lets a custom role do exactly what it lists', async () => {
    const role = customRoleSubject('prompt-editor');
    const member = randomUUID();
    await a.dataSource.transaction((manager) => policies.setRolePermissions(manager, role, ws1, ['prompts:read', 'prompts:write']));
    await grant(`user:${member}`, role, ws1);
    await a.authz.reload();
    expect(a.authz.can(user(member), ws1, 'prompts', 'write')).toBe(true);
    expect(a.authz.can(user(member), ws1, 'api_keys', 'read')).toBe(false);
    // The same custom role name in another workspace grants nothing here.
    await a.dataSource.transaction((manager) => policies.setRolePermissions(manager, role, ws2, []));
    expect(a.authz.can(user(member), ws2, 'prompts', 'read')).toBe(false);
  });

  it('confines an API-key principal to its workspace and lets a superadmin through', async () => {
    const id = randomUUID();
    await grant(`user:${id}`, 'owner', ws1);
    await grant(`user:${id}`, 'owner', ws2);
    await a.authz.reload();
    const keyPrincipal = user(id, { via: 'api_key', workspaceId: ws1 });
    expect(a.authz.can(keyPrincipal, ws1, 'prompts', 'write')).toBe(true);
    expect(a.authz.can(keyPrincipal, ws2, 'prompts', 'read')).toBe(false);
    expect(a.authz.can(user(randomUUID(), { isSuperadmin: true }), ws2, 'audit', 'read')).toBe(true);
  });

  it('propagates a role change to another process within one second, and a removal too', async () => {
    const id = randomUUID();
    const started = Date.now();
    await grant(`user:${id}`, 'admin', ws2);
    while (!b.authz.can(user(id), ws2, 'providers', 'write')) {
      if (Date.now() - started > 1_000) throw new Error('role change did not reach the other process within 1 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const removedAt = Date.now();
    await a.dataSource.transaction((manager) => policies.removeSubject(manager, `user:${id}`, ws2));
    while (b.authz.can(user(id), ws2, 'providers', 'read')) {
      if (Date.now() - removedAt > 1_000) throw new Error('removal did not reach the other process within 1 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
});
