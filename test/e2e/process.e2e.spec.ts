import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootFailure, spawnPortico } from '../support/portico-process';
import { findFreePort } from '../support/ports';
import { createTestDatabase, withClient } from '../support/test-database';

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portico-e2e-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function expectOneCodedLine(stderr: string, code: string, ...mentions: string[]): void {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^portico: ${code}: `));
  for (const mention of mentions) expect(lines[0]).toContain(mention);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('boot failures: one clear line, non-zero exit', () => {
  it.each([
    ['DATABASE_URL', 'postgres//missing-colon@host/db'],
    ['DATABASE_URL', 'http://localhost:5432/db'],
    ['PORT', 'eighty'],
    ['PORT', '99999'],
  ])('%s=%s', async (variable, value) => {
    const result = await bootFailure({ [variable]: value, PORTICO_DATA_DIR: tempDir() });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expectOneCodedLine(result.stderr, 'PORTICO_ERR_CONFIG_INVALID', variable);
  });

  it.each([
    ['./test/fixtures/plugins/broken-manifest', 'PORTICO_ERR_PLUGIN_MANIFEST_INVALID'],
    ['./test/fixtures/plugins/wrong-name', 'PORTICO_ERR_PLUGIN_ID_MISMATCH'],
    ['./test/fixtures/plugins/does-not-exist', 'PORTICO_ERR_PLUGIN_NOT_FOUND'],
  ])('refuses plugin %s with %s, naming it', async (plugin, code) => {
    const result = await bootFailure({ PORTICO_PLUGINS: `provider-mock,${plugin}`, PORTICO_DATA_DIR: tempDir() });
    expect(result.code).toBe(1);
    expectOneCodedLine(result.stderr, code, plugin);
  });

  it('names an unreachable database', async () => {
    const port = await findFreePort();
    const result = await bootFailure({ DATABASE_URL: `postgres://nobody@127.0.0.1:${port}/none`, PORTICO_DATA_DIR: tempDir() });
    expect(result.code).toBe(1);
    expectOneCodedLine(result.stderr, 'PORTICO_ERR_DATABASE_UNAVAILABLE', `127.0.0.1:${port}`);
  });
});

describe('the embedded default (no DATABASE_URL)', () => {
  it('is ready within 30 s, keeps its data across a restart, and exits 0 on SIGTERM', async () => {
    const dataDir = tempDir();
    const env = {
      PORT: String(await findFreePort()),
      PORTICO_EMBEDDED_DB_PORT: String(await findFreePort()),
      PORTICO_DATA_DIR: dataDir,
      PORTICO_LOG_LEVEL: 'warn',
    };
    const baseUrl = `http://127.0.0.1:${env.PORT}`;

    const first = spawnPortico(env);
    cleanups.push(() => void first.stop('SIGKILL'));
    const firstReadyMs = await first.waitForReady(baseUrl);
    expect(firstReadyMs).toBeLessThan(30_000);
    expect(first.stdout()).toContain('Portico first run');
    const generatedKey = /admin API key:\s+(ptk_\S+)/.exec(first.stdout())?.[1];
    expect(generatedKey).toBeDefined();
    expect(await first.stop('SIGTERM')).toBe(0);

    const second = spawnPortico(env);
    cleanups.push(() => void second.stop('SIGKILL'));
    await second.waitForReady(baseUrl);
    expect(second.stdout()).not.toContain('Portico first run');
    const { readFileSync } = await import('node:fs');
    const password = readFileSync(join(dataDir, 'postgres.password'), 'utf8').trim();
    const rows = await withClient(`postgres://portico:${password}@127.0.0.1:${env.PORTICO_EMBEDDED_DB_PORT}/portico`, (client) =>
      client.query(`SELECT u.email, w.slug FROM users u JOIN workspace_members m ON m.user_id = u.id JOIN workspaces w ON w.id = m.workspace_id`),
    );
    expect(rows.rows).toEqual([{ email: 'admin@portico.local', slug: 'default' }]);
    expect(await second.stop('SIGTERM')).toBe(0);
    expect(second.stderr()).toBe('');
  });
});

describe('DATABASE_URL', () => {
  it('runs on the named server and applies the migrations there', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const env = {
      PORT: String(await findFreePort()),
      DATABASE_URL: database.url,
      PORTICO_DATA_DIR: tempDir(),
      PORTICO_LOG_LEVEL: 'warn',
      PORTICO_ADMIN_PASSWORD: 'a-long-enough-password',
      PORTICO_BOOTSTRAP_API_KEY: 'bootstrap-key-for-ci-0123456789',
    };
    const portico = spawnPortico(env);
    cleanups.push(() => void portico.stop('SIGKILL'));
    await portico.waitForReady(`http://127.0.0.1:${env.PORT}`);
    expect(portico.stdout()).not.toContain(env.PORTICO_ADMIN_PASSWORD);
    expect(portico.stdout()).not.toContain(env.PORTICO_BOOTSTRAP_API_KEY);
    const users = await withClient(database.url, (client) => client.query('SELECT email FROM users'));
    expect(users.rows).toEqual([{ email: 'admin@portico.local' }]);
    expect(await portico.stop('SIGINT')).toBe(0);
  });
});
