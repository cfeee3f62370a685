import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { DefaultPasswordHashingStrategy } from '../../src/auth/default-password-hashing-strategy';
import { FirstRunRepository } from '../../src/auth/first-run.repository';
import { FirstRunService } from '../../src/auth/first-run.service';
import { ENCRYPTED_COLUMNS, PROVIDER_CREDENTIAL_PURPOSE, SSO_CLIENT_SECRET_PURPOSE, SSO_CODE_VERIFIER_PURPOSE } from '../../src/auth/secrets/encrypted-columns';
import { rotateMasterKey } from '../../src/auth/secrets/master-key-rotation';
import { runRotateMasterKey } from '../../src/auth/secrets/rotate-command';
import { masterKeyFingerprint } from '../../src/common/crypto/master-key';
import { SecretBox } from '../../src/common/crypto/secret-box';
import { ErrorCode } from '../../src/common/errors';
import { connectDataSource } from '../../src/database/data-source';
import { runPendingMigrations } from '../../src/database/migration-runner';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const KEY_A = Buffer.alloc(32, 0xa1);
const KEY_B = Buffer.alloc(32, 0xb2);
const PLAINTEXTS = { credential: 'sk-provider-credential-1', clientSecret: 'oidc-client-secret-2', verifier: 'pkce-code-verifier-3' };

describe('master key rotation', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const firstRun = () => new FirstRunService(new FirstRunRepository(dataSource), new DefaultPasswordHashingStrategy());

  beforeEach(async () => {
    database = await createTestDatabase();
    dataSource = await connectDataSource({ url: database.url, poolSize: 4 });
    await runPendingMigrations(dataSource);
    await firstRun().verifyMasterKey(KEY_A);
  });
  afterEach(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  /** One sealed value in every encrypted column, plus an account without a credential. */
  async function seed(box: SecretBox): Promise<void> {
    const [{ id: ws }] = await dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ('rot', 'Rot') RETURNING id`);
    await dataSource.query(`INSERT INTO provider_accounts (workspace_id, plugin_id, name, credential_enc) VALUES ($1, 'provider-mock', 'sealed', $2), ($1, 'provider-mock', 'bare', NULL)`, [
      ws,
      box.seal(PLAINTEXTS.credential, PROVIDER_CREDENTIAL_PURPOSE),
    ]);
    const [{ id: connection }] = await dataSource.query(
      `INSERT INTO sso_connections (workspace_id, name, issuer_url, client_id, client_secret_enc) VALUES ($1, 'idp', 'https://idp.example', 'c', $2) RETURNING id`,
      [ws, box.seal(PLAINTEXTS.clientSecret, SSO_CLIENT_SECRET_PURPOSE)],
    );
    await dataSource.query(
      `INSERT INTO sso_login_states (state_hash, connection_id, code_verifier_enc, nonce, redirect_uri, expires_at) VALUES ($1, $2, $3, 'n', 'https://app/cb', now() + interval '5 minutes')`,
      [randomBytes(32), connection, box.seal(PLAINTEXTS.verifier, SSO_CODE_VERIFIER_PURPOSE)],
    );
  }

  async function sealedValues(): Promise<Record<string, string>> {
    const [row] = await dataSource.query(`
      SELECT (SELECT credential_enc FROM provider_accounts WHERE name = 'sealed') AS credential,
             (SELECT client_secret_enc FROM sso_connections) AS "clientSecret",
             (SELECT code_verifier_enc FROM sso_login_states) AS verifier`);
    return row;
  }

  async function storedFingerprint(): Promise<string> {
    const [{ value }] = await dataSource.query(`SELECT value FROM system_settings WHERE key = 'master_key_fingerprint'`);
    return value;
  }

  it('registers every *_enc column of the schema', async () => {
    const columns: { table_name: string; column_name: string }[] = await dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name LIKE '%\\_enc' ORDER BY 1, 2`,
    );
    const registered = ENCRYPTED_COLUMNS.map((column) => `${column.table}.${column.column}`).sort();
    expect(columns.map((column) => `${column.table_name}.${column.column_name}`)).toEqual(registered);
    expect(ENCRYPTED_COLUMNS.map((column) => column.purpose)).toEqual(['provider_accounts.credential', 'provider_account_credentials.credential', 'sso_connections.client_secret', 'sso_login_states.code_verifier', 'webhook_endpoints.secret', 'webhook_endpoints.previous_secret', 'rest_apis.credential']);
  });

  it('re-seals everything under the new key, records its fingerprint, and a second run is a no-op', async () => {
    await seed(new SecretBox(KEY_A));
    const result = await rotateMasterKey(dataSource, KEY_A, KEY_B);
    expect(result).toMatchObject({ total: 3, skipped: 0 });
    expect(result.resealed).toEqual({ 'provider_accounts.credential_enc': 1, 'provider_account_credentials.credential_enc': 0, 'sso_connections.client_secret_enc': 1, 'sso_login_states.code_verifier_enc': 1, 'webhook_endpoints.secret_enc': 0, 'webhook_endpoints.previous_secret_enc': 0, 'rest_apis.credential_enc': 0 });

    const onlyB = new SecretBox(KEY_B);
    const sealed = await sealedValues();
    expect(onlyB.open(sealed.credential, PROVIDER_CREDENTIAL_PURPOSE)).toBe(PLAINTEXTS.credential);
    expect(onlyB.open(sealed.clientSecret, SSO_CLIENT_SECRET_PURPOSE)).toBe(PLAINTEXTS.clientSecret);
    expect(onlyB.open(sealed.verifier, SSO_CODE_VERIFIER_PURPOSE)).toBe(PLAINTEXTS.verifier);
    expect(() => new SecretBox(KEY_A).open(sealed.credential, PROVIDER_CREDENTIAL_PURPOSE)).toThrow();
    expect(await storedFingerprint()).toBe(masterKeyFingerprint(KEY_B));

    const again = await rotateMasterKey(dataSource, KEY_A, KEY_B);
    expect(again).toMatchObject({ total: 0, skipped: 3 });
    expect(await sealedValues()).toEqual(sealed);

    await expect(firstRun().verifyMasterKey(KEY_A)).rejects.toMatchObject({ code: ErrorCode.MASTER_KEY_MISMATCH });
    await expect(firstRun().verifyMasterKey(KEY_B)).resolves.toBeUndefined();
  });

  it('skips values already under the new key (a run after an interruption)', async () => {
    await seed(new SecretBox(KEY_A));
    await dataSource.query(`UPDATE provider_accounts SET credential_enc = $1 WHERE name = 'sealed'`, [new SecretBox(KEY_B).seal(PLAINTEXTS.credential, PROVIDER_CREDENTIAL_PURPOSE)]);
    expect(await rotateMasterKey(dataSource, KEY_A, KEY_B)).toMatchObject({ total: 2, skipped: 1 });
    expect(new SecretBox(KEY_B).open((await sealedValues()).credential, PROVIDER_CREDENTIAL_PURPOSE)).toBe(PLAINTEXTS.credential);
  });

  it('changes nothing when a value cannot be opened or the database belongs to another key', async () => {
    await seed(new SecretBox(KEY_A));
    await dataSource.query(`UPDATE sso_connections SET client_secret_enc = $1`, [new SecretBox(Buffer.alloc(32, 7)).seal('x', SSO_CLIENT_SECRET_PURPOSE)]);
    const before = await sealedValues();
    await expect(rotateMasterKey(dataSource, KEY_A, KEY_B)).rejects.toMatchObject({ code: ErrorCode.MASTER_KEY_MISMATCH });
    expect(await sealedValues()).toEqual(before);
    expect(await storedFingerprint()).toBe(masterKeyFingerprint(KEY_A));

    await expect(rotateMasterKey(dataSource, Buffer.alloc(32, 9), KEY_B)).rejects.toMatchObject({ code: ErrorCode.MASTER_KEY_MISMATCH });
    await expect(rotateMasterKey(dataSource, KEY_A, KEY_A)).rejects.toMatchObject({ code: ErrorCode.CONFIG_INVALID });
  });

  describe('the rotate-master-key command', () => {
    let dataDir: string;
    beforeEach(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'portico-rotate-'));
    });
    afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

    it('reads the data-dir key file, rotates, then rewrites the file (0600) with the new key', async () => {
      await seed(new SecretBox(KEY_A));
      writeFileSync(join(dataDir, 'master.key'), `${KEY_A.toString('base64')}\n`, { mode: 0o600 });
      const lines: string[] = [];
      const env = { DATABASE_URL: database.url, PORTICO_DATA_DIR: dataDir, PORTICO_NEW_MASTER_KEY: KEY_B.toString('base64'), PORTICO_LOG_LEVEL: 'silent' };
      const outcome = await runRotateMasterKey(env, (line) => lines.push(line));
      expect(outcome).toMatchObject({ total: 3, keyFile: join(dataDir, 'master.key') });
      expect(readFileSync(join(dataDir, 'master.key'), 'utf8').trim()).toBe(KEY_B.toString('base64'));
      expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
      expect(await storedFingerprint()).toBe(masterKeyFingerprint(KEY_B));
      expect(lines.join('\n')).not.toContain(KEY_B.toString('base64'));
    });

    it('takes the current key from PORTICO_MASTER_KEY and leaves files alone; refuses a malformed new key', async () => {
      await seed(new SecretBox(KEY_A));
      const base = { DATABASE_URL: database.url, PORTICO_DATA_DIR: dataDir, PORTICO_MASTER_KEY: KEY_A.toString('base64') };
      await expect(runRotateMasterKey({ ...base, PORTICO_NEW_MASTER_KEY: 'too-short' })).rejects.toMatchObject({ code: ErrorCode.CONFIG_INVALID });
      const outcome = await runRotateMasterKey({ ...base, PORTICO_NEW_MASTER_KEY: KEY_B.toString('base64') });
      expect(outcome.keyFile).toBeUndefined();
      expect(await storedFingerprint()).toBe(masterKeyFingerprint(KEY_B));
      await expect(runRotateMasterKey({ DATABASE_URL: database.url, PORTICO_DATA_DIR: join(dataDir, 'none'), PORTICO_NEW_MASTER_KEY: KEY_B.toString('base64') })).rejects.toMatchObject({
        code: ErrorCode.CONFIG_INVALID,
      });
    });
  });
});
