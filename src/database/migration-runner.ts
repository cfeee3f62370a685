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
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { applied: applied.map((migration) => migration.name) };
  } catch (error) {
    throw new PorticoError(ErrorCode.MIGRATION_FAILED, `applying migrations failed: ${(error as Error).message}`, { cause: error });
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}

export async function revertLastMigration(dataSource: DataSource): Promise<void> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lockRunner.release();
  }
}
