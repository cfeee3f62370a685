import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { publishChange } from '../../common/change-bus/change-bus';
import type { RateLimitRule } from '../enforcement/usage-policy';

/** A rule as stored, with its admin fields. */
export interface RateLimitRow extends RateLimitRule {
  readonly enabled: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly createdBy: string;
}

export type RateLimitValues = Omit<RateLimitRow, 'id' | 'workspaceId' | 'createdAt' | 'updatedAt' | 'createdBy'>;

interface Row {
  id: string;
  workspace_id: string;
  name: string;
  match_api_key_id: string | null;
  match_route: string | null;
  match_model: string | null;
  per_key: boolean;
  per_route: boolean;
  per_model: boolean;
  requests_per_minute: number | null;
  tokens_per_minute: number | null;
  concurrent_requests: number | null;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
  created_by: string;
}

const COLUMNS = `id, workspace_id, name, match_api_key_id, match_route, match_model, per_key, per_route, per_model,
  requests_per_minute, tokens_per_minute, concurrent_requests, enabled, created_at, updated_at, created_by`;

/** The only code that touches `rate_limits`; every write publishes a `limits` change in its transaction. */
@Injectable()
export class RateLimitsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async list(workspaceId: string): Promise<RateLimitRow[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM rate_limits WHERE workspace_id = $1 ORDER BY name`, [workspaceId]);
    return rows.map(toRule);
  }

  find(workspaceId: string, id: string): Promise<RateLimitRow | undefined> {
    return this.get(this.dataSource.manager, workspaceId, id);
  }

  async get(manager: EntityManager, workspaceId: string, id: string, lock = false): Promise<RateLimitRow | undefined> {
    const rows: Row[] = await manager.query(`SELECT ${COLUMNS} FROM rate_limits WHERE workspace_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [workspaceId, id]);
    return rows[0] && toRule(rows[0]);
  }

  /** Enabled rules of some workspaces (`undefined`: all), for the data plane's snapshot. */
  async loadEnabled(workspaceIds?: readonly string[]): Promise<RateLimitRule[]> {
    const rows: Row[] = workspaceIds
      ? await this.dataSource.query(`SELECT ${COLUMNS} FROM rate_limits WHERE enabled AND workspace_id = ANY($1::uuid[])`, [workspaceIds])
      : await this.dataSource.query(`SELECT ${COLUMNS} FROM rate_limits WHERE enabled`);
    return rows.map(toRule);
  }

  async insert(manager: EntityManager, workspaceId: string, values: RateLimitValues, createdBy: string): Promise<RateLimitRow> {
    const rows: Row[] = await manager.query(
      `INSERT INTO rate_limits (workspace_id, name, match_api_key_id, match_route, match_model, per_key, per_route, per_model,
         requests_per_minute, tokens_per_minute, concurrent_requests, enabled, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
      [workspaceId, ...params(values), createdBy],
    );
    await publishChange(manager, { topic: 'limits', id: rows[0]!.id, workspaceId });
    return toRule(rows[0]!);
  }

  async update(manager: EntityManager, workspaceId: string, id: string, values: RateLimitValues): Promise<RateLimitRow> {
    // TypeORM answers UPDATE … RETURNING as [rows, affected].
    const [rows]: [Row[], number] = await manager.query(
      `UPDATE rate_limits SET name = $3, match_api_key_id = $4, match_route = $5, match_model = $6, per_key = $7, per_route = $8, per_model = $9,
         requests_per_minute = $10, tokens_per_minute = $11, concurrent_requests = $12, enabled = $13, updated_at = now()
       WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [workspaceId, id, ...params(values)],
    );
    await publishChange(manager, { topic: 'limits', id, workspaceId });
    return toRule(rows[0]!);
  }

  async delete(manager: EntityManager, workspaceId: string, id: string): Promise<void> {
    await manager.query(`DELETE FROM rate_limits WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
    await publishChange(manager, { topic: 'limits', id, workspaceId });
  }

  async keyInWorkspace(manager: EntityManager, workspaceId: string, apiKeyId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM api_keys WHERE workspace_id = $1 AND id = $2`, [workspaceId, apiKeyId]);
    return rows.length > 0;
  }
}

function params(values: RateLimitValues): unknown[] {
  return [
    values.name,
    values.match.apiKeyId,
    values.match.route,
    values.match.model,
    values.per.key,
    values.per.route,
    values.per.model,
    values.requestsPerMinute,
    values.tokensPerMinute,
    values.concurrentRequests,
    values.enabled,
  ];
}

function toRule(row: Row): RateLimitRow {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    match: { apiKeyId: row.match_api_key_id, route: row.match_route, model: row.match_model },
    per: { key: row.per_key, route: row.per_route, model: row.per_model },
    requestsPerMinute: row.requests_per_minute,
    tokensPerMinute: row.tokens_per_minute,
    concurrentRequests: row.concurrent_requests,
    enabled: row.enabled,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
  };
}
