import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subscription plans enforced, and public APIs shared across workspaces (#8).
 *
 * - `subscriptions.subscriber_workspace_id`: the workspace of the app or user that holds the
 *   subscription. `workspace_id` stays the API product's workspace (its approvers decide, under its
 *   policy); the subscriber's workspace sees the subscription too and pays for the calls.
 * - `subscription_spend`: settled spend of a subscription per UTC month (nano-USD), the durable side
 *   of its plan budget (the counter store holds the live total; this seeds it after a restart).
 * - A public API's slug is unique across workspaces, so `/apis/<slug>` names one product for any key.
 */
export class SubscriptionPlans1763861100000 implements MigrationInterface {
  name = 'SubscriptionPlans1763861100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE subscriptions ADD COLUMN subscriber_workspace_id uuid REFERENCES workspaces (id) ON DELETE CASCADE`);
    await queryRunner.query(`UPDATE subscriptions SET subscriber_workspace_id = workspace_id`);
    await queryRunner.query(`ALTER TABLE subscriptions ALTER COLUMN subscriber_workspace_id SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX subscriptions_subscriber_workspace_idx ON subscriptions (subscriber_workspace_id, created_at DESC, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE subscription_spend (
        subscription_id uuid NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'),
        spent_nano_usd bigint NOT NULL DEFAULT 0 CHECK (spent_nano_usd >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subscription_id, period)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX api_products_public_slug ON api_products (slug) WHERE visibility = 'public'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS api_products_public_slug`);
    await queryRunner.query(`DROP TABLE IF EXISTS subscription_spend`);
    await queryRunner.query(`ALTER TABLE subscriptions DROP COLUMN IF EXISTS subscriber_workspace_id`);
  }
}
