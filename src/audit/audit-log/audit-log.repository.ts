import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuditRecord, type ChainPoint, chainOf } from './audit-entry';

export interface AuditFilter {
  action?: string;
  resourceType?: string;
  resourceId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
}

export interface ChainAnchor extends ChainPoint {
  occurredAt: Date;
  purgedAt: Date;
  purgedTotal: number;
}

export const COLUMNS = `id, workspace_id, seq, occurred_at, actor_kind, actor_id, actor_api_key_id, actor_email, action, resource_type, resource_id,
  before, after, changes, ip, user_agent, request_id, prev_hash, hash`;

interface AuditRow {
  id: string;
  workspace_id: string | null;
  seq: string;
  occurred_at: Date;
  actor_kind: AuditRecord['actor']['kind'];
  actor_id: string;
  actor_api_key_id: string | null;
  actor_email: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  before: unknown;
  after: unknown;
  changes: string[];
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * Reads of `audit_entries` and `audit_chain_anchors`, always of one chain, and the retention
 * purge. Appending is `AuditChainRepository`'s.
 */
@Injectable()
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first, one page of a chain: entries with `seq` below `beforeSeq`. */
  async page(workspaceId: string | null, filter: AuditFilter, beforeSeq: number | null, limit: number): Promise<AuditRecord[]> {
    const where = conditions(workspaceId, filter);
    if (beforeSeq !== null) where.add('seq < $?', beforeSeq);
    const rows: AuditRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM audit_entries WHERE ${where.sql} ORDER BY seq DESC LIMIT ${where.param(limit)}`, where.params);
    return rows.map(toRecord);
  }

  /** Oldest first, the entries of a chain after `afterSeq` (for exports and verification). */
  async batchAfter(workspaceId: string | null, filter: AuditFilter, afterSeq: number, size: number, manager: EntityManager = this.dataSource.manager): Promise<AuditRecord[]> {
    const where = conditions(workspaceId, filter);
    where.add('seq > $?', afterSeq);
    const rows: AuditRow[] = await manager.query(`SELECT ${COLUMNS} FROM audit_entries WHERE ${where.sql} ORDER BY seq ASC LIMIT ${where.param(size)}`, where.params);
    return rows.map(toRecord);
  }

  async anchor(workspaceId: string | null, manager: EntityManager = this.dataSource.manager): Promise<ChainAnchor | null> {
    const rows: { seq: string; hash: string; occurred_at: Date; purged_at: Date; purged_total: string }[] = await manager.query(
      'SELECT seq, hash, occurred_at, purged_at, purged_total FROM audit_chain_anchors WHERE chain = $1',
      [chainOf(workspaceId)],
    );
    const row = rows[0];
    return row ? { seq: Number(row.seq), hash: row.hash, occurredAt: row.occurred_at, purgedAt: row.purged_at, purgedTotal: Number(row.purged_total) } : null;
  }

  /** A snapshot that stays still while a chain is walked (a purge or new entries committing meanwhile are not seen). */
  snapshot<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      return work(manager);
    });
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The workspace ids (null: the instance) of chains with entries older than `cutoff`. */
  async chainsOlderThan(cutoff: Date): Promise<(string | null)[]> {
    const rows: { workspace_id: string | null }[] = await this.dataSource.query(
      'SELECT DISTINCT workspace_id FROM audit_entries WHERE occurred_at < $1',
      [cutoff],
    );
    return rows.map((row) => row.workspace_id);
  }

  /**
   * Deletes the oldest entries of a chain, up to (not including) its first entry that is not
   * older than the retention, and moves the chain's anchor to the last one deleted. The caller
   * holds the chain lock. The triggers allow it only in this transaction (`SET LOCAL`), and only
   * for entries older than `retentionDays`.
   */
  async purgePrefix(manager: EntityManager, workspaceId: string | null, retentionDays: number): Promise<{ purged: number; anchor: ChainPoint | null }> {
    const chain = chainOf(workspaceId);
    await manager.query(`SELECT set_config('portico.audit_retention', 'on', true), set_config('portico.audit_retention_days', $1, true)`, [String(retentionDays)]);
    const cutoff = `now() - make_interval(days => $2::int)`;
    const [last]: { seq: string; hash: string; occurred_at: Date }[] = await manager.query(
      `SELECT seq, hash, occurred_at FROM audit_entries
       WHERE chain = $1 AND occurred_at < ${cutoff}
         AND seq < COALESCE((SELECT min(seq) FROM audit_entries WHERE chain = $1 AND occurred_at >= ${cutoff}), 'infinity'::numeric)
       ORDER BY seq DESC LIMIT 1`,
      [chain, retentionDays],
    );
    if (!last) return { purged: 0, anchor: null };
    const [{ purged }]: { purged: number }[] = await manager.query(
      'WITH gone AS (DELETE FROM audit_entries WHERE chain = $1 AND seq <= $2 RETURNING 1) SELECT count(*)::int AS purged FROM gone',
      [chain, last.seq],
    );
    await manager.query(
      `INSERT INTO audit_chain_anchors (chain, workspace_id, seq, hash, occurred_at, purged_total) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (chain) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, occurred_at = EXCLUDED.occurred_at,
         purged_at = now(), purged_total = audit_chain_anchors.purged_total + EXCLUDED.purged_total`,
      [chain, workspaceId, last.seq, last.hash, last.occurred_at, purged],
    );
    return { purged, anchor: { seq: Number(last.seq), hash: last.hash } };
  }
}

/** WHERE clauses with numbered parameters; `$?` in a clause stands for its parameter's number. */
function conditions(workspaceId: string | null, filter: AuditFilter) {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const add = (clause: string, value: unknown) => clauses.push(clause.replace('$?', param(value)));
  add('chain = $?', chainOf(workspaceId));
  if (filter.action !== undefined) add('action = $?', filter.action);
  if (filter.resourceType !== undefined) add('resource_type = $?', filter.resourceType);
  if (filter.resourceId !== undefined) add('resource_id = $?', filter.resourceId);
  if (filter.actorId !== undefined) add('actor_id = $?', filter.actorId);
  if (filter.from !== undefined) add('occurred_at >= $?', filter.from);
  if (filter.to !== undefined) add('occurred_at < $?', filter.to);
  return {
    add,
    param,
    params,
    get sql() {
      return clauses.join(' AND ');
    },
  };
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    seq: Number(row.seq),
    occurredAt: row.occurred_at,
    actor: { kind: row.actor_kind, id: row.actor_id, apiKeyId: row.actor_api_key_id, email: row.actor_email },
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    before: row.before,
    after: row.after,
    changes: row.changes,
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
