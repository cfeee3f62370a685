import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity and access: casbin policies, custom roles, refresh-token families, login throttling,
 * OIDC connections and identities, provider accounts with encrypted credentials, and key rotation.
 */
export class IdentityAndAccess1763773300000 implements MigrationInterface {
  name = 'IdentityAndAccess1763773300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE casbin_rule (
        id bigserial PRIMARY KEY,
        ptype text NOT NULL,
        v0 text NOT NULL DEFAULT '',
        v1 text NOT NULL DEFAULT '',
        v2 text NOT NULL DEFAULT '',
        v3 text NOT NULL DEFAULT '',
        v4 text NOT NULL DEFAULT '',
        v5 text NOT NULL DEFAULT ''
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX casbin_rule_unique ON casbin_rule (ptype, v0, v1, v2, v3, v4, v5)`);

    await queryRunner.query(`
      CREATE TABLE custom_roles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        permissions jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT custom_roles_name_format CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,62}$')
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX custom_roles_workspace_name_key ON custom_roles (workspace_id, name)`);

    await queryRunner.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash bytea NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        ip text,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX refresh_tokens_hash_key ON refresh_tokens (token_hash)`);
    await queryRunner.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await queryRunner.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)`);

    await queryRunner.query(`
      CREATE TABLE auth_throttle (
        key text PRIMARY KEY,
        failures integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_failure_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE sso_connections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        name text NOT NULL,
        issuer_url text NOT NULL,
        client_id text NOT NULL,
        client_secret_enc text,
        client_secret_hint text,
        scopes text NOT NULL DEFAULT 'openid email profile',
        role_claim text NOT NULL DEFAULT 'groups',
        role_mapping jsonb NOT NULL DEFAULT '{}',
        default_role text,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX sso_connections_workspace_name_key ON sso_connections (workspace_id, name)`);

    await queryRunner.query(`
      CREATE TABLE sso_login_states (
        state_hash bytea PRIMARY KEY,
        connection_id uuid NOT NULL REFERENCES sso_connections (id) ON DELETE CASCADE,
        code_verifier_enc text NOT NULL,
        nonce text NOT NULL,
        redirect_uri text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE user_identities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        connection_id uuid NOT NULL REFERENCES sso_connections (id) ON DELETE CASCADE,
        subject text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX user_identities_connection_subject_key ON user_identities (connection_id, subject)`);
    await queryRunner.query(`CREATE INDEX user_identities_user_idx ON user_identities (user_id)`);

    await queryRunner.query(`
      CREATE TABLE provider_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        plugin_id text NOT NULL,
        name text NOT NULL,
        base_url text,
        credential_enc text,
        credential_hint text,
        config jsonb NOT NULL DEFAULT '{}',
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT provider_accounts_name_format CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,62}$')
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX provider_accounts_workspace_name_key ON provider_accounts (workspace_id, name)`);

    await queryRunner.query(`ALTER TABLE api_keys ADD COLUMN rotated_from_id uuid`);
    await queryRunner.query(`ALTER TABLE api_keys ADD COLUMN created_by text`);
    await queryRunner.query(`ALTER TABLE service_accounts ADD COLUMN description text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE service_accounts ADD COLUMN disabled_at timestamptz`);
    await queryRunner.query(`ALTER TABLE users ADD COLUMN password_changed_at timestamptz`);

    // Members and service accounts get their casbin grouping rules from the rows that exist already.
    await queryRunner.query(`
      INSERT INTO casbin_rule (ptype, v0, v1, v2)
      SELECT 'g', 'user:' || user_id, role, workspace_id::text FROM workspace_members
      UNION ALL
      SELECT 'g', 'sa:' || id, role, workspace_id::text FROM service_accounts
      ON CONFLICT DO NOTHING`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users DROP COLUMN password_changed_at`);
    await queryRunner.query(`ALTER TABLE service_accounts DROP COLUMN disabled_at`);
    await queryRunner.query(`ALTER TABLE service_accounts DROP COLUMN description`);
    await queryRunner.query(`ALTER TABLE api_keys DROP COLUMN created_by`);
    await queryRunner.query(`ALTER TABLE api_keys DROP COLUMN rotated_from_id`);
    await queryRunner.query(`DROP TABLE provider_accounts`);
    await queryRunner.query(`DROP TABLE user_identities`);
    await queryRunner.query(`DROP TABLE sso_login_states`);
    await queryRunner.query(`DROP TABLE sso_connections`);
    await queryRunner.query(`DROP TABLE auth_throttle`);
    await queryRunner.query(`DROP TABLE refresh_tokens`);
    await queryRunner.query(`DROP TABLE custom_roles`);
    await queryRunner.query(`DROP TABLE casbin_rule`);
  }
}
