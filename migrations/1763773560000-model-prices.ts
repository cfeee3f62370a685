import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seed: public list prices in USD per 1M tokens (2025-01-01 as `effective_from`), entered from the
 * providers' published list prices as known when this migration was written — not re-fetched, so check
 * them against the providers' price pages before relying on them. They are defaults only: admins add
 * newer versions (`POST /admin/prices`) or workspace overrides, never edit these.
 * Not modelled here: Anthropic cache writes, Gemini 2.5 Pro's higher tier above 200k prompt tokens,
 * batch discounts.
 * Columns: plugin, model, input, output, cached input (null: same as input).
 */
const SEED: ReadonlyArray<readonly [string, string, string, string, string | null]> = [
  ['provider-openai', 'gpt-4o', '2.50', '10.00', '1.25'],
  ['provider-openai', 'gpt-4o-mini', '0.15', '0.60', '0.075'],
  ['provider-openai', 'gpt-4.1', '2.00', '8.00', '0.50'],
  ['provider-openai', 'gpt-4.1-mini', '0.40', '1.60', '0.10'],
  ['provider-openai', 'gpt-4.1-nano', '0.10', '0.40', '0.025'],
  ['provider-openai', 'o3', '2.00', '8.00', '0.50'],
  ['provider-openai', 'o4-mini', '1.10', '4.40', '0.275'],
  ['provider-openai', 'text-embedding-3-small', '0.02', '0', null],
  ['provider-openai', 'text-embedding-3-large', '0.13', '0', null],
  ['provider-anthropic', 'claude-opus-4-6', '5.00', '25.00', '0.50'],
  ['provider-anthropic', 'claude-sonnet-4-6', '3.00', '15.00', '0.30'],
  ['provider-anthropic', 'claude-haiku-4-5', '1.00', '5.00', '0.10'],
  ['provider-anthropic', 'claude-opus-4-20250514', '15.00', '75.00', '1.50'],
  ['provider-anthropic', 'claude-sonnet-4-20250514', '3.00', '15.00', '0.30'],
  ['provider-anthropic', 'claude-3-5-haiku-20241022', '0.80', '4.00', '0.08'],
  ['provider-gemini', 'gemini-2.0-flash', '0.10', '0.40', '0.025'],
  ['provider-gemini', 'gemini-2.5-flash', '0.30', '2.50', '0.03'],
  ['provider-gemini', 'gemini-2.5-pro', '1.25', '10.00', '0.125'],
  ['provider-mock', 'mock-chat', '1', '2', null],
  ['provider-mock', 'mock-chat-large', '5', '15', null],
  ['provider-mock', 'mock-embed', '0.1', '0', null],
];

/**
 * Versioned, append-only model prices (`workspace_id` null = the Portico-wide default). A trigger
 * refuses UPDATE so history is never rewritten; rows leave only with their workspace.
 */
export class ModelPrices1763773560000 implements MigrationInterface {
  name = 'ModelPrices1763773560000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE model_prices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid,
        plugin_id text NOT NULL,
        model text NOT NULL,
        input_per_mtok numeric(18,6) NOT NULL,
        output_per_mtok numeric(18,6) NOT NULL,
        cached_input_per_mtok numeric(18,6),
        reasoning_per_mtok numeric(18,6),
        per_request numeric(18,9),
        per_image numeric(18,9),
        currency text NOT NULL DEFAULT 'USD',
        effective_from timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        CONSTRAINT model_prices_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE,
        CONSTRAINT model_prices_token_prices_check CHECK (input_per_mtok >= 0 AND output_per_mtok >= 0 AND (cached_input_per_mtok IS NULL OR cached_input_per_mtok >= 0) AND (reasoning_per_mtok IS NULL OR reasoning_per_mtok >= 0)),
        CONSTRAINT model_prices_call_prices_check CHECK ((per_request IS NULL OR per_request >= 0) AND (per_image IS NULL OR per_image >= 0)),
        CONSTRAINT model_prices_currency_check CHECK (currency = 'USD'),
        CONSTRAINT model_prices_created_by_check CHECK (created_by ~ '^(system|user:.+|sa:.+)$')
      )`);
    await queryRunner.query(`CREATE INDEX model_prices_lookup_idx ON model_prices (workspace_id, plugin_id, model, effective_from DESC)`);
    await queryRunner.query(`
      CREATE FUNCTION model_prices_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'model_prices is append-only: insert a new version instead';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER model_prices_no_update BEFORE UPDATE ON model_prices FOR EACH ROW EXECUTE FUNCTION model_prices_append_only()`);

    const values = SEED.map((_, row) => `($${row * 5 + 1}, $${row * 5 + 2}, $${row * 5 + 3}::numeric, $${row * 5 + 4}::numeric, $${row * 5 + 5}::numeric, '2025-01-01T00:00:00Z', 'system')`);
    await queryRunner.query(
      `INSERT INTO model_prices (plugin_id, model, input_per_mtok, output_per_mtok, cached_input_per_mtok, effective_from, created_by) VALUES ${values.join(', ')}`,
      SEED.flat(),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE model_prices`);
    await queryRunner.query(`DROP FUNCTION model_prices_append_only()`);
  }
}
