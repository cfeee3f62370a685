import type { EntityManager } from 'typeorm';
import { isUuid } from '../../common/http/problems';
import { type AuditRecord, type ChainPoint, chainOf } from './audit-entry';
import { COLUMNS } from './audit-log.repository';

/** Arbitrary but fixed class of the per-chain advisory locks (`pg_advisory_xact_lock(class, hashtext(chain))`). */
const CHAIN_LOCK_CLASS = 72_736_306;

/**
 * Appends to `audit_entries`, always in the caller's transaction (so it needs nothing but the
 * manager it is handed), serialised per chain by an advisory lock held until that transaction
 * ends: `seq` and `prev_hash` never skip or fork.
 */
export class AuditChainRepository {
  /**
   * Locks the chain until the transaction ends, then reads where it ends and the database clock.
   * Two statements on purpose: in READ COMMITTED the second sees every entry committed before the
   * lock was granted.
   */
  async lockChain(manager: EntityManager, workspaceId: string | null): Promise<{ head: ChainPoint | null; now: Date }> {
    const chain = chainOf(workspaceId);
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CHAIN_LOCK_CLASS, chain]);
    const [row]: { seq: string | null; hash: string | null; now: Date }[] = await manager.query(
      `SELECT head.seq, head.hash, date_trunc('milliseconds', clock_timestamp()) AS now
       FROM (SELECT 1) AS one
       LEFT JOIN LATERAL (
         (SELECT seq, hash FROM audit_entries WHERE chain = $1 ORDER BY seq DESC LIMIT 1)
         UNION ALL
         (SELECT seq, hash FROM audit_chain_anchors WHERE chain = $1)
         ORDER BY seq DESC LIMIT 1
       ) AS head ON true`,
      [chain],
    );
    return { head: row.seq === null ? null : { seq: Number(row.seq), hash: row.hash! }, now: row.now };
  }

  async userEmail(manager: EntityManager, userId: string): Promise<string | null> {
    if (!isUuid(userId)) return null;
    const rows: { email: string }[] = await manager.query('SELECT email FROM users WHERE id = $1::uuid', [userId]);
    return rows[0]?.email ?? null;
  }

  async insert(manager: EntityManager, record: AuditRecord): Promise<void> {
    await manager.query(
      `INSERT INTO audit_entries (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14, $15, $16, $17, $18, $19)`,
      [
        record.id,
        record.workspaceId,
        record.seq,
        record.occurredAt,
        record.actor.kind,
        record.actor.id,
        record.actor.apiKeyId,
        record.actor.email,
        record.action,
        record.resourceType,
        record.resourceId,
        jsonParam(record.before),
        jsonParam(record.after),
        record.changes,
        record.ip,
        record.userAgent,
        record.requestId,
        record.prevHash,
        record.hash,
      ],
    );
  }
}

function jsonParam(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
