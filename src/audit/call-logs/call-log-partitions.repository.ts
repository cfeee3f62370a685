import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

const DAY_MS = 86_400_000;
const PARTITION_NAME = /^call_logs_p(\d{4})(\d{2})(\d{2})$/;

/** `call_logs_pYYYYMMDD` for the UTC day that contains `day`. */
export function partitionName(day: Date): string {
  return `call_logs_p${day.toISOString().slice(0, 10).replaceAll('-', '')}`;
}

/** The UTC midnight starting the day a partition holds; undefined for names that are not daily partitions. */
export function partitionDay(name: string): Date | undefined {
  const match = PARTITION_NAME.exec(name);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
}

export function startOfUtcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

export function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * DAY_MS);
}

/**
 * The partitions of `call_logs` (DDL only; rows are written by the batches repository). Every
 * change runs under one advisory lock, so replicas maintaining at the same time take turns.
 */
@Injectable()
export class CallLogPartitionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async dailyPartitions(): Promise<string[]> {
    const rows: Array<{ name: string }> = await this.dataSource.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'call_logs'::regclass ORDER BY c.relname`,
    );
    return rows.map((row) => row.name).filter((name) => PARTITION_NAME.test(name));
  }

  /**
   * Creates the day's partition unless it exists. When the DEFAULT partition already holds rows of
   * that day (a clock ahead, a replay), they are moved into the new partition in the same transaction.
   * Answers whether it created one.
   */
  async ensureDay(day: Date): Promise<boolean> {
    const name = partitionName(day);
    const bounds = `FOR VALUES FROM ('${day.toISOString()}') TO ('${addDays(day, 1).toISOString()}')`;
    return this.locked(async (manager) => {
      const [{ exists }] = await manager.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [name]);
      if (exists) return false;
      const [{ stranded }] = await manager.query(`SELECT EXISTS (SELECT 1 FROM call_logs_default WHERE started_at >= $1 AND started_at < $2) AS stranded`, [
        day,
        addDays(day, 1),
      ]);
      if (!stranded) {
        await manager.query(`CREATE TABLE ${name} PARTITION OF call_logs ${bounds}`);
        return true;
      }
      await manager.query(`CREATE TABLE ${name} (LIKE call_logs INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      await manager.query(
        `WITH moved AS (DELETE FROM call_logs_default WHERE started_at >= $1 AND started_at < $2 RETURNING *) INSERT INTO ${name} SELECT * FROM moved`,
        [day, addDays(day, 1)],
      );
      await manager.query(`ALTER TABLE call_logs ATTACH PARTITION ${name} ${bounds}`);
      return true;
    });
  }

  /** Drops the daily partitions of days before `cutoff` and deletes older rows from the DEFAULT partition. */
  async dropBefore(cutoff: Date): Promise<string[]> {
    const expired = (await this.dailyPartitions()).filter((name) => partitionDay(name)!.getTime() < cutoff.getTime());
    return this.locked(async (manager) => {
      for (const name of expired) await manager.query(`DROP TABLE IF EXISTS ${name}`);
      await manager.query(`DELETE FROM call_logs_default WHERE started_at < $1`, [cutoff]);
      return expired;
    });
  }

  private locked<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '10s'`);
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('portico.call_logs.partitions'))`);
      return work(manager);
    });
  }
}
