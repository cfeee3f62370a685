import pino from 'pino';
import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROVIDER_CREDENTIAL_PURPOSE, PROVIDER_EXTRA_CREDENTIAL_PURPOSE } from '../../src/auth/secrets/encrypted-columns';
import { rotateMasterKey } from '../../src/auth/secrets/master-key-rotation';
import { PgChangeBus } from '../../src/common/change-bus/pg-change-bus';
import { SecretBox } from '../../src/common/crypto/secret-box';
import { ErrorCode } from '../../src/common/errors';
import { connectDataSource } from '../../src/database/data-source';
import { runPendingMigrations } from '../../src/database/migration-runner';
import { EwmaLatencyTracker } from '../../src/gateway/routing/latency-tracker';
import { RoutePlanner } from '../../src/gateway/routing/route-planner';
import { RouteSnapshot } from '../../src/gateway/routing/route-snapshot';
import { type RouteTargetValues, type RouteValues, RoutesRepository } from '../../src/gateway/routing/routes.repository';
import type { RequestContext } from '../../src/auth/principal';
import type { PluginHost } from '../../src/plugin-host/plugin-host';
import { ProviderAccountSnapshot } from '../../src/providers/provider-account-snapshot';
import { ProviderAccountsRepository } from '../../src/providers/provider-accounts.repository';
import { ProviderAccountsService } from '../../src/providers/provider-accounts.service';
import { ProviderCredentialsRepository } from '../../src/providers/provider-credentials.repository';
import { ProviderCredentialsService } from '../../src/providers/provider-credentials.service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const silent = pino({ level: 'silent' });
const KEY = Buffer.alloc(32, 7);
const box = new SecretBox(KEY);
const ctx = { requestId: 'r', principal: { kind: 'user', id: 'u', subject: 'user:u', isSuperadmin: true, via: 'access_token' }, ip: '127.0.0.1' } as RequestContext;

describe('routes and provider credentials on a real Postgres', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let bus: PgChangeBus;
  let routes: RoutesRepository;
  let accountsRepo: ProviderAccountsRepository;
  let accountsService: ProviderAccountsService;
  let credentials: ProviderCredentialsService;
  let routeSnapshot: RouteSnapshot;
  let accountSnapshot: ProviderAccountSnapshot;
  let planner: RoutePlanner;
  let wsA: string;
  let wsB: string;
  let primary: { id: string };
  let backup: { id: string };

  const routeValues = (alias: string, overrides: Partial<RouteValues> = {}): RouteValues => ({
    alias,
    description: '',
    strategy: 'priority',
    cacheTtlSeconds: null,
    policy: {},
    enabled: true,
    ...overrides,
  });
  const targetValues = (providerAccountId: string, model: string, priority = 0): RouteTargetValues => ({
    providerAccountId,
    model,
    weight: 1,
    priority,
    contextWindow: null,
    inputPricePerMTok: null,
    outputPricePerMTok: null,
  });
  const createAccount = (workspaceId: string, name: string, credential?: string) =>
    accountsRepo.transaction((manager) =>
      accountsRepo.create(manager, workspaceId, {
        name,
        pluginId: 'provider-mock',
        baseUrl: null,
        credentialEnc: credential ? box.seal(credential, PROVIDER_CREDENTIAL_PURPOSE) : null,
        credentialHint: null,
        config: {},
        enabled: true,
      }),
    );
  const createRoute = (workspaceId: string, values: RouteValues, targets: RouteTargetValues[]) =>
    routes.transaction((manager) => routes.create(manager, workspaceId, values, targets));

  beforeEach(async () => {
    database = await createTestDatabase();
    dataSource = await connectDataSource({ url: database.url, poolSize: 4 });
    await runPendingMigrations(dataSource);
    [{ id: wsA }] = await dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ('a', 'A') RETURNING id`);
    [{ id: wsB }] = await dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ('b', 'B') RETURNING id`);
    routes = new RoutesRepository(dataSource);
    accountsRepo = new ProviderAccountsRepository(dataSource);
    accountsService = new ProviderAccountsService(accountsRepo, box, { getProvider: () => ({}) } as unknown as PluginHost);
    credentials = new ProviderCredentialsService(new ProviderCredentialsRepository(dataSource), box);
    primary = await createAccount(wsA, 'primary', 'sk-primary-0001');
    backup = await createAccount(wsA, 'backup');
    await createRoute(wsA, routeValues('preexisting'), [targetValues(backup.id, 'slow', 2), targetValues(primary.id, 'fast', 1)]);
    bus = new PgChangeBus(database.url, silent);
    await bus.start();
    routeSnapshot = new RouteSnapshot(routes, bus, silent);
    accountSnapshot = new ProviderAccountSnapshot(accountsRepo, box, bus, silent);
    await Promise.all([routeSnapshot.start(), accountSnapshot.start()]);
    planner = new RoutePlanner(routeSnapshot, accountSnapshot, new EwmaLatencyTracker());
  });
  afterEach(async () => {
    routeSnapshot.stop();
    accountSnapshot.stop();
    await bus.stop();
    await dataSource.destroy();
    await database.drop();
  });

  const targetsOf = (workspaceId: string, model: string) => planner.plan(workspaceId, model)?.targets.map((target) => target.displayName);

  describe('RouteSnapshot', () => {
    it('loads enabled routes at start, targets in order, policy merged with the defaults', () => {
      const live = routeSnapshot.get(wsA, 'preexisting')!;
      expect(live.targets.map((target) => target.model)).toEqual(['slow', 'fast']);
      expect(live.policy.maxAttempts).toBe(4);
      expect(targetsOf(wsA, 'preexisting')).toEqual(['primary/fast', 'backup/slow']);
      expect(routeSnapshot.get(wsB, 'preexisting')).toBeUndefined();
      expect(Object.isFrozen(live)).toBe(true);
    });

    it('follows creates, target replacement, disabling and deletes, one workspace at a time', async () => {
      const other = await createAccount(wsB, 'other');
      const created = await createRoute(wsB, routeValues('chat', { policy: { maxAttempts: 2 } }), [targetValues(other.id, 'one')]);
      await expect.poll(() => routeSnapshot.get(wsB, 'chat')?.policy.maxAttempts).toBe(2);
      await expect.poll(() => targetsOf(wsB, 'chat')).toEqual(['other/one']);
      expect(routeSnapshot.get(wsA, 'chat')).toBeUndefined();

      await routes.transaction((manager) => routes.update(manager, wsB, created.id, { alias: 'chat-v2' }, [targetValues(other.id, 'two'), targetValues(other.id, 'three')]));
      await expect.poll(() => targetsOf(wsB, 'chat-v2')).toEqual(['other/two', 'other/three']);
      expect(routeSnapshot.get(wsB, 'chat')).toBeUndefined();

      await routes.transaction((manager) => routes.update(manager, wsB, created.id, { enabled: false }));
      await expect.poll(() => routeSnapshot.get(wsB, 'chat-v2')).toBeUndefined();
      await routes.transaction((manager) => routes.update(manager, wsB, created.id, { enabled: true }));
      await expect.poll(() => routeSnapshot.get(wsB, 'chat-v2')).toBeDefined();

      await routes.transaction((manager) => routes.delete(manager, wsB, created.id));
      await expect.poll(() => routeSnapshot.list(wsB).length).toBe(0);
      expect(await dataSource.query(`SELECT id FROM route_targets WHERE route_id = $1`, [created.id])).toEqual([]);
      expect(routeSnapshot.get(wsA, 'preexisting')).toBeDefined();
    });

    it('ignores rolled-back writes', async () => {
      await expect(
        routes.transaction(async (manager) => {
          await routes.create(manager, wsA, routeValues('ghost'), [targetValues(primary.id, 'm')]);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      await createRoute(wsA, routeValues('marker'), [targetValues(primary.id, 'm')]);
      await expect.poll(() => routeSnapshot.get(wsA, 'marker')).toBeDefined();
      expect(routeSnapshot.get(wsA, 'ghost')).toBeUndefined();
    });

    it('reloads everything on resync (after the listener lost its connection)', async () => {
      const [{ id }] = await dataSource.query(`INSERT INTO routes (workspace_id, alias) VALUES ($1, 'silent-write') RETURNING id`, [wsA]);
      await dataSource.query(`INSERT INTO route_targets (route_id, provider_account_id, model, position) VALUES ($1, $2, 'm', 0)`, [id, primary.id]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(routeSnapshot.get(wsA, 'silent-write')).toBeUndefined();
      await dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'portico-changes' AND datname = current_database()`);
      await expect.poll(() => targetsOf(wsA, 'silent-write'), { timeout: 5_000 }).toEqual(['primary/m']);
    });

    it('plans without the targets of a disabled account as soon as the account snapshot reloads', async () => {
      await accountsRepo.transaction((manager) => accountsRepo.update(manager, wsA, primary.id, { enabled: false }));
      await expect.poll(() => targetsOf(wsA, 'preexisting')).toEqual(['backup/slow']);
      await accountsRepo.transaction((manager) => accountsRepo.update(manager, wsA, backup.id, { enabled: false }));
      await expect.poll(() => targetsOf(wsA, 'preexisting')).toEqual([]);
      expect(planner.plan(wsA, 'primary/fast')).toBeNull();
    });

    it('drops a deleted workspace’s routes (cascading through targets, accounts and credentials)', async () => {
      const account = await createAccount(wsB, 'doomed', 'sk-doomed-000001');
      await credentials.add(ctx, wsB, account.id, { credential: 'sk-doomed-extra-2' });
      await createRoute(wsB, routeValues('doomed-route'), [targetValues(account.id, 'm')]);
      await expect.poll(() => routeSnapshot.get(wsB, 'doomed-route')).toBeDefined();
      await dataSource.query(`DELETE FROM workspaces WHERE id = $1`, [wsB]);
      await dataSource.query(`SELECT pg_notify('portico_changes', $1)`, [JSON.stringify({ topic: 'workspaces', id: wsB, workspaceId: wsB })]);
      await expect.poll(() => routeSnapshot.list(wsB).length).toBe(0);
      expect(await dataSource.query(`SELECT id FROM provider_account_credentials`)).toEqual([]);
    });
  });

  describe('a provider account used by a route', () => {
    it('cannot be deleted (409 naming the routes) until no route uses it', async () => {
      await createRoute(wsA, routeValues('second'), [targetValues(primary.id, 'x')]);
      const refused = await accountsService.delete(ctx, wsA, primary.id).catch((error) => error);
      expect(refused).toMatchObject({ code: ErrorCode.CONFLICT, status: 409, details: { routes: ['preexisting', 'second'] } });
      expect(await accountsRepo.find(wsA, primary.id)).not.toBeNull();

      const [{ id }] = await dataSource.query(`SELECT id FROM routes WHERE alias = 'second'`);
      await routes.transaction((manager) => routes.delete(manager, wsA, id));
      const [{ id: first }] = await dataSource.query(`SELECT id FROM routes WHERE alias = 'preexisting'`);
      await routes.transaction((manager) => routes.update(manager, wsA, first, {}, [targetValues(backup.id, 'only')]));
      await accountsService.delete(ctx, wsA, primary.id);
      expect(await accountsRepo.find(wsA, primary.id)).toBeNull();
    });

    it('is protected by the foreign key itself, not only by the service check', async () => {
      await expect(dataSource.query(`DELETE FROM provider_accounts WHERE id = $1`, [primary.id])).rejects.toMatchObject({ code: '23503' });
    });
  });

  describe('extra credentials', () => {
    it('reach the snapshot primary first, then by position; deleting one drops it', async () => {
      const second = await credentials.add(ctx, wsA, primary.id, { credential: 'sk-second-0002' });
      await credentials.add(ctx, wsA, primary.id, { credential: 'sk-third-00003' });
      await expect.poll(() => accountSnapshot.get(wsA, 'primary')?.credentials).toEqual(['sk-primary-0001', 'sk-second-0002', 'sk-third-00003']);
      expect(accountSnapshot.get(wsA, 'primary')?.credential).toBe('sk-primary-0001');
      expect((await credentials.list(ctx, wsA, primary.id)).map((c) => [c.position, c.credentialHint])).toEqual([
        [1, 'sk-…0002'],
        [2, 'sk-…0003'],
      ]);

      await credentials.delete(ctx, wsA, primary.id, second.id);
      await expect.poll(() => accountSnapshot.get(wsA, 'primary')?.credentials).toEqual(['sk-primary-0001', 'sk-third-00003']);
      expect(planner.plan(wsA, 'primary/m')?.targets[0].account.credentials).toEqual(['sk-primary-0001', 'sk-third-00003']);
    });

    it('serve an account without a primary credential, and are stored only sealed', async () => {
      await credentials.add(ctx, wsA, backup.id, { credential: 'sk-backup-only-01' });
      await expect.poll(() => accountSnapshot.get(wsA, 'backup')?.credentials).toEqual(['sk-backup-only-01']);
      expect(accountSnapshot.get(wsA, 'backup')?.credential).toBeUndefined();
      const [{ sealed }] = await dataSource.query(`SELECT credential_enc AS sealed FROM provider_account_credentials`);
      expect(sealed).toMatch(/^v1\./);
      expect(box.open(sealed, PROVIDER_EXTRA_CREDENTIAL_PURPOSE)).toBe('sk-backup-only-01');
      expect(() => box.open(sealed, PROVIDER_CREDENTIAL_PURPOSE)).toThrow();
    });

    it('are not found through another workspace, and positions stay unique under concurrent adds', async () => {
      await expect(credentials.add(ctx, wsB, primary.id, { credential: 'sk-foreign-0001' })).rejects.toMatchObject({ status: 404 });
      await expect(credentials.list(ctx, wsB, primary.id)).rejects.toMatchObject({ status: 404 });
      const added = await Promise.all(Array.from({ length: 5 }, (_, i) => credentials.add(ctx, wsA, primary.id, { credential: `sk-concurrent-${i}000` })));
      expect(added.map((c) => c.position).sort()).toEqual([1, 2, 3, 4, 5]);
      await expect(credentials.delete(ctx, wsB, primary.id, added[0].id)).rejects.toMatchObject({ status: 404 });
    });

    it('are re-sealed by a master-key rotation', async () => {
      await credentials.add(ctx, wsA, primary.id, { credential: 'sk-rotate-me-01' });
      const result = await rotateMasterKey(dataSource, KEY, Buffer.alloc(32, 8));
      expect(result.resealed['provider_account_credentials.credential_enc']).toBe(1);
      const [{ sealed }] = await dataSource.query(`SELECT credential_enc AS sealed FROM provider_account_credentials`);
      expect(new SecretBox(Buffer.alloc(32, 8)).open(sealed, PROVIDER_EXTRA_CREDENTIAL_PURPOSE)).toBe('sk-rotate-me-01');
    });
  });
});
