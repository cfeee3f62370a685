import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hash-chained audit log. One chain per workspace and one for the instance (`workspace_id`
 * null, chain = the nil uuid). Append-only in the database: UPDATE, DELETE and TRUNCATE are
 * refused by triggers, except a retention purge, which runs with `SET LOCAL
 * portico.audit_retention = 'on'` and `portico.audit_retention_days`, and may delete only
 * entries older than that. What it purges leaves an anchor (the last purged seq and hash) from
 * which verification continues. No foreign keys: entries outlive the workspaces and users they name.
 */
export class AuditLog1763860000000 implements MigrationInterface {
  name = 'AuditLog1763860000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_entries (
        id uuid PRIMARY KEY,
        workspace_id uuid,
        chain uuid NOT NULL GENERATED ALWAYS AS (COALESCE(workspace_id, '00000000-0000-0000-0000-000000000000'::uuid)) STORED,
        seq bigint NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_kind text NOT NULL,
        actor_id text NOT NULL,
        actor_api_key_id uuid,
        actor_email text,
        action text NOT NULL,
        resource_type text NOT NULL,
        resource_id text,
        before jsonb,
        after jsonb,
        changes text[] NOT NULL DEFAULT '{}',
        ip text,
        user_agent text,
        request_id text,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        CONSTRAINT audit_entries_chain_seq_key UNIQUE (chain, seq),
        CONSTRAINT audit_entries_seq_check CHECK (seq >= 1),
        CONSTRAINT audit_entries_actor_kind_check CHECK (actor_kind IN ('user', 'service_account', 'system')),
        CONSTRAINT audit_entries_hash_check CHECK (hash ~ '^[0-9a-f]{64}$' AND prev_hash ~ '^[0-9a-f]{64}$')
      )`);
    await queryRunner.query(`CREATE INDEX audit_entries_resource_idx ON audit_entries (chain, resource_type, resource_id, seq)`);
    await queryRunner.query(`CREATE INDEX audit_entries_actor_idx ON audit_entries (chain, actor_id, seq)`);
    await queryRunner.query(`CREATE INDEX audit_entries_action_idx ON audit_entries (chain, action, seq)`);
    await queryRunner.query(`CREATE INDEX audit_entries_time_idx ON audit_entries (chain, occurred_at)`);
    await queryRunner.query(`CREATE INDEX audit_entries_retention_idx ON audit_entries (occurred_at)`);

    await queryRunner.query(`
      CREATE TABLE audit_chain_anchors (
        chain uuid PRIMARY KEY,
        workspace_id uuid,
        seq bigint NOT NULL,
        hash text NOT NULL,
        occurred_at timestamptz NOT NULL,
        purged_at timestamptz NOT NULL DEFAULT now(),
        purged_total bigint NOT NULL,
        CONSTRAINT audit_chain_anchors_hash_check CHECK (hash ~ '^[0-9a-f]{64}$')
      )`);

    await queryRunner.query(`
      CREATE FUNCTION audit_retention_days() RETURNS integer LANGUAGE plpgsql STABLE AS $$
      DECLARE
        days integer;
      BEGIN
        IF current_setting('portico.audit_retention', true) IS DISTINCT FROM 'on' THEN
          RETURN NULL;
        END IF;
        days := NULLIF(current_setting('portico.audit_retention_days', true), '')::integer;
        IF days IS NULL OR days < 1 THEN
          RAISE EXCEPTION 'audit retention needs portico.audit_retention_days of at least 1';
        END IF;
        RETURN days;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION audit_entries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        days integer;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          days := audit_retention_days();
          IF days IS NOT NULL THEN
            IF OLD.occurred_at < now() - make_interval(days => days) THEN
              RETURN OLD;
            END IF;
            RAISE EXCEPTION 'audit entry % (seq %) is younger than the retention of % days and cannot be purged', OLD.id, OLD.seq, days;
          END IF;
        END IF;
        RAISE EXCEPTION 'audit_entries is append-only: % is refused', TG_OP
          USING HINT = 'audit entries are never changed; old ones leave only through the retention purge';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_guard()`);
    await queryRunner.query(`CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_guard()`);

    await queryRunner.query(`
      CREATE FUNCTION audit_chain_anchors_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') AND audit_retention_days() IS NOT NULL THEN
          IF TG_OP = 'UPDATE' AND (NEW.seq <= OLD.seq OR NEW.chain <> OLD.chain) THEN
            RAISE EXCEPTION 'an audit chain anchor only moves forward (seq % to %)', OLD.seq, NEW.seq;
          END IF;
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_chain_anchors changes only through the retention purge: % is refused', TG_OP;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_chain_anchors_guarded BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_anchors FOR EACH ROW EXECUTE FUNCTION audit_chain_anchors_guard()`,
    );
    await queryRunner.query(`CREATE TRIGGER audit_chain_anchors_no_truncate BEFORE TRUNCATE ON audit_chain_anchors FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_anchors_guard()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_chain_anchors`);
    await queryRunner.query(`DROP TABLE audit_entries`);
    await queryRunner.query(`DROP FUNCTION audit_chain_anchors_guard()`);
    await queryRunner.query(`DROP FUNCTION audit_entries_guard()`);
    await queryRunner.query(`DROP FUNCTION audit_retention_days()`);
  }
}
