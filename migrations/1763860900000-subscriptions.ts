import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subscriptions of apps (service accounts) or users to API products (#8). A subscription lives in
 * the API product's workspace; at most one open (pending or active) subscription per product and
 * subscriber. Final states stay final (a trigger), whatever code writes the table. Deleting an API
 * product (only drafts or retired ones can go) takes its subscriptions with it.
 */
export class Subscriptions1763860900000 implements MigrationInterface {
  name = 'Subscriptions1763860900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        api_product_id uuid NOT NULL REFERENCES api_products (id) ON DELETE CASCADE,
        api_product_slug text NOT NULL CHECK (length(api_product_slug) BETWEEN 1 AND 200),
        subscriber_type text NOT NULL CHECK (subscriber_type IN ('service_account', 'user')),
        subscriber_id uuid NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'active', 'rejected', 'revoked', 'expired')),
        plan_name text CHECK (length(plan_name) BETWEEN 1 AND 100),
        plan_requests_per_minute integer CHECK (plan_requests_per_minute > 0),
        plan_monthly_budget_usd numeric(14, 4) CHECK (plan_monthly_budget_usd >= 0),
        expires_at timestamptz,
        requested_by text NOT NULL,
        reason text CHECK (length(reason) <= 2000),
        approval_request_id uuid,
        activated_at timestamptz,
        revoked_at timestamptz,
        revoked_by text,
        revoke_reason text CHECK (length(revoke_reason) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT subscriptions_plan_named CHECK (plan_name IS NOT NULL OR (plan_requests_per_minute IS NULL AND plan_monthly_budget_usd IS NULL)),
        CONSTRAINT subscriptions_activated CHECK (state <> 'active' OR activated_at IS NOT NULL),
        CONSTRAINT subscriptions_revoked CHECK ((state = 'revoked') = (revoked_at IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX subscriptions_one_open ON subscriptions (api_product_id, subscriber_type, subscriber_id) WHERE state IN ('pending', 'active')`,
    );
    await queryRunner.query(`CREATE INDEX subscriptions_workspace_idx ON subscriptions (workspace_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX subscriptions_open_idx ON subscriptions (workspace_id) WHERE state IN ('pending', 'active')`);
    await queryRunner.query(`
      CREATE FUNCTION subscriptions_final_states() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.state IN ('rejected', 'revoked', 'expired') AND NEW.state IS DISTINCT FROM OLD.state THEN
          RAISE EXCEPTION 'subscription % is %, a final state', OLD.id, OLD.state USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.state = 'active' AND NEW.state = 'pending' THEN
          RAISE EXCEPTION 'subscription % is active; it cannot return to pending', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER subscriptions_final_states BEFORE UPDATE OF state ON subscriptions
      FOR EACH ROW EXECUTE FUNCTION subscriptions_final_states()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS subscriptions`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS subscriptions_final_states()`);
  }
}
