import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefaultPasswordHashingStrategy } from '../../src/auth/default-password-hashing-strategy';
import { UserEntity } from '../../src/auth/entities/user.entity';
import { AuthThrottleRepository } from '../../src/auth/sessions/auth-throttle.repository';
import type { ClientInfo } from '../../src/auth/sessions/client-info';
import { DefaultLoginThrottleStrategy } from '../../src/auth/sessions/default-login-throttle-strategy';
import { LoginThrottleService } from '../../src/auth/sessions/login-throttle.service';
import { RefreshTokenRepository } from '../../src/auth/sessions/refresh-token.repository';
import { SessionTokensService } from '../../src/auth/sessions/session-tokens.service';
import { SessionUsersRepository } from '../../src/auth/sessions/session-users.repository';
import { SessionsService } from '../../src/auth/sessions/sessions.service';
import { AccessTokenService } from '../../src/auth/tokens/access-token.service';
import { ErrorCode } from '../../src/common/errors';
import { connectDataSource } from '../../src/database/data-source';
import { runPendingMigrations } from '../../src/database/migration-runner';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const PASSWORD = 'medium-password-12345';
const passwords = new DefaultPasswordHashingStrategy();
const masterKey = randomBytes(32);

/** One Portico process's worth of session services over its own connection pool. */
function replica(dataSource: DataSource) {
  const users = new SessionUsersRepository(dataSource);
  const tokens = new SessionTokensService(new RefreshTokenRepository(dataSource), users, new AccessTokenService(masterKey));
  const throttle = new LoginThrottleService(new AuthThrottleRepository(dataSource), new DefaultLoginThrottleStrategy());
  return { tokens, throttle, sessions: new SessionsService(users, tokens, new RefreshTokenRepository(dataSource), throttle, passwords) };
}

const client = (ip = '192.0.2.1'): ClientInfo => ({ requestId: 'medium', ip, userAgent: 'vitest' });
const outcome = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: { code?: string }) => error.code ?? String(error));
const count = (values: string[]) => values.reduce<Record<string, number>>((acc, value) => ({ ...acc, [value]: (acc[value] ?? 0) + 1 }), {});

describe('sessions on a real Postgres shared by two replicas', () => {
  let database: TestDatabase;
  let first: DataSource;
  let second: DataSource;
  let passwordHash: string;

  const newUser = async () => {
    const email = `user-${randomBytes(4).toString('hex')}@example.com`;
    return first.getRepository(UserEntity).save({ email, displayName: 'medium', passwordHash });
  };
  const throttleRow = async (key: string) => (await first.query(`SELECT failures, locked_until FROM auth_throttle WHERE key = $1`, [key]))[0];

  beforeAll(async () => {
    database = await createTestDatabase();
    first = await connectDataSource({ url: database.url, poolSize: 20 });
    await runPendingMigrations(first);
    second = await connectDataSource({ url: database.url, poolSize: 20 });
    passwordHash = await passwords.hash(PASSWORD);
  });
  afterAll(async () => {
    await first?.destroy();
    await second?.destroy();
    await database?.drop();
  });

  describe('login throttle', () => {
    it('counts every one of many parallel failures from both replicas', async () => {
      const lenient = (dataSource: DataSource) =>
        new LoginThrottleService(new AuthThrottleRepository(dataSource), new DefaultLoginThrottleStrategy({ threshold: { account: 1000, ip: 1000 }, baseLockSeconds: 30, maxLockSeconds: 900, forgetAfterSeconds: 3600 }));
      const services = [lenient(first), lenient(second)];
      await Promise.all(Array.from({ length: 40 }, (_, n) => services[n % 2].claim({ email: 'parallel@example.com', ip: `198.51.100.${n}` })));
      expect(await throttleRow('account:parallel@example.com')).toMatchObject({ failures: 40 });
    });

    it('lets exactly 5 of 12 parallel wrong passwords be checked; the other 7 are locked without a check', async () => {
      const user = await newUser();
      const [a, b] = [replica(first), replica(second)];
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, n) => outcome((n % 2 ? a : b).sessions.login(client(`203.0.113.${n}`), { email: user.email, password: 'wrong-password-0000' }))),
      );
      expect(count(results)).toEqual({ [ErrorCode.INVALID_CREDENTIALS]: 5, [ErrorCode.LOGIN_LOCKED]: 7 });
      const row = await throttleRow(`account:${user.email}`);
      expect(row.failures).toBe(5);
      expect(row.locked_until.getTime()).toBeGreaterThan(Date.now() + 25_000);
    });

    it('escalates after a lock expires: the next failure locks for 60 s', async () => {
      const user = await newUser();
      const { sessions } = replica(first);
      for (let n = 0; n < 5; n++) await outcome(sessions.login(client(), { email: user.email, password: 'wrong-password-0000' }));
      await first.query(`UPDATE auth_throttle SET locked_until = now() - interval '1 second' WHERE key = $1`, [`account:${user.email}`]);
      expect(await outcome(sessions.login(client(), { email: user.email, password: 'wrong-password-0000' }))).toBe(ErrorCode.INVALID_CREDENTIALS);
      const { failures, locked_until } = await throttleRow(`account:${user.email}`);
      expect(failures).toBe(6);
      expect((locked_until.getTime() - Date.now()) / 1000).toBeGreaterThan(55);
    });

    it('forgets failures older than an hour, and a success forgets the account’s failures at once', async () => {
      const user = await newUser();
      const { sessions } = replica(first);
      for (let n = 0; n < 3; n++) await outcome(sessions.login(client(), { email: user.email, password: 'wrong-password-0000' }));
      await first.query(`UPDATE auth_throttle SET last_failure_at = now() - interval '2 hours' WHERE key = $1`, [`account:${user.email}`]);
      await outcome(sessions.login(client(), { email: user.email, password: 'wrong-password-0000' }));
      expect(await throttleRow(`account:${user.email}`)).toMatchObject({ failures: 1 });
      expect(await outcome(sessions.login(client(), { email: user.email, password: PASSWORD }))).toBe('ok');
      expect(await throttleRow(`account:${user.email}`)).toBeUndefined();
    });
  });

  describe('refresh rotation', () => {
    it('rotates within the family and detects reuse of a replaced token', async () => {
      const user = await newUser();
      const { tokens } = replica(first);
      const start = await tokens.start(client(), user);
      const next = await tokens.rotate(client(), start.refreshToken);
      const rows = await first.query(`SELECT family_id, used_at, revoked_at FROM refresh_tokens WHERE user_id = $1 ORDER BY created_at`, [user.id]);
      expect(rows).toHaveLength(2);
      expect(new Set(rows.map((row: { family_id: string }) => row.family_id)).size).toBe(1);
      expect(rows[0].used_at).toBeInstanceOf(Date);
      expect(rows[1].used_at).toBeNull();

      expect(await outcome(tokens.rotate(client(), start.refreshToken))).toBe(ErrorCode.REFRESH_TOKEN_REUSED);
      expect(await outcome(tokens.rotate(client(), next.refreshToken))).toBe(ErrorCode.REFRESH_TOKEN_INVALID);
      const revoked = await first.query(`SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NOT NULL`, [user.id]);
      expect(revoked[0].n).toBe(2);
    });

    it('lets exactly one of many concurrent refreshes with the same token win, on both replicas', async () => {
      const user = await newUser();
      const [a, b] = [replica(first), replica(second)];
      const { refreshToken } = await a.tokens.start(client(), user);
      const results = await Promise.all(Array.from({ length: 10 }, (_, n) => outcome((n % 2 ? a : b).tokens.rotate(client(), refreshToken))));
      expect(count(results)).toEqual({ ok: 1, [ErrorCode.REFRESH_TOKEN_REUSED]: 9 });
      const live = await first.query(`SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`, [user.id]);
      expect(live[0].n).toBe(0);
    });

    it('keeps other families alive when one is revoked', async () => {
      const user = await newUser();
      const { tokens } = replica(first);
      const one = await tokens.start(client(), user);
      const two = await tokens.start(client(), user);
      await tokens.revoke(one.refreshToken);
      expect(await outcome(tokens.rotate(client(), one.refreshToken))).toBe(ErrorCode.REFRESH_TOKEN_INVALID);
      expect(await outcome(tokens.rotate(client(), two.refreshToken))).toBe('ok');
    });
  });
});
