import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../src/audit/audit-log/audit-export';
import { ErrorCode } from '../../src/common/errors';
import { createMember, createServiceAccountKey, createWorkspace, type TestUser } from '../support/auth-helpers';
import { listRoutes } from '../support/routes';
import { startTestApp, type TestApp } from '../support/test-app';
import { firstRunAdmin, settle } from './workspaces.support';

interface Entry {
  id: string;
  seq: number;
  workspaceId: string | null;
  actor: { kind: string; id: string; apiKeyId: string | null; email: string | null };
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: any;
  after: any;
  changes: string[];
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  hash: string;
}

describe('audit log API', () => {
  let subject: TestApp;
  let wsA: string;
  let wsB: string;
  let ownerA: TestUser;
  let adminA: TestUser;
  let viewerA: TestUser;
  let developerA: TestUser;
  let ownerB: TestUser;
  let superadmin: TestUser;
  let keyA: { serviceAccountId: string; keyId: string; headers: { authorization: string } };
  const app = () => subject.app;
  const audit = (workspaceId: string, rest = '') => `/admin/workspaces/${workspaceId}/audit${rest}`;
  const get = (url: string, headers: Record<string, string>) => app().inject({ method: 'GET', url, headers });
  const change = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) => {
    const response = await app().inject({ method, url, headers, ...(payload && { payload }) });
    await settle(app());
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };
  const page = async (workspaceId: string, query = '', user: TestUser = ownerA): Promise<{ items: Entry[]; nextCursor: string | null }> => {
    const response = await get(audit(workspaceId, query), user.headers);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    subject = await startTestApp({}, [DiscoveryModule]);
    wsA = (await createWorkspace(app())).id;
    wsB = (await createWorkspace(app())).id;
    ownerA = await createMember(app(), wsA, 'owner');
    adminA = await createMember(app(), wsA, 'admin');
    viewerA = await createMember(app(), wsA, 'viewer');
    developerA = await createMember(app(), wsA, 'developer');
    ownerB = await createMember(app(), wsB, 'owner');
    superadmin = await firstRunAdmin(subject);
    keyA = await createServiceAccountKey(app(), wsA, 'admin', ['admin']);
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('records who changed what from where: user, address, user agent, request id, before/after with secrets masked', async () => {
    const headers = { ...ownerA.headers, 'user-agent': 'audit-e2e/1.0', 'x-request-id': 'audit-e2e-create-account' };
    const account = await change('POST', `/admin/workspaces/${wsA}/provider-accounts`, headers, { name: 'openai-main', pluginId: 'provider-mock', credential: 'sk-very-secret-credential-0001' });
    await change('PATCH', `/admin/workspaces/${wsA}/provider-accounts/${account.id}`, { ...headers, 'x-request-id': 'audit-e2e-update-account' }, {
      credential: 'sk-very-secret-credential-0002',
      config: { region: 'eu' },
    });

    const { items } = await page(wsA);
    const [updated, created] = items;
    expect(created).toMatchObject({
      workspaceId: wsA,
      action: 'provider_account.create',
      resourceType: 'provider_account',
      resourceId: account.id,
      actor: { kind: 'user', id: ownerA.id, apiKeyId: null, email: ownerA.email },
      ip: '127.0.0.1',
      userAgent: 'audit-e2e/1.0',
      requestId: 'audit-e2e-create-account',
      before: null,
      after: { id: account.id, name: 'openai-main', hasCredential: true, credentialHint: account.credentialHint },
    });
    expect(updated).toMatchObject({ action: 'provider_account.update', requestId: 'audit-e2e-update-account', seq: created.seq + 1, after: { config: { region: 'eu' }, credentialEnc: '***' } });
    expect(updated.changes).toEqual(expect.arrayContaining(['config.region', 'credentialEnc', 'credentialHint', 'updatedAt']));
    expect(JSON.stringify(items)).not.toContain('very-secret-credential');
  });

  it('names a service account acting through its API key, with the key', async () => {
    const created = await change('POST', `/admin/workspaces/${wsA}/roles`, keyA.headers, { name: 'auditors', permissions: ['audit:read'] });
    const [entry] = (await page(wsA, `?resourceId=${created.id}`)).items;
    expect(entry).toMatchObject({ action: 'role.create', actor: { kind: 'service_account', id: keyA.serviceAccountId, apiKeyId: keyA.keyId, email: null } });
  });

  it('pages newest first with a cursor, filters, and refuses a bad cursor or a page over 500', async () => {
    for (const name of ['pager-1', 'pager-2', 'pager-3']) await change('POST', `/admin/workspaces/${wsA}/service-accounts`, ownerA.headers, { name, role: 'viewer' });
    const all = (await page(wsA, '?limit=500')).items;
    expect(all.map((entry) => entry.seq)).toEqual([...all.map((entry) => entry.seq)].sort((a, b) => b - a));

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const next: { items: Entry[]; nextCursor: string | null } = await page(wsA, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(next.items.length).toBeLessThanOrEqual(2);
      seen.push(...next.items.map((entry) => entry.seq));
      cursor = next.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((entry) => entry.seq));

    const created = (await page(wsA, '?action=service_account.create&resourceType=service_account')).items;
    expect(created.map((entry) => entry.after.name)).toEqual(['pager-3', 'pager-2', 'pager-1']);
    expect((await page(wsA, `?actorId=${keyA.serviceAccountId}`)).items.map((entry) => entry.action)).toEqual(['role.create']);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await page(wsA, `?from=${encodeURIComponent(future)}`)).items).toEqual([]);

    for (const query of ['?cursor=not!a!cursor', '?limit=501', '?limit=0', '?from=yesterday', '?sort=seq']) {
      const refused = await get(audit(wsA, query), ownerA.headers);
      expect(refused.statusCode, query).toBe(400);
      expect(refused.json().error.code).toBe(ErrorCode.VALIDATION_FAILED);
    }
  });

  it('exports JSONL and CSV, streamed as attachments, oldest first, with the same filters', async () => {
    const jsonl = await get(audit(wsA, '/export?format=jsonl&action=service_account.create'), ownerA.headers);
    expect(jsonl.statusCode).toBe(200);
    expect(jsonl.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(jsonl.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="portico-audit-${wsA}-\\d{4}-\\d{2}-\\d{2}\\.jsonl"$`));
    const lines = jsonl.body.trimEnd().split('\n').map((line) => JSON.parse(line) as Entry);
    expect(lines.map((entry) => entry.after.name)).toEqual(['pager-1', 'pager-2', 'pager-3']);
    expect(lines.every((entry) => entry.workspaceId === wsA && /^[0-9a-f]{64}$/.test(entry.hash))).toBe(true);

    // A value a spreadsheet would run as a formula is neutralised in the CSV, and only there.
    await change('PATCH', `/admin/workspaces/${wsA}/service-accounts/${lines[0].resourceId}`, { ...ownerA.headers, 'user-agent': '=HYPERLINK("http://evil.example")' }, { description: '+1,"quoted"' });
    const csv = await get(audit(wsA, '/export?format=csv&action=service_account.update'), ownerA.headers);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="portico-audit-.*\.csv"$/);
    const [header, row, end] = csv.body.split('\r\n');
    expect(header).toBe(CSV_COLUMNS.join(','));
    expect(end).toBe('');
    expect(row).toContain(`,"'=HYPERLINK(""http://evil.example"")",`);
    expect(row).toContain('""description"":""+1,\\""quoted\\""""');
    const raw = (await page(wsA, '?action=service_account.update')).items[0];
    expect(raw.userAgent).toBe('=HYPERLINK("http://evil.example")');

    const superExport = await get('/admin/audit/export?format=jsonl', superadmin.headers);
    expect(superExport.statusCode).toBe(200);
    expect(superExport.headers['content-disposition']).toContain('portico-audit-instance-');
  });

  it('needs audit:read: viewers and developers get 403, admins and owners read, non-members get 404', async () => {
    for (const user of [viewerA, developerA]) {
      for (const rest of ['', '/export', '/verify']) {
        const refused = await get(audit(wsA, rest), user.headers);
        expect(refused.statusCode, rest).toBe(403);
        expect(refused.json().error).toMatchObject({ code: ErrorCode.FORBIDDEN, details: { permission: 'audit:read' } });
      }
    }
    expect((await get(audit(wsA), adminA.headers)).statusCode).toBe(200);
    expect((await get(audit(wsA, '/verify'), keyA.headers)).statusCode).toBe(200);
    expect((await get(audit(wsA), ownerB.headers)).statusCode).toBe(404);

    // The instance log is for superadmins only (a workspace owner is not one).
    for (const url of ['/admin/audit', '/admin/audit/export', '/admin/audit/verify']) {
      expect((await get(url, ownerA.headers)).statusCode, url).toBe(403);
      expect((await get(url, superadmin.headers)).statusCode, url).toBe(200);
    }
  });

  it("keeps workspaces apart: another workspace's entries never show, in pages, exports or verification", async () => {
    await change('POST', `/admin/workspaces/${wsB}/roles`, ownerB.headers, { name: 'only-in-b', permissions: ['routes:read'] });
    const inB = (await page(wsB, '', ownerB)).items;
    expect(inB.map((entry) => entry.action)).toEqual(['role.create']);
    expect(inB[0]).toMatchObject({ seq: 1, workspaceId: wsB });
    const inA = [...(await page(wsA, '?limit=500')).items, ...(await get(audit(wsA, '/export'), ownerA.headers)).body.trim().split('\n').map((line) => JSON.parse(line))];
    expect(inA.every((entry) => entry.workspaceId === wsA)).toBe(true);
    expect(inA.some((entry) => entry.after?.name === 'only-in-b')).toBe(false);
    expect((await get(audit(wsB, '/verify'), ownerB.headers)).json()).toMatchObject({ ok: true, checked: 1 });
    // A key of workspace A cannot read B's log.
    expect((await get(audit(wsB), keyA.headers)).statusCode).toBe(404);
    // The instance log holds instance-level changes only.
    const instance = (await get('/admin/audit?limit=500', superadmin.headers)).json();
    expect(instance.items.every((entry: Entry) => entry.workspaceId === null)).toBe(true);
    expect(instance.items.map((entry: Entry) => `${entry.action} ${entry.actor.id}`)).toEqual(expect.arrayContaining(['workspace.create first-run', 'user.create first-run']));
  });

  it('verifies the chain and, after one row is changed in SQL, names exactly that entry', async () => {
    const before = (await get(audit(wsA, '/verify'), ownerA.headers)).json();
    const { items } = await page(wsA, '?limit=500');
    expect(before).toMatchObject({ ok: true, checked: items.length, firstBroken: null, anchor: null, head: { seq: items[0].seq, hash: items[0].hash } });

    const victim = items[Math.floor(items.length / 2)];
    await app()
      .get(DataSource)
      .transaction(async (manager) => {
        await manager.query('SET LOCAL session_replication_role = replica');
        await manager.query(`UPDATE audit_entries SET actor_email = 'someone-else@example.com' WHERE id = $1`, [victim.id]);
      });
    const after = await get(audit(wsA, '/verify'), ownerA.headers);
    expect(after.json()).toMatchObject({ ok: false, firstBroken: { seq: victim.seq, id: victim.id, reason: 'hash_mismatch' }, checked: victim.seq });
    // Other chains are unaffected.
    expect((await get(audit(wsB, '/verify'), ownerB.headers)).json()).toMatchObject({ ok: true });
  });

  it('offers no way to change or delete entries, and the database refuses it', async () => {
    const writes = listRoutes(app().get(DiscoveryService)).filter((route) => route.path.includes('/audit') && route.method !== 'GET');
    expect(writes).toEqual([]);
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE'] as const) {
      expect((await app().inject({ method, url: audit(wsA), headers: ownerA.headers })).statusCode, method).toBe(404);
    }
    await expect(app().get(DataSource).query('DELETE FROM audit_entries')).rejects.toThrow(/append-only/);
  });

  it('documents the endpoints and their filters in the OpenAPI document', async () => {
    const document = (await get('/docs-json', {})).json();
    for (const path of ['/admin/workspaces/{workspaceId}/audit', '/admin/workspaces/{workspaceId}/audit/export', '/admin/workspaces/{workspaceId}/audit/verify', '/admin/audit', '/admin/audit/export', '/admin/audit/verify']) {
      expect(document.paths[path]?.get, path).toBeDefined();
    }
    const parameters = document.paths['/admin/workspaces/{workspaceId}/audit'].get.parameters.map((parameter: { name: string }) => parameter.name);
    expect(parameters).toEqual(expect.arrayContaining(['workspaceId', 'action', 'resourceType', 'resourceId', 'actorId', 'from', 'to', 'cursor', 'limit']));
    expect(Object.keys(document.paths['/admin/workspaces/{workspaceId}/audit/export'].get.responses['200'].content)).toEqual(['application/x-ndjson', 'text/csv']);
  });
});
