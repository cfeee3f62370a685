import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The prompt registry (#7): prompts (a slug per workspace), their immutable versions and the labels
 * (`production`, `staging`, custom) that point at one version or split traffic between several.
 *
 * Versions are immutable in the database, not only in the API: a trigger refuses every UPDATE, and a
 * DELETE unless the prompt that owns the version is already gone (the cascade of deleting a prompt
 * or its workspace). A trigger also keeps labels honest: every target is a version of the same
 * prompt, weights are whole percents that sum to 100.
 *
 * Per-version analytics read `call_logs` by prompt and time, hence one more index there.
 */
export class Prompts1763860600000 implements MigrationInterface {
  name = 'Prompts1763860600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE prompts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text,
        latest_version integer NOT NULL DEFAULT 0 CHECK (latest_version >= 0),
        created_by text NOT NULL CHECK (created_by ~ '^(system|user:.+|sa:.+)$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT prompts_slug_unique UNIQUE (workspace_id, slug)
      )`);
    await queryRunner.query(`
      CREATE TABLE prompt_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        prompt_id uuid NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number > 0),
        messages jsonb NOT NULL CHECK (jsonb_typeof(messages) = 'array' AND jsonb_array_length(messages) > 0),
        model text NOT NULL CHECK (length(model) BETWEEN 1 AND 256),
        parameters jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(parameters) = 'object'),
        input_schema jsonb NOT NULL CHECK (jsonb_typeof(input_schema) = 'object'),
        output_schema jsonb CHECK (output_schema IS NULL OR jsonb_typeof(output_schema) = 'object'),
        commit_message text NOT NULL,
        author text NOT NULL CHECK (author ~ '^(system|user:.+|sa:.+)$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT prompt_versions_number_unique UNIQUE (prompt_id, number)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION prompt_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          RAISE EXCEPTION 'prompt versions are immutable: save a new version instead' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF EXISTS (SELECT 1 FROM prompts WHERE id = OLD.prompt_id) THEN
          RAISE EXCEPTION 'prompt versions are deleted only with their prompt' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER prompt_versions_immutable BEFORE UPDATE OR DELETE ON prompt_versions FOR EACH ROW EXECUTE FUNCTION prompt_versions_immutable()`,
    );

    await queryRunner.query(`
      CREATE TABLE prompt_labels (
        prompt_id uuid NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
        targets jsonb NOT NULL,
        updated_by text NOT NULL CHECK (updated_by ~ '^(system|user:.+|sa:.+|approval:.+)$'),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (prompt_id, name)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION prompt_labels_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        entries integer;
        matched integer;
        total numeric;
        whole boolean;
      BEGIN
        IF jsonb_typeof(NEW.targets) <> 'array' OR jsonb_array_length(NEW.targets) = 0 THEN
          RAISE EXCEPTION 'a label points at one or more versions' USING ERRCODE = 'check_violation';
        END IF;
        SELECT count(*), count(DISTINCT v.id), sum(w.weight), bool_and(w.weight IS NOT NULL AND w.weight BETWEEN 1 AND 100 AND w.weight = trunc(w.weight))
          INTO entries, matched, total, whole
          FROM jsonb_array_elements(NEW.targets) AS t
          CROSS JOIN LATERAL (SELECT CASE WHEN jsonb_typeof(t -> 'weight') = 'number' THEN (t ->> 'weight')::numeric END AS weight) AS w
          LEFT JOIN prompt_versions v ON v.id::text = t ->> 'versionId' AND v.prompt_id = NEW.prompt_id;
        IF matched <> entries THEN
          RAISE EXCEPTION 'a label points only at distinct versions of its own prompt' USING ERRCODE = 'check_violation';
        END IF;
        IF NOT whole OR total IS DISTINCT FROM 100 THEN
          RAISE EXCEPTION 'label weights are whole percents from 1 to 100 that sum to 100 (got %)', total USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER prompt_labels_checked BEFORE INSERT OR UPDATE ON prompt_labels FOR EACH ROW EXECUTE FUNCTION prompt_labels_check()`);

    await queryRunner.query(`CREATE INDEX call_logs_workspace_prompt_started_idx ON call_logs (workspace_id, prompt_id, started_at)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX call_logs_workspace_prompt_started_idx`);
    await queryRunner.query(`DROP TABLE prompt_labels`);
    await queryRunner.query(`DROP FUNCTION prompt_labels_check()`);
    await queryRunner.query(`DROP TABLE prompt_versions`);
    await queryRunner.query(`DROP TABLE prompts`);
    await queryRunner.query(`DROP FUNCTION prompt_versions_immutable()`);
  }
}
