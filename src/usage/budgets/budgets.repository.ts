import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { publishChange } from '../../common/change-bus/change-bus';
import type { BudgetPeriod, BudgetRule, BudgetScope } from '../enforcement/usage-policy';

export interface BudgetRow extends BudgetRule {
  readonly enabled: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly createdBy: string;
}

export type BudgetValues = Pick<BudgetRow, 'scope' | 'scopeId' | 'period' | 'limitNanoUsd' | 'alertThresholds' | 'enabled'>;

/** One budget's durable spend in one period, after a ledger flush. */
export interface SpendTotal {
  readonly budgetId: string;
  readonly period: string;
  readonly spentNanoUsd: number;
  readonly alertedThreshold: number;
}

interface Row {
  id: string;
  workspace_id: string;
  scope: BudgetScope;
  scope_id: string | null;
  period: BudgetPeriod;
  limit_nano_usd: string;
  alert_thresholds: number[];
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
  created_by: string;
}

interface SpendRow {
  budget_id: string;
  period: string;
  spent_nano_usd: string;
  alerted_threshold: number;
}

const COLUMNS = `id, workspace_id, scope, scope_id, period, limit_nano_usd, alert_thresholds, enabled, created_at, updated_at, created_by`;

/** The only code that touches `budgets` and `budget_spend`; budget writes publish a `budgets` change. */
@Injectable()
export class BudgetsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async list(workspaceId: string): Promise<BudgetRow[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM budgets WHERE workspace_id = $1 ORDER BY scope, period, created_at`, [workspaceId]);
    return rows.map(toBudget);
  }

  find(workspaceId: string, id: string): Promise<BudgetRow | undefined> {
    return this.get(this.dataSource.manager, workspaceId, id);
  }

  async get(manager: EntityManager, workspaceId: string, id: string, lock = false): Promise<BudgetRow | undefined> {
    const rows: Row[] = await manager.query(`SELECT ${COLUMNS} FROM budgets WHERE workspace_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [workspaceId, id]);
    return rows[0] && toBudget(rows[0]);
  }

  /** The workspace's budgets of one period, locked, so nesting checks and the write see the same rows. */
  async samePeriod(manager: EntityManager, workspaceId: string, period: BudgetPeriod): Promise<BudgetRow[]> {
    const rows: Row[] = await manager.query(`SELECT ${COLUMNS} FROM budgets WHERE workspace_id = $1 AND period = $2 FOR UPDATE`, [workspaceId, period]);
    return rows.map(toBudget);
  }

  async loadEnabled(workspaceIds?: readonly string[]): Promise<BudgetRule[]> {
    const rows: Row[] = workspaceIds
      ? await this.dataSource.query(`SELECT ${COLUMNS} FROM budgets WHERE enabled AND workspace_id = ANY($1::uuid[])`, [workspaceIds])
      : await this.dataSource.query(`SELECT ${COLUMNS} FROM budgets WHERE enabled`);
    return rows.map(toBudget);
  }

  async insert(manager: EntityManager, workspaceId: string, values: BudgetValues, createdBy: string): Promise<BudgetRow> {
    const rows: Row[] = await manager.query(
      `INSERT INTO budgets (workspace_id, scope, scope_id, period, limit_nano_usd, alert_thresholds, enabled, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [workspaceId, values.scope, values.scopeId, values.period, values.limitNanoUsd, values.alertThresholds, values.enabled, createdBy],
    );
    await publishChange(manager, { topic: 'budgets', id: rows[0]!.id, workspaceId });
    return toBudget(rows[0]!);
  }

  async update(manager: EntityManager, workspaceId: string, id: string, values: Pick<BudgetValues, 'limitNanoUsd' | 'alertThresholds' | 'enabled'>): Promise<BudgetRow> {
    // TypeORM answers UPDATE … RETURNING as [rows, affected].
    const [rows]: [Row[], number] = await manager.query(
      `UPDATE budgets SET limit_nano_usd = $3, alert_thresholds = $4, enabled = $5, updated_at = now() WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [workspaceId, id, values.limitNanoUsd, values.alertThresholds, values.enabled],
    );
    await publishChange(manager, { topic: 'budgets', id, workspaceId });
    return toBudget(rows[0]!);
  }

  async delete(manager: EntityManager, workspaceId: string, id: string): Promise<void> {
    await manager.query(`DELETE FROM budgets WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
    await publishChange(manager, { topic: 'budgets', id, workspaceId });
  }

  /** Whether the scope's subject (service account, user membership or API key) belongs to the workspace. */
  async scopeExists(manager: EntityManager, workspaceId: string, scope: BudgetScope, scopeId: string): Promise<boolean> {
    const sql: Record<Exclude<BudgetScope, 'workspace'>, string> = {
      service_account: `SELECT 1 FROM service_accounts WHERE workspace_id = $1 AND id = $2`,
      user: `SELECT 1 FROM workspace_members WHERE workspace_id = $1 AND user_id = $2`,
      api_key: `SELECT 1 FROM api_keys WHERE workspace_id = $1 AND id = $2`,
    };
    if (scope === 'workspace') return true;
    const rows: unknown[] = await manager.query(sql[scope], [workspaceId, scopeId]);
    return rows.length > 0;
  }

  /** The owner (service account or user) of an API key, for nesting a key budget under its owner's. */
  async keyOwner(manager: EntityManager, workspaceId: string, apiKeyId: string): Promise<{ ownerType: 'service_account' | 'user'; ownerId: string } | undefined> {
    const rows: { owner_type: 'service_account' | 'user'; owner_id: string }[] = await manager.query(
      `SELECT owner_type, owner_id FROM api_keys WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, apiKeyId],
    );
    return rows[0] && { ownerType: rows[0].owner_type, ownerId: rows[0].owner_id };
  }

  /**
   * Adds spend deltas in one statement (budgets deleted meanwhile are skipped) and answers the new
   * totals. Several processes add concurrently; additions commute, so the totals are exact.
   */
  async addSpend(manager: EntityManager, deltas: readonly { budgetId: string; period: string; nanoUsd: number }[]): Promise<SpendTotal[]> {
    const rows: SpendRow[] = await manager.query(
      `INSERT INTO budget_spend (budget_id, period, spent_nano_usd)
       SELECT d.budget_id, d.period, d.amount FROM unnest($1::uuid[], $2::text[], $3::bigint[]) AS d (budget_id, period, amount)
       JOIN budgets b ON b.id = d.budget_id
       ORDER BY d.budget_id, d.period
       ON CONFLICT (budget_id, period) DO UPDATE SET spent_nano_usd = budget_spend.spent_nano_usd + EXCLUDED.spent_nano_usd, updated_at = now()
       RETURNING budget_id, period, spent_nano_usd, alerted_threshold`,
      [deltas.map((d) => d.budgetId), deltas.map((d) => d.period), deltas.map((d) => String(d.nanoUsd))],
    );
    return rows.map(toSpend);
  }

  /** Claims a spill file for replay; false when it was replayed before (a crash between replay and delete). */
  async claimSpillReplay(manager: EntityManager, fileName: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`INSERT INTO budget_spill_replays (file_name) VALUES ($1) ON CONFLICT DO NOTHING RETURNING 1`, [fileName]);
    return rows.length > 0;
  }

  /** Marks a threshold as alerted; true only for the one caller that moved it (exactly-once alerts). */
  async markAlerted(manager: EntityManager, budgetId: string, period: string, threshold: number): Promise<boolean> {
    const [, affected]: [unknown[], number] = await manager.query(
      `UPDATE budget_spend SET alerted_threshold = $3 WHERE budget_id = $1 AND period = $2 AND alerted_threshold < $3`,
      [budgetId, period, threshold],
    );
    return affected > 0;
  }

  async spendOf(keys: readonly { budgetId: string; period: string }[]): Promise<SpendTotal[]> {
    if (keys.length === 0) return [];
    const rows: SpendRow[] = await this.dataSource.query(
      `SELECT s.budget_id, s.period, s.spent_nano_usd, s.alerted_threshold FROM budget_spend s
       JOIN unnest($1::uuid[], $2::text[]) AS k (budget_id, period) ON k.budget_id = s.budget_id AND k.period = s.period`,
      [keys.map((k) => k.budgetId), keys.map((k) => k.period)],
    );
    return rows.map(toSpend);
  }
}

function toBudget(row: Row): BudgetRow {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    scope: row.scope,
    scopeId: row.scope_id,
    period: row.period,
    limitNanoUsd: Number(row.limit_nano_usd),
    alertThresholds: row.alert_thresholds,
    enabled: row.enabled,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
  };
}

function toSpend(row: SpendRow): SpendTotal {
  return { budgetId: row.budget_id, period: row.period, spentNanoUsd: Number(row.spent_nano_usd), alertedThreshold: row.alerted_threshold };
}
