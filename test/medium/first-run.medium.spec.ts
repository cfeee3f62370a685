import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { hashApiKey } from '../../src/auth/api-key-material';
import { DefaultPasswordHashingStrategy } from '../../src/auth/default-password-hashing-strategy';
import { FirstRunRepository } from '../../src/auth/first-run.repository';
import { FirstRunService } from '../../src/auth/first-run.service';
import { ErrorCode, PorticoError } from '../../src/common/errors';
import { connectDataSource } from '../../src/database/data-source';
import { runPendingMigrations } from '../../src/database/migration-runner';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const BOOTSTRAP_KEY = 'ci-bootstrap-key-0123456789abcdef';

describe('first run on an empty database', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const passwords = new DefaultPasswordHashingStrategy();
  const service = () => new FirstRunService(new FirstRunRepository(dataSource), passwords);

  beforeEach(async () => {
    database = await createTestDatabase();
    dataSource = await connectDataSource({ url: database.url, poolSize: 5 });
    await runPendingMigrations(dataSource);
  });
  afterEach(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('creates the workspace, a superadmin owner and an admin key, and prints the generated secrets once', async () => {
    const result = await service().ensureInitialized({ adminEmail: 'root@example.com' });
    expect(result).not.toBeNull();
    expect(result!.generatedAdminPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(result!.generatedApiKey).toMatch(/^ptk_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}$/);

    const [user] = await dataSource.query(`SELECT email, is_superadmin, password_hash FROM users`);
    expect(user.email).toBe('root@example.com');
    expect(user.is_superadmin).toBe(true);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(await passwords.verify(user.password_hash, result!.generatedAdminPassword!)).toBe(true);

    const [member] = await dataSource.query(`SELECT role, workspace_id FROM workspace_members`);
    expect(member).toEqual({ role: 'owner', workspace_id: result!.workspaceId });

    const [key] = await dataSource.query(`SELECT * FROM api_keys`);
    expect(key.owner_type).toBe('service_account');
    expect(Buffer.compare(key.key_hash, hashApiKey(result!.generatedApiKey!))).toBe(0);
    const everything = JSON.stringify(await dataSource.query(`SELECT row_to_json(k) FROM api_keys k`));
    expect(everything).not.toContain(result!.generatedApiKey!.split('_').pop());

    expect(await service().ensureInitialized({ adminEmail: 'root@example.com' })).toBeNull();
  });

  it('uses PORTICO_ADMIN_PASSWORD and PORTICO_BOOTSTRAP_API_KEY as given, storing only hashes', async () => {
    const result = await service().ensureInitialized({
      adminEmail: 'admin@example.com',
      adminPassword: 'correct horse battery staple',
      bootstrapApiKey: BOOTSTRAP_KEY,
    });
    expect(result!.generatedAdminPassword).toBeUndefined();
    expect(result!.generatedApiKey).toBeUndefined();
    const [user] = await dataSource.query(`SELECT password_hash FROM users`);
    expect(await passwords.verify(user.password_hash, 'correct horse battery staple')).toBe(true);
    const rows = await dataSource.query(`SELECT id FROM api_keys WHERE key_hash = $1`, [hashApiKey(BOOTSTRAP_KEY)]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(await dataSource.query(`SELECT row_to_json(k) FROM api_keys k`))).not.toContain(BOOTSTRAP_KEY);
  });

  it('sets up exactly once when replicas start together', async () => {
    const outcomes = await Promise.all([1, 2, 3].map(() => service().ensureInitialized({ adminEmail: 'a@example.com', adminPassword: 'password-long-enough' })));
    expect(outcomes.filter((outcome) => outcome !== null)).toHaveLength(1);
    const [{ users }] = await dataSource.query(`SELECT count(*)::int AS users FROM users`);
    const [{ keys }] = await dataSource.query(`SELECT count(*)::int AS keys FROM api_keys`);
    expect({ users, keys }).toEqual({ users: 1, keys: 1 });
  });

  it('refuses a master key other than the one the database was set up with', async () => {
    await service().verifyMasterKey(Buffer.alloc(32, 1));
    await service().verifyMasterKey(Buffer.alloc(32, 1));
    const failure = await service()
      .verifyMasterKey(Buffer.alloc(32, 2))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PorticoError);
    expect((failure as PorticoError).code).toBe(ErrorCode.MASTER_KEY_MISMATCH);
  });
});
