import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { ErrorCode, PorticoError } from '../common/errors';

/** Arbitrary but fixed: every Portico process contends for the same advisory lock. */
const MIGRATION_LOCK_KEY = 72_736_110;

export interface MigrationOutcome {
  applied: string[];
}

/**
 * Applies pending migrations under a Postgres advisory lock, so replicas starting together
 * apply each migration once; the others wait, then find nothing pending.
 */
export async function runPendingMigrations(dataSource: DataSource): Promise<MigrationOutcome> {
  try {
    return await withMigrationLock(dataSource, async () => {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return { applied: applied.map((migration) => migration.name) };
    });
  } catch (error) {
    throw new PorticoError(ErrorCode.MIGRATION_FAILED, `applying migrations failed: ${(error as Error).message}`, { cause: error });
  }
}

export function revertLastMigration(dataSource: DataSource): Promise<void> {
  return withMigrationLock(dataSource, () => dataSource.undoLastMigration({ transaction: 'each' }));
}

/**
 * The lock is held on a connection of its own, outside the pool, so migrating works with
 * any pool size (a pool of one would otherwise wait on itself).
 */
async function withMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const url = (dataSource.options as { url?: string }).url;
  const lock = new Client({ connectionString: url, application_name: 'portico-migrations' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await work();
  } finally {
    await lock.end().catch(() => undefined);
  }
}
