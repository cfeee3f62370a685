import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit rules and budgets of a workspace (the data plane reads them from memory), and the
 * durable spend of each budget per period (`budget_spend`, added to in batches by every process;
 * the live totals are in the counter store). No call-log table is ever read to enforce either.
 */
export class LimitsAndBudgets1763860300000 implements MigrationInterface {
  name = 'LimitsAndBudgets1763860300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rate_limits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        name text NOT NULL,
        match_api_key_id uuid REFERENCES api_keys (id) ON DELETE CASCADE,
        match_route text,
        match_model text,
        per_key boolean NOT NULL DEFAULT false,
        per_route boolean NOT NULL DEFAULT false,
        per_model boolean NOT NULL DEFAULT false,
        requests_per_minute integer CHECK (requests_per_minute > 0),
        tokens_per_minute integer CHECK (tokens_per_minute > 0),
        concurrent_requests integer CHECK (concurrent_requests > 0),
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        CONSTRAINT rate_limits_some_limit CHECK (requests_per_minute IS NOT NULL OR tokens_per_minute IS NOT NULL OR concurrent_requests IS NOT NULL),
        CONSTRAINT rate_limits_name_unique UNIQUE (workspace_id, name)
      )`);
    await queryRunner.query(`
      CREATE TABLE budgets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        scope text NOT NULL CHECK (scope IN ('workspace', 'service_account', 'user', 'api_key')),
        scope_id uuid,
        period text NOT NULL CHECK (period IN ('day', 'month', 'total')),
        limit_nano_usd bigint NOT NULL CHECK (limit_nano_usd > 0),
        alert_thresholds smallint[] NOT NULL DEFAULT '{50,80,100}',
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        CONSTRAINT budgets_scope_id CHECK ((scope = 'workspace') = (scope_id IS NULL)),
        CONSTRAINT budgets_thresholds CHECK (1 <= ALL (alert_thresholds) AND 100 >= ALL (alert_thresholds))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX budgets_one_per_scope_period ON budgets (workspace_id, scope, coalesce(scope_id, '00000000-0000-0000-0000-000000000000'::uuid), period)`,
    );
    await queryRunner.query(`
      CREATE TABLE budget_spend (
        budget_id uuid NOT NULL REFERENCES budgets (id) ON DELETE CASCADE,
        period text NOT NULL,
        spent_nano_usd bigint NOT NULL DEFAULT 0 CHECK (spent_nano_usd >= 0),
        alerted_threshold smallint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (budget_id, period)
      )`);
    await queryRunner.query(`CREATE TABLE budget_spill_replays (file_name text PRIMARY KEY, replayed_at timestamptz NOT NULL DEFAULT now())`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE budget_spill_replays`);
    await queryRunner.query(`DROP TABLE budget_spend`);
    await queryRunner.query(`DROP TABLE budgets`);
    await queryRunner.query(`DROP TABLE rate_limits`);
  }
}
