import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export const WEBHOOK_WAKEUP_CHANNEL = 'portico_webhooks';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookEventRecord {
  id: string;
  workspaceId: string;
  type: string;
  /** The exact bytes every attempt sends and signs. */
  body: string;
  createdAt: Date;
}

export interface DeliveryRow {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  eventCreatedAt: Date;
  body: string;
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
}

export interface AttemptRow {
  deliveryId: string;
  attempt: number;
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseBody: string | null;
}

/** A delivery this process holds a lease on, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  claimId: string;
  workspaceId: string;
  endpointId: string;
  eventId: string;
  attemptCount: number;
  createdAt: Date;
  url: string;
  secretEnc: string;
  /** The previous secret while it is still honoured after a rotation. */
  previousSecretEnc: string | null;
  body: string;
}

export type DeliveryOutcome = { status: 'delivered' | 'failed' } | { status: 'pending'; nextAttemptAt: Date };

const DELIVERY_COLUMNS = `d.id, d.endpoint_id AS "endpointId", d.event_id AS "eventId", e.type AS "eventType", e.created_at AS "eventCreatedAt", e.body, d.status,
  d.attempt_count AS "attemptCount", CASE WHEN d.status = 'pending' THEN d.next_attempt_at END AS "nextAttemptAt",
  d.last_attempt_at AS "lastAttemptAt", d.completed_at AS "completedAt", d.created_at AS "createdAt"`;

/**
 * The only code that touches `webhook_events`, `webhook_deliveries` and `webhook_delivery_attempts`.
 * Producers write through the caller's manager (the outbox); the dispatcher claims, completes and
 * releases through its own short statements.
 */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insertEvent(manager: EntityManager, event: WebhookEventRecord): Promise<void> {
    await manager.query(`INSERT INTO webhook_events (id, workspace_id, type, body, created_at) VALUES ($1, $2, $3, $4, $5)`, [
      event.id,
      event.workspaceId,
      event.type,
      event.body,
      event.createdAt,
    ]);
  }

  /** One pending delivery of the event per endpoint, due now; wakes the dispatchers when the transaction commits. */
  async insertDeliveries(manager: EntityManager, workspaceId: string, eventId: string, endpointIds: readonly string[]): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO webhook_deliveries (workspace_id, endpoint_id, event_id) SELECT $1, unnest($2::uuid[]), $3 RETURNING id`,
      [workspaceId, endpointIds, eventId],
    );
    await manager.query(`SELECT pg_notify($1, '')`, [WEBHOOK_WAKEUP_CHANNEL]);
    return rows.map((row) => row.id);
  }

  /**
   * Leases up to `limit` due deliveries of enabled endpoints to `claimId` for `leaseMs`. Rows another
   * process is claiming are skipped, never waited for; a lease left by a crashed process expires.
   */
  claim(limit: number, claimId: string, leaseMs: number): Promise<ClaimedDelivery[]> {
    return this.dataSource.query(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints p ON p.id = d.endpoint_id AND p.enabled
         WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND (d.claimed_until IS NULL OR d.claimed_until < now())
         ORDER BY d.next_attempt_at LIMIT $1
         FOR UPDATE OF d SKIP LOCKED
       )
       UPDATE webhook_deliveries d SET claim_id = $2, claimed_until = now() + make_interval(secs => $3)
       FROM due, webhook_endpoints p, webhook_events e
       WHERE d.id = due.id AND p.id = d.endpoint_id AND e.id = d.event_id
       RETURNING d.id, d.claim_id AS "claimId", d.workspace_id AS "workspaceId", d.endpoint_id AS "endpointId", d.event_id AS "eventId",
         d.attempt_count AS "attemptCount", d.created_at AS "createdAt", p.url, p.secret_enc AS "secretEnc",
         CASE WHEN p.previous_secret_expires_at > now() THEN p.previous_secret_enc END AS "previousSecretEnc", e.body`,
      [limit, claimId, leaseMs / 1000],
    ).then(([rows]: [ClaimedDelivery[], number]) => rows);
  }

  /** In how many ms (by the database's clock) the next delivery falls due, a retry or an expiring lease; null when none is pending. */
  async msUntilNextDue(): Promise<number | null> {
    const [row]: { ms: number | null }[] = await this.dataSource.query(
      `SELECT (extract(epoch FROM min(greatest(d.next_attempt_at, coalesce(d.claimed_until, d.next_attempt_at))) - now()) * 1000)::float8 AS ms
       FROM webhook_deliveries d JOIN webhook_endpoints p ON p.id = d.endpoint_id AND p.enabled WHERE d.status = 'pending'`,
    );
    return row?.ms ?? null;
  }

  /**
   * Records an attempt and moves the delivery on, if this claim still holds it (a lease that
   * expired under a stalled process was taken over). Answers whether it did.
   */
  complete(delivery: ClaimedDelivery, attempt: Omit<AttemptRow, 'deliveryId' | 'attempt'>, outcome: DeliveryOutcome): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [updated]: [unknown[], number] = await manager.query(
        `UPDATE webhook_deliveries SET status = $3, attempt_count = attempt_count + 1, last_attempt_at = $4,
           next_attempt_at = coalesce($5, next_attempt_at), completed_at = CASE WHEN $3 = 'pending' THEN NULL ELSE now() END,
           claim_id = NULL, claimed_until = NULL
         WHERE id = $1 AND claim_id = $2 RETURNING attempt_count`,
        [delivery.id, delivery.claimId, outcome.status, attempt.startedAt, outcome.status === 'pending' ? outcome.nextAttemptAt : null],
      );
      if (updated.length === 0) return false;
      await manager.query(
        `INSERT INTO webhook_delivery_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error, response_body)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [delivery.id, delivery.attemptCount + 1, attempt.startedAt, attempt.durationMs, attempt.statusCode, attempt.error, attempt.responseBody],
      );
      return true;
    });
  }

  /** Gives a claimed delivery back untouched (shutdown), so another process sends it now. */
  async release(delivery: ClaimedDelivery): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_deliveries SET claim_id = NULL, claimed_until = NULL WHERE id = $1 AND claim_id = $2`, [delivery.id, delivery.claimId]);
  }

  /** The most recent deliveries of an endpoint, newest first. */
  listForEndpoint(workspaceId: string, endpointId: string, filter: { status?: DeliveryStatus; limit: number }): Promise<DeliveryRow[]> {
    return this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
       WHERE d.workspace_id = $1 AND d.endpoint_id = $2 AND ($3::text IS NULL OR d.status = $3)
       ORDER BY d.created_at DESC, d.id LIMIT $4`,
      [workspaceId, endpointId, filter.status ?? null, filter.limit],
    );
  }

  async find(workspaceId: string, endpointId: string, deliveryId: string, manager: EntityManager = this.dataSource.manager): Promise<DeliveryRow | null> {
    const rows: DeliveryRow[] = await manager.query(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
       WHERE d.workspace_id = $1 AND d.endpoint_id = $2 AND d.id = $3`,
      [workspaceId, endpointId, deliveryId],
    );
    return rows[0] ?? null;
  }

  attemptsOf(deliveryIds: readonly string[]): Promise<AttemptRow[]> {
    if (deliveryIds.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT delivery_id AS "deliveryId", attempt, started_at AS "startedAt", duration_ms AS "durationMs", status_code AS "statusCode", error,
         response_body AS "responseBody"
       FROM webhook_delivery_attempts WHERE delivery_id = ANY($1::uuid[]) ORDER BY delivery_id, attempt`,
      [deliveryIds],
    );
  }
}
