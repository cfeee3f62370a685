import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** The only code that touches `auth_throttle`. Every change is one atomic statement on one row. */
@Injectable()
export class AuthThrottleRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Counts one attempt against `key` unless it is locked. Returns the new count, or `null` when
   * the key is locked (nothing counted). The upsert holds the row lock until the transaction ends,
   * so concurrent attempts on one key queue up behind each other.
   */
  async claimAttempt(manager: EntityManager, key: string, forgetAfterSeconds: number): Promise<number | null> {
    const rows: Array<{ failures: number }> = await manager.query(
      `INSERT INTO auth_throttle AS t (key, failures, locked_until, last_failure_at) VALUES ($1, 1, NULL, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.last_failure_at < now() - make_interval(secs => $2) THEN 1 ELSE t.failures + 1 END,
         locked_until = NULL,
         last_failure_at = now()
       WHERE t.locked_until IS NULL OR t.locked_until <= now()
       RETURNING failures`,
      [key, forgetAfterSeconds],
    );
    return rows[0]?.failures ?? null;
  }

  async secondsLocked(manager: EntityManager, key: string): Promise<number> {
    const rows: Array<{ seconds: number }> = await manager.query(
      `SELECT GREATEST(ceil(extract(epoch FROM locked_until - now())), 1)::int AS seconds FROM auth_throttle WHERE key = $1 AND locked_until > now()`,
      [key],
    );
    return rows[0]?.seconds ?? 0;
  }

  async lock(manager: EntityManager, key: string, seconds: number): Promise<void> {
    await manager.query(`UPDATE auth_throttle SET locked_until = now() + make_interval(secs => $2) WHERE key = $1`, [key, seconds]);
  }

  /** Forgets every failure of `key` (a successful sign-in to that account). */
  async reset(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM auth_throttle WHERE key = $1`, [key]);
  }

  /** Takes back one provisionally counted attempt that turned out to be a success. */
  async releaseAttempt(key: string): Promise<void> {
    await this.dataSource.query(`UPDATE auth_throttle SET failures = GREATEST(failures - 1, 0) WHERE key = $1`, [key]);
  }
}
