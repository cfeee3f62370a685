import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { publishChange } from '../common/change-bus/change-bus';
import type { GuardBindingRule, GuardScope } from './guard-binding';

export interface GuardBindingRow extends GuardBindingRule {
  readonly enabled: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly createdBy: string;
}

export type GuardBindingValues = Pick<GuardBindingRow, 'pluginId' | 'scope' | 'scopeRef' | 'config' | 'failMode' | 'timeoutMs' | 'enabled'>;

interface Row {
  id: string;
  workspace_id: string;
  plugin_id: string;
  scope: GuardScope;
  scope_ref: string | null;
  config: Record<string, unknown>;
  fail_mode: 'open' | 'closed';
  timeout_ms: number;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
  created_by: string;
}

const COLUMNS = `id, workspace_id, plugin_id, scope, scope_ref, config, fail_mode, timeout_ms, enabled, created_at, updated_at, created_by`;

/** The only code that touches `guard_bindings`; writes publish a `guard_bindings` change in their transaction. */
@Injectable()
export class GuardBindingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async list(workspaceId: string): Promise<GuardBindingRow[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM guard_bindings WHERE workspace_id = $1 ORDER BY plugin_id, scope, scope_ref`, [workspaceId]);
    return rows.map(toBinding);
  }

  find(workspaceId: string, id: string): Promise<GuardBindingRow | undefined> {
    return this.get(this.dataSource.manager, workspaceId, id);
  }

  async get(manager: EntityManager, workspaceId: string, id: string, lock = false): Promise<GuardBindingRow | undefined> {
    const rows: Row[] = await manager.query(`SELECT ${COLUMNS} FROM guard_bindings WHERE workspace_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [workspaceId, id]);
    return rows[0] && toBinding(rows[0]);
  }

  async loadEnabled(workspaceIds?: readonly string[]): Promise<GuardBindingRule[]> {
    const rows: Row[] = workspaceIds
      ? await this.dataSource.query(`SELECT ${COLUMNS} FROM guard_bindings WHERE enabled AND workspace_id = ANY($1::uuid[])`, [workspaceIds])
      : await this.dataSource.query(`SELECT ${COLUMNS} FROM guard_bindings WHERE enabled`);
    return rows.map(toBinding);
  }

  async insert(manager: EntityManager, workspaceId: string, values: GuardBindingValues, createdBy: string): Promise<GuardBindingRow> {
    const rows: Row[] = await manager.query(
      `INSERT INTO guard_bindings (workspace_id, plugin_id, scope, scope_ref, config, fail_mode, timeout_ms, enabled, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [workspaceId, values.pluginId, values.scope, values.scopeRef, JSON.stringify(values.config), values.failMode, values.timeoutMs, values.enabled, createdBy],
    );
    await publishChange(manager, { topic: 'guard_bindings', id: rows[0]!.id, workspaceId });
    return toBinding(rows[0]!);
  }

  async update(manager: EntityManager, workspaceId: string, id: string, values: Pick<GuardBindingValues, 'config' | 'failMode' | 'timeoutMs' | 'enabled'>): Promise<GuardBindingRow> {
    // TypeORM answers UPDATE … RETURNING as [rows, affected].
    const [rows]: [Row[], number] = await manager.query(
      `UPDATE guard_bindings SET config = $3, fail_mode = $4, timeout_ms = $5, enabled = $6, updated_at = now() WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [workspaceId, id, JSON.stringify(values.config), values.failMode, values.timeoutMs, values.enabled],
    );
    await publishChange(manager, { topic: 'guard_bindings', id, workspaceId });
    return toBinding(rows[0]!);
  }

  async delete(manager: EntityManager, workspaceId: string, id: string): Promise<void> {
    await manager.query(`DELETE FROM guard_bindings WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
    await publishChange(manager, { topic: 'guard_bindings', id, workspaceId });
  }

  /** Whether the scope's target exists in the workspace (a route alias, an API key; prompt APIs are checked by their module). */
  async targetExists(manager: EntityManager, workspaceId: string, scope: GuardScope, ref: string): Promise<boolean> {
    if (scope === 'route') return (await manager.query(`SELECT 1 FROM routes WHERE workspace_id = $1 AND alias = $2`, [workspaceId, ref])).length > 0;
    if (scope === 'api_key') return (await manager.query(`SELECT 1 FROM api_keys WHERE workspace_id = $1 AND id::text = $2`, [workspaceId, ref])).length > 0;
    return true;
  }
}

function toBinding(row: Row): GuardBindingRow {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    pluginId: row.plugin_id,
    scope: row.scope,
    scopeRef: row.scope_ref,
    config: row.config,
    failMode: row.fail_mode,
    timeoutMs: row.timeout_ms,
    enabled: row.enabled,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
  };
}
