import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Call logs (#6): one row per data-plane request, in a table range-partitioned by `started_at`.
 * Daily partitions `call_logs_pYYYYMMDD` are created ahead and dropped after the retention by the
 * application's partition maintainer; the DEFAULT partition catches anything outside them (a
 * replayed spill from before the oldest partition, a skewed clock) so an insert never fails on
 * range. No foreign keys: the log outlives what it mentions, and append speed matters.
 * `call_log_settings` holds each workspace's body-capture switch (off unless set).
 */
export class CallLogs1763860100000 implements MigrationInterface {
  name = 'CallLogs1763860100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE call_logs (
        call_id uuid NOT NULL,
        started_at timestamptz NOT NULL,
        request_id text NOT NULL,
        traceparent text,
        workspace_id uuid,
        api_key_id uuid,
        endpoint text NOT NULL,
        requested_model text,
        route_name text,
        prompt_api_id uuid,
        prompt_id uuid,
        prompt_version integer,
        provider text,
        provider_account_id uuid,
        target text,
        model text,
        attempts jsonb NOT NULL DEFAULT '[]',
        stream boolean NOT NULL,
        status smallint NOT NULL,
        error_class text,
        error_code text,
        prompt_tokens integer NOT NULL,
        completion_tokens integer NOT NULL,
        cached_tokens integer NOT NULL,
        reasoning_tokens integer NOT NULL,
        tokens_estimated boolean NOT NULL,
        cost_nano_usd bigint,
        latency_ms double precision NOT NULL,
        ttfb_ms double precision,
        cache_hit boolean NOT NULL,
        guard_verdicts jsonb NOT NULL DEFAULT '[]',
        request_body jsonb,
        response_body jsonb,
        CONSTRAINT call_logs_pkey PRIMARY KEY (started_at, call_id)
      ) PARTITION BY RANGE (started_at)
    `);
    await queryRunner.query(`CREATE TABLE call_logs_default PARTITION OF call_logs DEFAULT`);
    await queryRunner.query(`CREATE INDEX call_logs_workspace_started_idx ON call_logs (workspace_id, started_at DESC)`);
    await queryRunner.query(`CREATE INDEX call_logs_workspace_request_idx ON call_logs (workspace_id, request_id)`);
    await queryRunner.query(`CREATE INDEX call_logs_workspace_key_started_idx ON call_logs (workspace_id, api_key_id, started_at)`);
    await queryRunner.query(`CREATE INDEX call_logs_workspace_model_started_idx ON call_logs (workspace_id, model, started_at)`);
    await queryRunner.query(`CREATE INDEX call_logs_workspace_status_started_idx ON call_logs (workspace_id, status, started_at)`);
    // `GET …/call-logs/:callId` knows no time: without this, finding one call reads every partition whole.
    await queryRunner.query(`CREATE INDEX call_logs_call_id_idx ON call_logs (call_id)`);

    await queryRunner.query(`
      CREATE TABLE call_log_settings (
        workspace_id uuid PRIMARY KEY,
        store_bodies boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        CONSTRAINT call_log_settings_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE,
        CONSTRAINT call_log_settings_updated_by_check CHECK (updated_by ~ '^(system|user:.+|sa:.+)$')
      )
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE call_log_settings`);
    // Dropping the parent drops every partition with it.
    await queryRunner.query(`DROP TABLE call_logs`);
  }
}
