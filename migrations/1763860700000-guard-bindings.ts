import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which loaded guard runs where (loading is not enabling): a binding attaches a guard plugin to a
 * whole workspace, a route alias, an API key or a prompt API, with its own config, fail mode and
 * time budget. Audited data, read by the data plane from memory.
 */
export class GuardBindings1763860700000 implements MigrationInterface {
  name = 'GuardBindings1763860700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE guard_bindings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        plugin_id text NOT NULL,
        scope text NOT NULL CHECK (scope IN ('workspace', 'route', 'api_key', 'prompt_api')),
        scope_ref text,
        config jsonb NOT NULL DEFAULT '{}',
        fail_mode text NOT NULL DEFAULT 'closed' CHECK (fail_mode IN ('open', 'closed')),
        timeout_ms integer NOT NULL DEFAULT 1000 CHECK (timeout_ms BETWEEN 1 AND 30000),
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        CONSTRAINT guard_bindings_scope_ref CHECK ((scope = 'workspace') = (scope_ref IS NULL))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX guard_bindings_one_per_target ON guard_bindings (workspace_id, plugin_id, scope, coalesce(scope_ref, ''))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE guard_bindings`);
  }
}
