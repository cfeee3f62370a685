import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Model routes (an alias fanning out to targets with a strategy and a resilience policy) and
 * several credentials per provider account (rotated on 401/429). A target keeps its provider
 * account alive: deleting an account a route uses is refused. The check is deferred to commit
 * (not RESTRICT): deleting a whole workspace cascades to its accounts before its routes, and
 * only at commit are both gone.
 */
export class RoutesAndCredentials1763773420000 implements MigrationInterface {
  name = 'RoutesAndCredentials1763773420000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE routes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        alias text NOT NULL,
        description text NOT NULL DEFAULT '',
        strategy text NOT NULL DEFAULT 'priority',
        cache_ttl_seconds integer,
        policy jsonb NOT NULL DEFAULT '{}',
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT routes_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE,
        CONSTRAINT routes_alias_format CHECK (alias ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
        CONSTRAINT routes_strategy_check CHECK (strategy IN ('priority', 'weighted', 'least_latency', 'lowest_cost')),
        CONSTRAINT routes_cache_ttl_check CHECK (cache_ttl_seconds IS NULL OR cache_ttl_seconds > 0)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX routes_workspace_alias_key ON routes (workspace_id, alias)`);

    await queryRunner.query(`
      CREATE TABLE route_targets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        route_id uuid NOT NULL,
        provider_account_id uuid NOT NULL,
        model text NOT NULL,
        weight integer NOT NULL DEFAULT 1,
        priority integer NOT NULL DEFAULT 0,
        context_window integer,
        input_price_per_mtok double precision,
        output_price_per_mtok double precision,
        position integer NOT NULL,
        CONSTRAINT route_targets_route_id_fkey FOREIGN KEY (route_id) REFERENCES routes (id) ON DELETE CASCADE,
        CONSTRAINT route_targets_provider_account_id_fkey FOREIGN KEY (provider_account_id) REFERENCES provider_accounts (id) ON DELETE NO ACTION DEFERRABLE INITIALLY DEFERRED,
        CONSTRAINT route_targets_weight_check CHECK (weight > 0),
        CONSTRAINT route_targets_context_window_check CHECK (context_window IS NULL OR context_window > 0),
        CONSTRAINT route_targets_prices_check CHECK ((input_price_per_mtok IS NULL OR input_price_per_mtok >= 0) AND (output_price_per_mtok IS NULL OR output_price_per_mtok >= 0))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX route_targets_route_position_key ON route_targets (route_id, position)`);
    await queryRunner.query(`CREATE INDEX route_targets_provider_account_idx ON route_targets (provider_account_id)`);

    await queryRunner.query(`
      CREATE TABLE provider_account_credentials (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL,
        credential_enc text NOT NULL,
        credential_hint text NOT NULL,
        position integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT provider_account_credentials_account_id_fkey FOREIGN KEY (account_id) REFERENCES provider_accounts (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX provider_account_credentials_account_position_key ON provider_account_credentials (account_id, position)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE provider_account_credentials`);
    await queryRunner.query(`DROP TABLE route_targets`);
    await queryRunner.query(`DROP TABLE routes`);
  }
}
