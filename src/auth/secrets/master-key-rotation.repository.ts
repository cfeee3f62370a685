import type { DataSource, EntityManager } from 'typeorm';
import type { EncryptedColumn } from './encrypted-columns';

const ROTATION_LOCK_KEY = 72_736_401;
export const FINGERPRINT_SETTING = 'master_key_fingerprint';

export interface SealedValue {
  key: unknown;
  sealed: string;
}

/**
 * The only database code of a master-key rotation. Table and column names come from the
 * `ENCRYPTED_COLUMNS` registry (code, never input), so they are safe to interpolate.
 */
export class MasterKeyRotationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One transaction under a lock, so two rotations never interleave. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [ROTATION_LOCK_KEY]);
      return work(manager);
    });
  }

  async readFingerprint(manager: EntityManager): Promise<string | undefined> {
    const rows: { value: unknown }[] = await manager.query('SELECT value FROM system_settings WHERE key = $1 FOR UPDATE', [FINGERPRINT_SETTING]);
    return typeof rows[0]?.value === 'string' ? rows[0].value : undefined;
  }

  async writeFingerprint(manager: EntityManager, fingerprint: string): Promise<void> {
    await manager.query(
      `INSERT INTO system_settings (key, value) VALUES ($1, $2::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`,
      [FINGERPRINT_SETTING, JSON.stringify(fingerprint)],
    );
  }

  /** Every sealed value of the column, locked until commit. */
  selectSealed(manager: EntityManager, column: EncryptedColumn): Promise<SealedValue[]> {
    return manager.query(`SELECT "${column.key}" AS key, "${column.column}" AS sealed FROM "${column.table}" WHERE "${column.column}" IS NOT NULL FOR UPDATE`);
  }

  async updateSealed(manager: EntityManager, column: EncryptedColumn, key: unknown, sealed: string): Promise<void> {
    await manager.query(`UPDATE "${column.table}" SET "${column.column}" = $1 WHERE "${column.key}" = $2`, [sealed, key]);
  }
}
