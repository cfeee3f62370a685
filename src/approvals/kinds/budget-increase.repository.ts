import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { publishChange } from '../../common/change-bus/change-bus';

export interface BudgetLimit {
  readonly id: string;
  readonly workspaceId: string;
  readonly scope: 'workspace' | 'service_account' | 'user' | 'api_key';
  readonly scopeId: string | null;
  readonly period: string;
  readonly limitNanoUsd: number;
  readonly enabled: boolean;
}

interface Row {
  id: string;
  workspace_id: string;
  scope: BudgetLimit['scope'];
  scope_id: string | null;
  period: string;
  limit_nano_usd: string;
  enabled: boolean;
}

const COLUMNS = `id, workspace_id, scope, scope_id, period, limit_nano_usd, enabled`;

/**
 * What a `budget_increase` approval reads and changes in `budgets`. Writes lock the budget's whole
 * period, as the budgets API does, so a nesting check and the write see the same rows; each write
 * publishes a `budgets` change so the data plane enforces the new limit.
 */
@Injectable()
export class BudgetIncreaseRepository {
  async find(manager: EntityManager, workspaceId: string, id: string): Promise<BudgetLimit | undefined> {
    const rows: Row[] = await manager.query(`SELECT ${COLUMNS} FROM budgets WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
    return rows[0] && toLimit(rows[0]);
  }

  /** The budget and every other budget of its period in the workspace, all locked; undefined when it is gone. */
  async lockPeriodOf(manager: EntityManager, workspaceId: string, id: string): Promise<{ budget: BudgetLimit; samePeriod: BudgetLimit[] } | undefined> {
    const rows: Row[] = await manager.query(
      `SELECT ${COLUMNS} FROM budgets WHERE workspace_id = $1 AND period = (SELECT period FROM budgets WHERE workspace_id = $1 AND id = $2) FOR UPDATE`,
      [workspaceId, id],
    );
    const all = rows.map(toLimit);
    const budget = all.find((candidate) => candidate.id === id);
    return budget && { budget, samePeriod: all.filter((candidate) => candidate.id !== id) };
  }

  async keyOwner(manager: EntityManager, workspaceId: string, apiKeyId: string): Promise<{ ownerType: string; ownerId: string } | undefined> {
    const rows: { owner_type: string; owner_id: string }[] = await manager.query(`SELECT owner_type, owner_id FROM api_keys WHERE workspace_id = $1 AND id = $2`, [workspaceId, apiKeyId]);
    return rows[0] && { ownerType: rows[0].owner_type, ownerId: rows[0].owner_id };
  }

  async setLimit(manager: EntityManager, workspaceId: string, id: string, limitNanoUsd: number): Promise<BudgetLimit> {
    const [rows]: [Row[], number] = await manager.query(
      `UPDATE budgets SET limit_nano_usd = $3, updated_at = now() WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [workspaceId, id, limitNanoUsd],
    );
    await publishChange(manager, { topic: 'budgets', id, workspaceId });
    return toLimit(rows[0]!);
  }
}

function toLimit(row: Row): BudgetLimit {
  return { id: row.id, workspaceId: row.workspace_id, scope: row.scope, scopeId: row.scope_id, period: row.period, limitNanoUsd: Number(row.limit_nano_usd), enabled: row.enabled };
}
