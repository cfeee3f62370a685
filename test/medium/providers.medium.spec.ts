import pino from 'pino';
import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROVIDER_CREDENTIAL_PURPOSE } from '../../src/auth/secrets/encrypted-columns';
import { PgChangeBus } from '../../src/common/change-bus/pg-change-bus';
import { SecretBox } from '../../src/common/crypto/secret-box';
import { connectDataSource } from '../../src/database/data-source';
import { runPendingMigrations } from '../../src/database/migration-runner';
import { ProviderAccountSnapshot, toPluginAccount } from '../../src/providers/provider-account-snapshot';
import { ProviderAccountsRepository, type ProviderAccountValues } from '../../src/providers/provider-accounts.repository';
import { DEFAULT_BINDING_SETTING, ProvidersBootstrap } from '../../src/providers/providers-bootstrap';
import type { PluginHost } from '../../src/plugin-host/plugin-host';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const silent = pino({ level: 'silent' });
const box = new SecretBox(Buffer.alloc(32, 3));

describe('ProviderAccountSnapshot on a real Postgres', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let bus: PgChangeBus;
  let repository: ProviderAccountsRepository;
  let snapshot: ProviderAccountSnapshot;
  let wsA: string;
  let wsB: string;

  const values = (name: string, credential?: string): ProviderAccountValues => ({
    name,
    pluginId: 'provider-mock',
    baseUrl: 'http://upstream.test/v1',
    credentialEnc: credential ? box.seal(credential, PROVIDER_CREDENTIAL_PURPOSE) : null,
    credentialHint: credential ? 'hint' : null,
    config: { region: 'eu' },
    enabled: true,
  });
  const create = (workspaceId: string, name: string, credential?: string) =>
    repository.transaction((manager) => repository.create(manager, workspaceId, values(name, credential)));

  beforeEach(async () => {
    database = await createTestDatabase();
    dataSource = await connectDataSource({ url: database.url, poolSize: 4 });
    await runPendingMigrations(dataSource);
    [{ id: wsA }] = await dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ('a', 'A') RETURNING id`);
    [{ id: wsB }] = await dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ('b', 'B') RETURNING id`);
    repository = new ProviderAccountsRepository(dataSource);
    await create(wsA, 'preexisting', 'sk-pre-0001');
    bus = new PgChangeBus(database.url, silent);
    await bus.start();
    snapshot = new ProviderAccountSnapshot(repository, box, bus, silent);
    await snapshot.start();
  });
  afterEach(async () => {
    snapshot.stop();
    await bus.stop();
    await dataSource.destroy();
    await database.drop();
  });

  it('loads enabled accounts with decrypted credentials at start', () => {
    const account = snapshot.get(wsA, 'preexisting')!;
    expect(account).toMatchObject({ workspaceId: wsA, pluginId: 'provider-mock', credential: 'sk-pre-0001', config: { region: 'eu' } });
    expect(toPluginAccount(account)).toEqual({ baseUrl: 'http://upstream.test/v1', apiKey: 'sk-pre-0001', extra: { region: 'eu' } });
    expect(snapshot.list(wsB)).toEqual([]);
    expect(Object.isFrozen(account)).toBe(true);
  });

  it('follows creates, credential replacements, disabling and deletes, one workspace at a time', async () => {
    const created = await create(wsB, 'fresh', 'sk-fresh-0002');
    await expect.poll(() => snapshot.get(wsB, 'fresh')?.credential).toBe('sk-fresh-0002');
    expect(snapshot.getById(wsB, created.id)?.name).toBe('fresh');
    expect(snapshot.get(wsA, 'fresh')).toBeUndefined();

    await repository.transaction((manager) => repository.update(manager, wsB, created.id, { credentialEnc: box.seal('sk-rotated-0003', PROVIDER_CREDENTIAL_PURPOSE) }));
    await expect.poll(() => snapshot.get(wsB, 'fresh')?.credential).toBe('sk-rotated-0003');

    await repository.transaction((manager) => repository.update(manager, wsB, created.id, { enabled: false }));
    await expect.poll(() => snapshot.get(wsB, 'fresh')).toBeUndefined();
    await repository.transaction((manager) => repository.update(manager, wsB, created.id, { enabled: true }));
    await expect.poll(() => snapshot.get(wsB, 'fresh')).toBeDefined();

    await repository.transaction((manager) => repository.delete(manager, wsB, created.id));
    await expect.poll(() => snapshot.list(wsB).length).toBe(0);
    expect(snapshot.get(wsA, 'preexisting')?.credential).toBe('sk-pre-0001');
  });

  it('ignores rolled-back writes', async () => {
    await expect(
      repository.transaction(async (manager) => {
        await repository.create(manager, wsA, values('ghost', 'sk-ghost'));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await create(wsA, 'marker');
    await expect.poll(() => snapshot.get(wsA, 'marker')).toBeDefined();
    expect(snapshot.get(wsA, 'ghost')).toBeUndefined();
  });

  it('reloads everything on resync (after the listener lost its connection)', async () => {
    await dataSource.query(`INSERT INTO provider_accounts (workspace_id, plugin_id, name) VALUES ($1, 'provider-mock', 'silent-write')`, [wsB]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(snapshot.get(wsB, 'silent-write')).toBeUndefined();
    await dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'portico-changes' AND datname = current_database()`);
    await expect.poll(() => snapshot.get(wsB, 'silent-write'), { timeout: 5_000 }).toBeDefined();
  });

  it('drops a deleted workspace’s accounts and leaves out one whose credential cannot be opened', async () => {
    const foreign = new SecretBox(Buffer.alloc(32, 4)).seal('sk-other-key', PROVIDER_CREDENTIAL_PURPOSE);
    await repository.transaction((manager) => repository.create(manager, wsB, { ...values('unreadable'), credentialEnc: foreign }));
    await create(wsB, 'readable', 'sk-ok-0004');
    await expect.poll(() => snapshot.get(wsB, 'readable')).toBeDefined();
    expect(snapshot.get(wsB, 'unreadable')).toBeUndefined();

    const before = snapshot.version;
    await dataSource.query(`DELETE FROM workspaces WHERE id = $1`, [wsB]);
    await dataSource.query(`SELECT pg_notify('portico_changes', $1)`, [JSON.stringify({ topic: 'workspaces', id: wsB, workspaceId: wsB })]);
    await expect.poll(() => snapshot.list(wsB).length).toBe(0);
    expect(snapshot.version).toBeGreaterThan(before);
    expect(snapshot.get(wsA, 'preexisting')).toBeDefined();
  });

  describe('binding provider-mock in the first workspace', () => {
    const host = (loaded: boolean) => ({ getProvider: (id: string) => (loaded && id === 'provider-mock' ? {} : undefined) }) as unknown as PluginHost;
    const bootstrap = (loaded = true) => new ProvidersBootstrap(repository, host(loaded), snapshot, silent);
    const setFirstRun = (workspaceId: string) =>
      dataSource.query(`INSERT INTO system_settings (key, value) VALUES ('first_run', $1::jsonb)`, [JSON.stringify({ workspaceId })]);
    const binding = async () => (await dataSource.query(`SELECT value FROM system_settings WHERE key = $1`, [DEFAULT_BINDING_SETTING]))[0]?.value;

    it('binds once, even when replicas start together, and respects a later delete', async () => {
      await setFirstRun(wsB);
      expect(await bootstrap(false).bindMockProvider()).toBeUndefined();
      expect(await binding()).toBeUndefined();
      const outcomes = await Promise.all([bootstrap(), bootstrap(), bootstrap()].map((b) => b.bindMockProvider()));
      expect(outcomes.filter(Boolean)).toEqual([wsB]);
      const accounts = await dataSource.query(`SELECT id, name, plugin_id FROM provider_accounts WHERE workspace_id = $1`, [wsB]);
      expect(accounts).toEqual([expect.objectContaining({ name: 'mock', plugin_id: 'provider-mock' })]);
      expect(await binding()).toMatchObject({ workspaceId: wsB, accountId: accounts[0].id });
      await expect.poll(() => snapshot.get(wsB, 'mock')).toBeDefined();

      await repository.transaction((manager) => repository.delete(manager, wsB, accounts[0].id));
      await bootstrap().onApplicationBootstrap();
      expect(await dataSource.query(`SELECT id FROM provider_accounts WHERE workspace_id = $1`, [wsB])).toEqual([]);
    });

    it('leaves a first workspace that already has accounts alone, and does nothing before first run', async () => {
      expect(await bootstrap().bindMockProvider()).toBeUndefined();
      expect(await binding()).toBeUndefined();
      await setFirstRun(wsA);
      expect(await bootstrap().bindMockProvider()).toBeUndefined();
      expect(await binding()).toMatchObject({ workspaceId: wsA, accountId: null });
      expect((await dataSource.query(`SELECT name FROM provider_accounts WHERE workspace_id = $1`, [wsA])).map((r: { name: string }) => r.name)).toEqual(['preexisting']);
    });
  });
});
