import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The `prev_hash` of the first entry of a chain that has never been purged. */
export const GENESIS_HASH = '0'.repeat(64);

/** Instance-level entries (`workspaceId` null) form the chain keyed by the nil uuid. */
export const INSTANCE_CHAIN = '00000000-0000-0000-0000-000000000000';

export const chainOf = (workspaceId: string | null): string => workspaceId ?? INSTANCE_CHAIN;

export type ActorKind = 'user' | 'service_account' | 'system';

export interface AuditActor {
  kind: ActorKind;
  /** A user or service-account id, or the name of the system job (`first-run`, `audit-retention`). */
  id: string;
  /** The API key the caller used, when they used one. */
  apiKeyId: string | null;
  email: string | null;
}

/** One stored entry, exactly as hashed. */
export interface AuditRecord {
  id: string;
  workspaceId: string | null;
  seq: number;
  occurredAt: Date;
  actor: AuditActor;
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  changes: string[];
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

const HASH_DOMAIN = 'portico-audit-v1\n';

/**
 * SHA-256 (hex) over `portico-audit-v1\n` + the canonical JSON of every field of the entry but the
 * hash itself, `prevHash` included: changing any stored value, or the order of the chain, changes it.
 */
export function entryHash(record: Omit<AuditRecord, 'hash'>): string {
  const hashed = {
    id: record.id,
    workspaceId: record.workspaceId,
    seq: record.seq,
    occurredAt: record.occurredAt.toISOString(),
    actor: { kind: record.actor.kind, id: record.actor.id, apiKeyId: record.actor.apiKeyId, email: record.actor.email },
    action: record.action,
    resourceType: record.resourceType,
    resourceId: record.resourceId,
    before: record.before ?? null,
    after: record.after ?? null,
    changes: record.changes,
    ip: record.ip,
    userAgent: record.userAgent,
    requestId: record.requestId,
    prevHash: record.prevHash,
  };
  return createHash('sha256').update(HASH_DOMAIN).update(canonicalJson(hashed)).digest('hex');
}

/** The end a chain continues from: its last entry, or the anchor its retention purge left. */
export interface ChainPoint {
  seq: number;
  hash: string;
}
