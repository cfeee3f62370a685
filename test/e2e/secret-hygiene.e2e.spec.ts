import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnPortico } from '../support/portico-process';
import { findFreePort } from '../support/ports';
import { createTestDatabase, withClient } from '../support/test-database';

const PROVIDER_SECRET = 'sk-hygiene-CANARY-7f3a9c2e5b1d4068';
const SSO_SECRET = 'sso-hygiene-CANARY-1a2b3c4d5e6f';
const ADMIN_PASSWORD = 'hygiene-CANARY-admin-password';
const BOOTSTRAP_KEY = 'hygiene-CANARY-bootstrap-key-0123456789';

/** `pg_dump` when this machine's client can dump the server; otherwise every row of every table as JSON. */
async function dumpDatabase(url: string): Promise<string> {
  try {
    return execFileSync('pg_dump', ['--data-only', '--no-owner', url], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    return withClient(url, async (client) => {
      const tables = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
      const parts: string[] = [];
      for (const { tablename } of tables.rows) {
        const rows = await client.query(`SELECT row_to_json(t)::text AS line FROM "${tablename}" t`);
        parts.push(...rows.rows.map((row: { line: string }) => row.line));
      }
      return parts.join('\n');
    });
  }
}

describe('secrets never reach the database in clear, nor any log line', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('finds no secret in a full dump and in the debug logs of a run that used them', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const dataDir = mkdtempSync(join(tmpdir(), 'portico-hygiene-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const port = await findFreePort();
    const portico = spawnPortico({
      PORT: String(port),
      DATABASE_URL: database.url,
      PORTICO_DATA_DIR: dataDir,
      PORTICO_LOG_LEVEL: 'trace',
      PORTICO_ADMIN_PASSWORD: ADMIN_PASSWORD,
      PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
    });
    cleanups.push(() => void portico.stop('SIGKILL'));
    const base = `http://127.0.0.1:${port}`;
    await portico.waitForReady(base);

    const admin = { authorization: `Bearer ${BOOTSTRAP_KEY}`, 'content-type': 'application/json' };
    const me = (await (await fetch(`${base}/auth/me`, { headers: admin })).json()) as { workspaces?: Array<{ id: string }>; workspace?: { id: string }; serviceAccount?: { workspaceId: string } };
    const workspaceId = String(me.workspaces?.[0]?.id ?? me.workspace?.id ?? me.serviceAccount?.workspaceId);
    expect(workspaceId, JSON.stringify(me)).toMatch(/^[0-9a-f-]{36}$/);
    const post = (path: string, body: unknown) => fetch(`${base}/admin/workspaces/${workspaceId}/${path}`, { method: 'POST', headers: admin, body: JSON.stringify(body) });

    const created = await post('provider-accounts', { name: 'openai-prod', pluginId: 'provider-mock', credential: PROVIDER_SECRET });
    expect(created.status).toBe(201);
    const createdText = await created.text();
    // A duplicate makes the database refuse the insert: the failure path must not log the sealed value either.
    const duplicate = await post('provider-accounts', { name: 'openai-prod', pluginId: 'provider-mock', credential: PROVIDER_SECRET });
    expect(duplicate.status).toBe(409);
    const sso = await post('sso-connections', { name: 'corp-idp', issuerUrl: 'https://idp.example.com', clientId: 'portico', clientSecret: SSO_SECRET, defaultRole: 'viewer' });
    expect(sso.status).toBe(201);
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@portico.local', password: ADMIN_PASSWORD }) });
    expect(login.status).toBe(200);
    const badLogin = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@portico.local', password: PROVIDER_SECRET }) });
    expect(badLogin.status).toBe(401);
    const listed = await (await fetch(`${base}/admin/workspaces/${workspaceId}/provider-accounts`, { headers: admin })).text();
    const models = await fetch(`${base}/v1/models`, { headers: { authorization: `Bearer ${BOOTSTRAP_KEY}` } });
    expect(models.status).toBe(200);
    const exitCode = await portico.stop('SIGTERM');
    expect(exitCode).toBe(0);

    const dump = await dumpDatabase(database.url);
    expect(dump).toContain('openai-prod');
    const logs = portico.stdout() + portico.stderr();
    expect(logs.split('\n').length).toBeGreaterThan(10);
    for (const secret of [PROVIDER_SECRET, SSO_SECRET, ADMIN_PASSWORD, BOOTSTRAP_KEY]) {
      expect(dump, 'database dump').not.toContain(secret);
      expect(logs, 'logs').not.toContain(secret);
      expect(createdText + listed, 'API responses').not.toContain(secret);
    }
    const sealed = await withClient(database.url, (client) => client.query(`SELECT credential_enc, credential_hint FROM provider_accounts WHERE name = 'openai-prod'`));
    expect(sealed.rows[0].credential_enc).toMatch(/^v1\./);
    expect(sealed.rows[0].credential_hint).toBe('sk-…4068');
    for (const sealedValue of [sealed.rows[0].credential_enc]) expect(logs).not.toContain(sealedValue.split('.')[3]);
  });
});
