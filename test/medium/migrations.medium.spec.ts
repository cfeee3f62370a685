import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { CORE_MIGRATIONS } from '../../migrations';
import { connectDataSource } from '../../src/database/data-source';
import { revertLastMigration, runPendingMigrations } from '../../src/database/migration-runner';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('migrations on a real Postgres', () => {
  let database: TestDatabase;
  const open: DataSource[] = [];
  const connect = async () => {
    const dataSource = await connectDataSource({ url: database.url, poolSize: 3 });
    open.push(dataSource);
    return dataSource;
  };

  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((dataSource) => dataSource.destroy()));
    await database.drop();
  });

  it('applies every core migration once; a second run is a no-op', async () => {
    const dataSource = await connect();
    const first = await runPendingMigrations(dataSource);
    expect(first.applied).toEqual(CORE_MIGRATIONS.map((migration) => migration.name));
    const second = await runPendingMigrations(dataSource);
    expect(second.applied).toEqual([]);
    const tables = await dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    expect(tables.map((row: { tablename: string }) => row.tablename)).toEqual(
      expect.arrayContaining(['api_keys', 'portico_migrations', 'service_accounts', 'system_settings', 'users', 'workspace_members', 'workspaces']),
    );
  });

  it('leaves no drift between the entities and the migrated schema (migration:generate finds nothing)', async () => {
    const dataSource = await connect();
    await runPendingMigrations(dataSource);
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('reverts down to an empty schema and applies again', async () => {
    const dataSource = await connect();
    await runPendingMigrations(dataSource);
    for (let i = 0; i < CORE_MIGRATIONS.length; i++) await revertLastMigration(dataSource);
    const left = await dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'portico_migrations'`);
    expect(left).toEqual([]);
    expect((await runPendingMigrations(dataSource)).applied).toHaveLength(CORE_MIGRATIONS.length);
  });

  it('lets replicas start together: each migration is applied exactly once', async () => {
    const replicas = await Promise.all([connect(), connect(), connect()]);
    const outcomes = await Promise.all(replicas.map((dataSource) => runPendingMigrations(dataSource)));
    expect(outcomes.flatMap((outcome) => outcome.applied)).toEqual(CORE_MIGRATIONS.map((migration) => migration.name));
    const [{ count }] = await replicas[0].query('SELECT count(*)::int AS count FROM portico_migrations');
    expect(count).toBe(CORE_MIGRATIONS.length);
  });
});
