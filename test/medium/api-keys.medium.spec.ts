import pino from 'pino';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/auth/api-key-material';
import { ApiKeyRegistry } from '../../src/auth/api-keys/api-key-registry';
import { ApiKeysRepository } from '../../src/auth/api-keys/api-keys.repository';
import { ApiKeysService } from '../../src/auth/api-keys/api-keys.service';
import { AuthorizationService } from '../../src/auth/authz/authorization.service';
import { WorkspaceEntity } from '../../src/auth/entities/workspace.entity';
import type { RequestContext } from '../../src/auth/principal';
import { RoleGrants } from '../../src/auth/service-accounts/role-grants';
import { ServiceAccountsRepository } from '../../src/auth/service-accounts/service-accounts.repository';
import { PgChangeBus } from '../../src/common/change-bus/pg-change-bus';
import { connectDataSource } from '../../src/database/data-source';
import { runPendingMigrations } from '../../src/database/migration-runner';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const silent = pino({ level: 'silent' });
const ctx: RequestContext = {
  requestId: 'medium',
  ip: '127.0.0.1',
  principal: { kind: 'user', id: '00000000-0000-4000-8000-000000000001', subject: 'user:00000000-0000-4000-8000-000000000001', isSuperadmin: true, via: 'access_token' },
};

describe('API keys on a real Postgres', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let bus: PgChangeBus;
  let registry: ApiKeyRegistry;
  let authorization: AuthorizationService;
  let service: ApiKeysService;
  let repository: ApiKeysRepository;
  let workspaceId: string;
  let otherWorkspaceId: string;
  let accountId: string;

  const mint = (scopes = ['invoke:*']) => service.create(ctx, workspaceId, { name: 'k', owner: { type: 'service_account', id: accountId }, scopes });

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await connectDataSource({ url: database.url, poolSize: 4 });
    await runPendingMigrations(dataSource);
    bus = new PgChangeBus(database.url, silent);
    await bus.start();
    authorization = new AuthorizationService(dataSource, bus, silent);
    await authorization.start();
    registry = new ApiKeyRegistry(dataSource, bus, silent, { usageFlushMs: 3_600_000 });
    await registry.start();
    const accounts = new ServiceAccountsRepository(dataSource);
    repository = new ApiKeysRepository(dataSource);
    service = new ApiKeysService(repository, accounts, new RoleGrants(accounts, authorization), registry);
    const workspaces = dataSource.getRepository(WorkspaceEntity);
    workspaceId = (await workspaces.save({ slug: 'medium-a', name: 'A' })).id;
    otherWorkspaceId = (await workspaces.save({ slug: 'medium-b', name: 'B' })).id;
    accountId = (await accounts.transaction((manager) => accounts.insert(manager, { workspaceId, name: 'robot', description: '', role: 'admin' }))).id;
  });
  afterAll(async () => {
    await registry?.stop();
    authorization?.stop();
    await bus?.stop();
    await dataSource?.destroy();
    await database?.drop();
  });

  it('writes last_used_at for many checks in one UPDATE per flush, and none when idle', async () => {
    const keys = await Promise.all([mint(), mint(), mint()]);
    const unused = await mint();
    const statements: string[] = [];
    const query = dataSource.query.bind(dataSource);
    dataSource.query = ((sql: string, parameters?: unknown[]) => {
      statements.push(sql);
      return query(sql, parameters);
    }) as DataSource['query'];
    try {
      for (let i = 0; i < 300; i++) expect(registry.check(keys[i % 3].key).ok).toBe(true);
      await registry.flushUsage();
      await registry.flushUsage();
    } finally {
      dataSource.query = query as DataSource['query'];
    }
    expect(statements.filter((sql) => /^\s*UPDATE api_keys/i.test(sql))).toHaveLength(1);
    const rows: Array<{ id: string; last_used_at: Date | null }> = await dataSource.query('SELECT id, last_used_at FROM api_keys WHERE id = ANY($1::uuid[])', [
      [...keys.map((key) => key.id), unused.id],
    ]);
    const usedAt = new Map(rows.map((row) => [row.id, row.last_used_at]));
    for (const key of keys) expect(usedAt.get(key.id)).toBeInstanceOf(Date);
    expect(usedAt.get(unused.id)).toBeNull();
  });

  it('never stores a key in plaintext, only its SHA-256 (created and rotated keys alike)', async () => {
    const created = await mint(['admin', 'invoke:*']);
    const rotated = await service.rotate(ctx, workspaceId, created.id, { gracePeriodSeconds: 60 });
    const rows: Array<{ row: string }> = await dataSource.query('SELECT row_to_json(k)::text AS row FROM api_keys k');
    const dump = rows.map((row) => row.row).join('\n');
    for (const { key } of [created, rotated]) {
      const secret = key.split('_').slice(2).join('_');
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(key);
    }
    const [stored] = await dataSource.query('SELECT key_hash FROM api_keys WHERE id = $1', [rotated.id]);
    expect(Buffer.compare(stored.key_hash, hashApiKey(rotated.key))).toBe(0);
  });

  it("scopes every repository read by workspace: another workspace's id finds nothing", async () => {
    const created = await mint();
    expect(await repository.find(workspaceId, created.id)).not.toBeNull();
    expect(await repository.find(otherWorkspaceId, created.id)).toBeNull();
    expect((await repository.list(otherWorkspaceId)).map((key) => key.id)).not.toContain(created.id);
    await expect(service.revoke(ctx, otherWorkspaceId, created.id)).rejects.toMatchObject({ status: 404 });
    expect(registry.check(created.key).ok).toBe(true);
  });

  it('never lets a slow full reload bring back a key revoked while it ran', async () => {
    const created = await mint();
    const slow = new ApiKeyRegistry(
      {
        query: async (sql: string, parameters?: unknown[]) => {
          const rows = await dataSource.query(sql, parameters);
          if (!parameters) await new Promise((resolve) => setTimeout(resolve, 150));
          return rows;
        },
        isInitialized: true,
      } as unknown as DataSource,
      { subscribe: () => () => undefined, onResync: () => () => undefined },
      silent,
    );
    await slow.reloadAll();
    expect(slow.check(created.key).ok).toBe(true);
    const fullReload = slow.reloadAll();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await service.revoke(ctx, workspaceId, created.id);
    await Promise.all([fullReload, slow.reloadOne(created.id)]);
    expect(slow.check(created.key)).toEqual({ ok: false, reason: 'unknown' });
  });
});
