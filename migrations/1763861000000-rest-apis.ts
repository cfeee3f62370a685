import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * REST APIs (#8): an upstream HTTP API registered with its OpenAPI 3.0/3.1 document and fronted by
 * Portico (`/rest/<slug>/v<n>/...`). It is an API product like a prompt API (`api_products.kind =
 * 'rest'`), so slugs stay unique across both kinds and subscriptions refer to it unchanged; its
 * upstream (base URL, sealed credential) lives in `rest_apis`, its versions in `rest_api_versions`
 * with the same lifecycle `draft → in_review → published → deprecated → retired`.
 */
export class RestApis1763861000000 implements MigrationInterface {
  name = 'RestApis1763861000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE api_products ADD COLUMN kind text NOT NULL DEFAULT 'prompt' CHECK (kind IN ('prompt', 'rest'))`);
    await queryRunner.query(`ALTER TABLE api_products ADD CONSTRAINT api_products_id_kind_unique UNIQUE (id, kind)`);
    await queryRunner.query(`
      CREATE TABLE rest_apis (
        product_id uuid PRIMARY KEY,
        kind text NOT NULL DEFAULT 'rest' CHECK (kind = 'rest'),
        credential_header text CHECK (credential_header ~ '^[A-Za-z0-9!#$%&''*+.^_\`|~-]{1,100}$'),
        credential_enc text,
        credential_hint text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT rest_apis_product_fkey FOREIGN KEY (product_id, kind) REFERENCES api_products (id, kind) ON DELETE CASCADE,
        CONSTRAINT rest_apis_credential CHECK ((credential_header IS NULL) = (credential_enc IS NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE rest_api_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES rest_apis (product_id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number > 0),
        base_url text NOT NULL CHECK (base_url ~ '^https?://'),
        openapi jsonb NOT NULL,
        state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'in_review', 'published', 'deprecated', 'retired')),
        approval_request_id uuid,
        published_at timestamptz,
        deprecated_at timestamptz,
        sunset_at timestamptz,
        retired_at timestamptz,
        successor_version integer,
        created_by text NOT NULL CHECK (created_by ~ '^(system|user:.+|sa:.+)$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT rest_api_versions_number_unique UNIQUE (product_id, number),
        CONSTRAINT rest_api_versions_sunset CHECK (state <> 'deprecated' OR sunset_at IS NOT NULL),
        CONSTRAINT rest_api_versions_successor CHECK (state <> 'retired' OR successor_version IS NOT NULL)
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rest_api_versions`);
    await queryRunner.query(`DROP TABLE rest_apis`);
    await queryRunner.query(`DELETE FROM api_products WHERE kind = 'rest'`);
    await queryRunner.query(`ALTER TABLE api_products DROP CONSTRAINT api_products_id_kind_unique`);
    await queryRunner.query(`ALTER TABLE api_products DROP COLUMN kind`);
  }
}
