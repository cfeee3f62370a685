import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API products (#8): a prompt published as a typed REST API, its versions and their lifecycle
 * `draft → in_review → published → deprecated → retired`. A version names a prompt and either a
 * version of it or a label; a label is resolved to a fixed version when the version is submitted,
 * so what the approver approves is what callers get.
 */
export class PromptApis1763860800000 implements MigrationInterface {
  name = 'PromptApis1763860800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text,
        tags text[] NOT NULL DEFAULT '{}',
        visibility text NOT NULL CHECK (visibility IN ('public', 'workspace')),
        latest_version integer NOT NULL DEFAULT 0 CHECK (latest_version >= 0),
        created_by text NOT NULL CHECK (created_by ~ '^(system|user:.+|sa:.+)$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT api_products_slug_unique UNIQUE (workspace_id, slug)
      )`);
    await queryRunner.query(`
      CREATE TABLE api_product_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES api_products (id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number > 0),
        prompt_id uuid NOT NULL REFERENCES prompts (id) DEFERRABLE INITIALLY DEFERRED, -- checked at commit: a prompt behind an API stays, a deleted workspace takes both
        prompt_version integer CHECK (prompt_version IS NULL OR prompt_version > 0),
        prompt_label text,
        output text NOT NULL CHECK (output IN ('text', 'json')),
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
        CONSTRAINT api_product_versions_number_unique UNIQUE (product_id, number),
        CONSTRAINT api_product_versions_source CHECK ((prompt_version IS NULL) <> (prompt_label IS NULL) OR (state <> 'draft' AND prompt_version IS NOT NULL)),
        CONSTRAINT api_product_versions_fixed_once_submitted CHECK (state = 'draft' OR prompt_version IS NOT NULL),
        CONSTRAINT api_product_versions_sunset CHECK (state <> 'deprecated' OR sunset_at IS NOT NULL),
        CONSTRAINT api_product_versions_successor CHECK (state <> 'retired' OR successor_version IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX api_product_versions_prompt ON api_product_versions (prompt_id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_product_versions`);
    await queryRunner.query(`DROP TABLE api_products`);
  }
}
