import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { publishChange } from '../../../common/change-bus/change-bus';

export interface CallLogSettingsRow {
  workspaceId: string;
  storeBodies: boolean;
  updatedAt: Date;
  updatedBy: string;
}

interface SettingsRecord {
  workspace_id: string;
  store_bodies: boolean;
  updated_at: Date;
  updated_by: string;
}

/** The only code that touches `call_log_settings`. A change publishes `call_log_settings` in its transaction. */
@Injectable()
export class CallLogSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async find(workspaceId: string, manager: EntityManager = this.dataSource.manager): Promise<CallLogSettingsRow | undefined> {
    const rows: SettingsRecord[] = await manager.query(`SELECT * FROM call_log_settings WHERE workspace_id = $1`, [workspaceId]);
    return rows[0] && toRow(rows[0]);
  }

  async upsert(manager: EntityManager, workspaceId: string, storeBodies: boolean, updatedBy: string): Promise<CallLogSettingsRow> {
    const rows: SettingsRecord[] = await manager.query(
      `INSERT INTO call_log_settings (workspace_id, store_bodies, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (workspace_id) DO UPDATE SET store_bodies = EXCLUDED.store_bodies, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING *`,
      [workspaceId, storeBodies, updatedBy],
    );
    await publishChange(manager, { topic: 'call_log_settings', workspaceId });
    return toRow(rows[0]);
  }

  /** Of `workspaceIds` (or of all, without it), the workspaces that store bodies. */
  async workspacesStoringBodies(workspaceIds?: readonly string[]): Promise<string[]> {
    const rows: Array<{ workspace_id: string }> = workspaceIds
      ? await this.dataSource.query(`SELECT workspace_id FROM call_log_settings WHERE store_bodies AND workspace_id = ANY($1::uuid[])`, [workspaceIds])
      : await this.dataSource.query(`SELECT workspace_id FROM call_log_settings WHERE store_bodies`);
    return rows.map((row) => row.workspace_id);
  }
}

function toRow(record: SettingsRecord): CallLogSettingsRow {
  return { workspaceId: record.workspace_id, storeBodies: record.store_bodies, updatedAt: record.updated_at, updatedBy: record.updated_by };
}
