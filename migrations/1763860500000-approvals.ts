import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The generic approval engine: requests of any kind (one pending per workspace, kind and subject
 * key), the decisions on them (one per approver), and the workspace's policy per kind. A trigger
 * keeps final states final, whatever code writes the table.
 */
export class Approvals1763860500000 implements MigrationInterface {
  name = 'Approvals1763860500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE approval_policies (
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]{0,62}$'),
        enabled boolean NOT NULL DEFAULT true,
        required_approvals smallint NOT NULL DEFAULT 1 CHECK (required_approvals BETWEEN 1 AND 10),
        approver_permission text NOT NULL DEFAULT 'approvals:approve' CHECK (approver_permission ~ '^[a-z_]+:[a-z]+$'),
        allow_self_approval boolean NOT NULL DEFAULT false,
        expires_after_seconds integer CHECK (expires_after_seconds > 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        PRIMARY KEY (workspace_id, kind)
      )`);
    await queryRunner.query(`
      CREATE TABLE approval_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]{0,62}$'),
        subject jsonb NOT NULL,
        subject_key text NOT NULL CHECK (length(subject_key) BETWEEN 1 AND 512),
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected', 'cancelled', 'expired')),
        auto_approved boolean NOT NULL DEFAULT false,
        requested_by text NOT NULL,
        reason text CHECK (length(reason) <= 2000),
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        CONSTRAINT approval_requests_decided_at CHECK ((state = 'pending') = (decided_at IS NULL)),
        CONSTRAINT approval_requests_id_workspace_key UNIQUE (id, workspace_id)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX approval_requests_one_pending ON approval_requests (workspace_id, kind, subject_key) WHERE state = 'pending'`);
    await queryRunner.query(`CREATE INDEX approval_requests_workspace_idx ON approval_requests (workspace_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX approval_requests_expiry_idx ON approval_requests (expires_at) WHERE state = 'pending' AND expires_at IS NOT NULL`);
    await queryRunner.query(`
      CREATE FUNCTION approval_requests_final_states() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.state <> 'pending' AND NEW.state IS DISTINCT FROM OLD.state THEN
          RAISE EXCEPTION 'approval request % is %, a final state', OLD.id, OLD.state USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER approval_requests_final_states BEFORE UPDATE OF state ON approval_requests
      FOR EACH ROW EXECUTE FUNCTION approval_requests_final_states()`);
    await queryRunner.query(`
      CREATE TABLE approval_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL,
        workspace_id uuid NOT NULL,
        approver text NOT NULL,
        decision text NOT NULL CHECK (decision IN ('approve', 'reject')),
        comment text CHECK (length(comment) <= 2000),
        decided_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT approval_decisions_request_fkey FOREIGN KEY (request_id, workspace_id) REFERENCES approval_requests (id, workspace_id) ON DELETE CASCADE,
        CONSTRAINT approval_decisions_one_per_approver UNIQUE (request_id, approver)
      )`);
    await queryRunner.query(`CREATE INDEX approval_decisions_approver_idx ON approval_decisions (approver, request_id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE approval_decisions`);
    await queryRunner.query(`DROP TABLE approval_requests`);
    await queryRunner.query(`DROP FUNCTION approval_requests_final_states()`);
    await queryRunner.query(`DROP TABLE approval_policies`);
  }
}
