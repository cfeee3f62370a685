import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { ChangeBus } from '../../common/change-bus/change-bus';
import { hashApiKeyBase64 } from '../api-key-material';
import type { ApiKeyOwnerType } from '../entities/api-key.entity';

/** What the data plane and the admin guard know about a live key. Never the key itself. */
export interface ApiKeyRecord {
  id: string;
  workspaceId: string;
  publicId: string;
  name: string;
  ownerType: ApiKeyOwnerType;
  ownerId: string;
  scopes: readonly string[];
  expiresAt: number | null;
}

export type ApiKeyCheck =
  | { ok: true; key: ApiKeyRecord }
  | { ok: false; reason: 'unknown' | 'expired' };

interface KeyRow {
  id: string;
  workspace_id: string;
  public_id: string;
  key_hash: Buffer;
  name: string;
  owner_type: ApiKeyOwnerType;
  owner_id: string;
  scopes: string[];
  expires_at: Date | null;
}

/**
 * Every live API key, in memory, by the SHA-256 of the key: checking a key is one hash and one
 * map lookup, no database round trip. Revoked keys, keys of disabled owners and user keys whose
 * owner left the workspace are absent.
 * A change to one key reloads that key on every process (LISTEN/NOTIFY); a resync reloads all.
 * `last_used_at` is written in one batched UPDATE per interval, never per request.
 */
export class ApiKeyRegistry {
  private byHash = new Map<string, ApiKeyRecord>();
  private hashById = new Map<string, string>();
  private readonly used = new Set<string>();
  private flushTimer?: NodeJS.Timeout;
  private safetyTimer?: NodeJS.Timeout;
  private readonly unsubscribe: Array<() => void> = [];
  private reloads: Promise<void> = Promise.resolve();
  private queuedFullReload?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: ChangeBus,
    private readonly logger: Logger,
    private readonly options: { usageFlushMs?: number; safetyReloadMs?: number } = {},
  ) {}

  async start(): Promise<void> {
    await this.reloadAll();
    this.unsubscribe.push(this.changes.subscribe('api_keys', (event) => (event.id ? this.reloadOne(event.id) : this.reloadAll())));
    this.unsubscribe.push(this.changes.subscribe('workspaces', () => this.reloadAll()));
    // Membership changes travel as policy changes; a user key lives only while its owner is a member.
    this.unsubscribe.push(this.changes.subscribe('policies', (event) => (event.workspaceId ? this.reloadAll() : undefined)));
    this.unsubscribe.push(this.changes.onResync(() => this.reloadAll()));
    this.flushTimer = setInterval(() => void this.flushUsage(), this.options.usageFlushMs ?? 10_000);
    this.flushTimer.unref();
    this.safetyTimer = setInterval(() => void this.reloadAll().catch(() => undefined), this.options.safetyReloadMs ?? 300_000);
    this.safetyTimer.unref();
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    clearInterval(this.flushTimer);
    clearInterval(this.safetyTimer);
    await this.flushUsage();
  }

  get size(): number {
    return this.byHash.size;
  }

  check(rawKey: string, now = Date.now()): ApiKeyCheck {
    const key = this.byHash.get(hashApiKeyBase64(rawKey));
    if (!key) return { ok: false, reason: 'unknown' };
    if (key.expiresAt !== null && key.expiresAt <= now) return { ok: false, reason: 'expired' };
    this.used.add(key.id);
    return { ok: true, key };
  }

  /**
   * Reloads run one after another, in the order the changes arrived: a full reload that started
   * before a revocation must not land after it and bring the revoked key back.
   */
  reloadAll(): Promise<void> {
    // A full reload still waiting in the queue will see this change too.
    if (this.queuedFullReload) return this.queuedFullReload;
    const reload = this.serialized(async () => {
      this.queuedFullReload = undefined;
      const rows: KeyRow[] = await this.dataSource.query(`${SELECT_LIVE_KEYS}`);
      const next = new Map<string, ApiKeyRecord>();
      const nextHashById = new Map<string, string>();
      for (const row of rows) {
        const hash = row.key_hash.toString('base64');
        next.set(hash, toRecord(row));
        nextHashById.set(row.id, hash);
      }
      this.byHash = next;
      this.hashById = nextHashById;
    });
    this.queuedFullReload = reload;
    return reload;
  }

  reloadOne(id: string): Promise<void> {
    return this.serialized(async () => {
      const rows: KeyRow[] = await this.dataSource.query(`${SELECT_LIVE_KEYS} AND k.id = $1`, [id]);
      const previous = this.hashById.get(id);
      if (previous) this.byHash.delete(previous);
      this.hashById.delete(id);
      const row = rows[0];
      if (!row) return;
      const hash = row.key_hash.toString('base64');
      this.byHash.set(hash, toRecord(row));
      this.hashById.set(id, hash);
    });
  }

  private serialized(work: () => Promise<void>): Promise<void> {
    const run = this.reloads.then(work);
    this.reloads = run.catch(() => undefined);
    return run;
  }

  /** Writes `last_used_at` for the keys used since the last flush, in one statement. */
  async flushUsage(): Promise<void> {
    if (this.used.size === 0 || !this.dataSource.isInitialized) return;
    const ids = [...this.used];
    this.used.clear();
    try {
      await this.dataSource.query('UPDATE api_keys SET last_used_at = now() WHERE id = ANY($1::uuid[])', [ids]);
    } catch (error) {
      for (const id of ids) this.used.add(id);
      this.logger.warn({ err: error, keys: ids.length }, 'could not record API key usage; will retry');
    }
  }
}

const SELECT_LIVE_KEYS = `
  SELECT k.id, k.workspace_id, k.public_id, k.key_hash, k.name, k.owner_type, k.owner_id, k.scopes, k.expires_at
  FROM api_keys k
  LEFT JOIN service_accounts sa ON k.owner_type = 'service_account' AND sa.id = k.owner_id
  LEFT JOIN users u ON k.owner_type = 'user' AND u.id = k.owner_id
  WHERE k.revoked_at IS NULL
    AND (k.owner_type <> 'service_account' OR (sa.id IS NOT NULL AND sa.disabled_at IS NULL))
    AND (k.owner_type <> 'user' OR (u.id IS NOT NULL AND u.disabled_at IS NULL AND EXISTS (
      SELECT 1 FROM workspace_members m WHERE m.workspace_id = k.workspace_id AND m.user_id = k.owner_id)))`;

function toRecord(row: KeyRow): ApiKeyRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    publicId: row.public_id,
    name: row.name,
    ownerType: row.owner_type,
    ownerId: row.owner_id,
    scopes: Object.freeze([...row.scopes]),
    expiresAt: row.expires_at ? row.expires_at.getTime() : null,
  };
}
