import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation: workspaces (tenants), users and their memberships, service accounts,
 * hashed API keys, and system settings. Identity and access extend these in later migrations.
 */
export class InitialSchema1763773200000 implements MigrationInterface {
  name = 'InitialSchema1763773200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await queryRunner.query(`
      CREATE TABLE workspaces (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT workspaces_slug_format CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$')
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX workspaces_slug_key ON workspaces (slug)`);

    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        password_hash text,
        is_superadmin boolean NOT NULL DEFAULT false,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_lowercase CHECK (email = lower(email))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);

    await queryRunner.query(`
      CREATE TABLE workspace_members (
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, user_id)
      )`);
    await queryRunner.query(`CREATE INDEX workspace_members_user_idx ON workspace_members (user_id)`);

    await queryRunner.query(`
      CREATE TABLE service_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        name text NOT NULL,
        role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX service_accounts_workspace_name_key ON service_accounts (workspace_id, name)`);

    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        public_id text NOT NULL,
        key_hash bytea NOT NULL,
        name text NOT NULL,
        owner_type text NOT NULL CHECK (owner_type IN ('user', 'service_account', 'app')),
        owner_id uuid NOT NULL,
        scopes jsonb NOT NULL DEFAULT '[]'::jsonb,
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT api_keys_hash_length CHECK (octet_length(key_hash) = 32)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX api_keys_public_id_key ON api_keys (public_id)`);
    await queryRunner.query(`CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash)`);
    await queryRunner.query(`CREATE INDEX api_keys_workspace_idx ON api_keys (workspace_id)`);

    await queryRunner.query(`
      CREATE TABLE system_settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE system_settings`);
    await queryRunner.query(`DROP TABLE api_keys`);
    await queryRunner.query(`DROP TABLE service_accounts`);
    await queryRunner.query(`DROP TABLE workspace_members`);
    await queryRunner.query(`DROP TABLE users`);
    await queryRunner.query(`DROP TABLE workspaces`);
  }
}
