import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** An endpoint as the admin API shows it (never its secrets). */
export interface WebhookEndpointRow {
  id: string;
  workspaceId: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  secretHint: string;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface WebhookEndpointValues {
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
}

/** The sealed current secret, and optionally the previous one still honoured until `previousExpiresAt`. */
export interface SealedSecrets {
  secretEnc: string;
  secretHint: string;
  previousSecretEnc: string | null;
  previousSecretExpiresAt: Date | null;
}

// TypeORM answers UPDATE and DELETE with [rows, affected count], everything else with the rows.
const COLUMNS = `id, workspace_id AS "workspaceId", url, description, event_types AS "eventTypes", enabled, secret_hint AS "secretHint",
  previous_secret_expires_at AS "previousSecretExpiresAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The only code that touches `webhook_endpoints`; every query names the workspace. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  list(workspaceId: string): Promise<WebhookEndpointRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE workspace_id = $1 ORDER BY created_at, id`, [workspaceId]);
  }

  async find(workspaceId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<WebhookEndpointRow | null> {
    const rows: WebhookEndpointRow[] = await manager.query(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
    return rows[0] ?? null;
  }

  /** Locks the row for the rest of the transaction, so concurrent changes are audited in order. */
  async lock(manager: EntityManager, workspaceId: string, id: string): Promise<WebhookEndpointRow | null> {
    const rows: WebhookEndpointRow[] = await manager.query(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE workspace_id = $1 AND id = $2 FOR UPDATE`, [workspaceId, id]);
    return rows[0] ?? null;
  }

  async insert(manager: EntityManager, workspaceId: string, values: WebhookEndpointValues, secrets: SealedSecrets): Promise<WebhookEndpointRow> {
    const rows: WebhookEndpointRow[] = await manager.query(
      `INSERT INTO webhook_endpoints (workspace_id, url, description, event_types, enabled, secret_enc, secret_hint)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [workspaceId, values.url, values.description, values.eventTypes, values.enabled, secrets.secretEnc, secrets.secretHint],
    );
    return rows[0];
  }

  async update(manager: EntityManager, workspaceId: string, id: string, values: Partial<WebhookEndpointValues>): Promise<WebhookEndpointRow | null> {
    const [rows]: [WebhookEndpointRow[], number] = await manager.query(
      `UPDATE webhook_endpoints SET url = coalesce($3, url), description = coalesce($4, description), event_types = coalesce($5, event_types),
         enabled = coalesce($6, enabled), updated_at = now()
       WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [workspaceId, id, values.url ?? null, values.description ?? null, values.eventTypes ?? null, values.enabled ?? null],
    );
    return rows[0] ?? null;
  }

  async replaceSecrets(manager: EntityManager, workspaceId: string, id: string, secrets: SealedSecrets): Promise<WebhookEndpointRow | null> {
    const [rows]: [WebhookEndpointRow[], number] = await manager.query(
      `UPDATE webhook_endpoints SET secret_enc = $3, secret_hint = $4, previous_secret_enc = $5, previous_secret_expires_at = $6, updated_at = now()
       WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [workspaceId, id, secrets.secretEnc, secrets.secretHint, secrets.previousSecretEnc, secrets.previousSecretExpiresAt],
    );
    return rows[0] ?? null;
  }

  /** The sealed current secret of a locked endpoint, to carry it over as the previous one. */
  async sealedSecret(manager: EntityManager, workspaceId: string, id: string): Promise<string | null> {
    const rows: { secretEnc: string }[] = await manager.query(`SELECT secret_enc AS "secretEnc" FROM webhook_endpoints WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
    return rows[0]?.secretEnc ?? null;
  }

  async delete(manager: EntityManager, workspaceId: string, id: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await manager.query(`DELETE FROM webhook_endpoints WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
    return affected > 0;
  }

  /**
   * The enabled endpoints of a workspace with their filters, read in the producer's transaction and
   * key-share locked, so an endpoint deleted at the same moment cannot fail the producer's insert.
   */
  listEnabledFilters(manager: EntityManager, workspaceId: string): Promise<{ id: string; eventTypes: string[] }[]> {
    return manager.query(`SELECT id, event_types AS "eventTypes" FROM webhook_endpoints WHERE workspace_id = $1 AND enabled ORDER BY created_at, id FOR KEY SHARE`, [workspaceId]);
  }
}
