import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outgoing webhooks: endpoints per workspace (secrets sealed with the SecretBox), the transactional
 * outbox (`webhook_events`, one `webhook_deliveries` row per endpoint, inserted in the producer's
 * transaction) and every delivery attempt. A dispatcher claims due deliveries with
 * `FOR UPDATE SKIP LOCKED` and a lease (`claim_id`, `claimed_until`), so several processes share the work.
 */
export class Webhooks1763860400000 implements MigrationInterface {
  name = 'Webhooks1763860400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        url text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2048),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
        event_types text[] NOT NULL DEFAULT '{*}' CHECK (cardinality(event_types) BETWEEN 1 AND 50),
        enabled boolean NOT NULL DEFAULT true,
        secret_enc text NOT NULL,
        secret_hint text NOT NULL,
        previous_secret_enc text,
        previous_secret_expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_endpoints_previous_secret_check CHECK ((previous_secret_enc IS NULL) = (previous_secret_expires_at IS NULL)),
        CONSTRAINT webhook_endpoints_id_workspace_key UNIQUE (id, workspace_id)
      )`);
    await queryRunner.query(`CREATE INDEX webhook_endpoints_workspace_idx ON webhook_endpoints (workspace_id, created_at)`);

    await queryRunner.query(`
      CREATE TABLE webhook_events (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type ~ '^[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*$' AND length(type) <= 128),
        body text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT webhook_events_id_workspace_key UNIQUE (id, workspace_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL,
        event_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempt_count integer NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        completed_at timestamptz,
        claim_id uuid,
        claimed_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_deliveries_endpoint_fkey FOREIGN KEY (endpoint_id, workspace_id) REFERENCES webhook_endpoints (id, workspace_id) ON DELETE CASCADE,
        CONSTRAINT webhook_deliveries_event_fkey FOREIGN KEY (event_id, workspace_id) REFERENCES webhook_events (id, workspace_id) ON DELETE CASCADE,
        CONSTRAINT webhook_deliveries_completed_check CHECK ((status = 'pending') = (completed_at IS NULL)),
        CONSTRAINT webhook_deliveries_claim_check CHECK ((claim_id IS NULL) = (claimed_until IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`);
    await queryRunner.query(`CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX webhook_deliveries_event_idx ON webhook_deliveries (event_id)`);

    await queryRunner.query(`
      CREATE TABLE webhook_delivery_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        attempt integer NOT NULL CHECK (attempt >= 1),
        started_at timestamptz NOT NULL,
        duration_ms integer NOT NULL CHECK (duration_ms >= 0),
        status_code integer,
        error text,
        response_body text,
        CONSTRAINT webhook_delivery_attempts_delivery_attempt_key UNIQUE (delivery_id, attempt)
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE webhook_delivery_attempts`);
    await queryRunner.query(`DROP TABLE webhook_deliveries`);
    await queryRunner.query(`DROP TABLE webhook_events`);
    await queryRunner.query(`DROP TABLE webhook_endpoints`);
  }
}
