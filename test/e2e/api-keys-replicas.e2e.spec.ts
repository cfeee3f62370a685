import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, createWorkspace, type TestUser } from '../support/auth-helpers';
import { startReplicas, type ReplicaSet } from '../support/replicas';
import { DataPlaneProbeModule, probe, settlePolicies, waitUntil } from './api-keys.support';

const PROPAGATION_BUDGET_MS = 1000;

/** Two full Portico processes on one database: a change made through A must reach B within a second. */
describe('API key changes reach every replica within 1 s', () => {
  let set: ReplicaSet;
  let a: NestFastifyApplication;
  let b: NestFastifyApplication;
  let workspaceId: string;
  let owner: TestUser;
  let accountId: string;

  const adminCall = (app: NestFastifyApplication, method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: unknown) =>
    app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
  const keysUrl = () => `/admin/workspaces/${workspaceId}/api-keys`;
  /** Both planes of replica B: the admin API (control-plane guard) and a data-plane route. */
  const worksOnB = async (key: string) => {
    const [admin, data] = await Promise.all([adminCall(b, 'GET', keysUrl(), { authorization: `Bearer ${key}` }), probe(b, key)]);
    return admin.statusCode === 200 && data === 200;
  };
  const refusedOnB = async (key: string) => {
    const [admin, data] = await Promise.all([adminCall(b, 'GET', keysUrl(), { authorization: `Bearer ${key}` }), probe(b, key)]);
    return admin.statusCode === 401 && data === 401;
  };
  const mintOnA = async (name: string) => {
    const response = await adminCall(a, 'POST', keysUrl(), owner.headers, { name, owner: { type: 'service_account', id: accountId }, scopes: ['admin', 'invoke:*'] });
    expect(response.statusCode).toBe(201);
    const created = response.json() as { id: string; key: string };
    await waitUntil(() => worksOnB(created.key), PROPAGATION_BUDGET_MS);
    return created;
  };

  beforeAll(async () => {
    set = await startReplicas(2, {}, [DataPlaneProbeModule]);
    [a, b] = set.replicas.map((replica) => replica.app);
    workspaceId = (await createWorkspace(a)).id;
    owner = await createMember(a, workspaceId, 'owner');
    const account = await adminCall(a, 'POST', `/admin/workspaces/${workspaceId}/service-accounts`, owner.headers, { name: 'replicated', role: 'admin' });
    accountId = account.json().id;
    await settlePolicies(a);
    await settlePolicies(b);
  });
  afterAll(async () => {
    await set?.close();
  });

  it('a key created on A works on B, and a revocation on A reaches B', async () => {
    const { id, key } = await mintOnA('revoked-on-a');
    expect(await worksOnB(key)).toBe(true);
    const started = performance.now();
    const revoked = await adminCall(a, 'POST', `${keysUrl()}/${id}/revoke`, owner.headers, {});
    expect(revoked.statusCode).toBe(200);
    await waitUntil(() => refusedOnB(key), 3000, 2);
    const elapsed = performance.now() - started;
    console.log(`[replicas] revocation through A refused on B after ${elapsed.toFixed(1)} ms (revoke request included)`);
    expect(elapsed).toBeLessThan(PROPAGATION_BUDGET_MS);
  });

  it('after a rotation on A, B accepts both keys, then refuses the old one when the grace ends', async () => {
    const { id, key: oldKey } = await mintOnA('rotated-on-a');
    const rotated = await adminCall(a, 'POST', `${keysUrl()}/${id}/rotate`, owner.headers, { gracePeriodSeconds: 2 });
    expect(rotated.statusCode).toBe(201);
    const { key: newKey, previousKey } = rotated.json();
    await waitUntil(() => worksOnB(newKey), PROPAGATION_BUDGET_MS);
    expect(await worksOnB(oldKey)).toBe(true);
    await waitUntil(() => refusedOnB(oldKey), 4000, 2);
    const late = Date.now() - Date.parse(previousKey.expiresAt);
    console.log(`[replicas] rotated key refused on B ${late} ms after its grace ended`);
    expect(late).toBeLessThan(PROPAGATION_BUDGET_MS);
    expect(await worksOnB(newKey)).toBe(true);
  });

  it('disabling the service account on A stops its keys on B', async () => {
    const { key } = await mintOnA('disabled-on-a');
    const started = performance.now();
    const disabled = await adminCall(a, 'POST', `/admin/workspaces/${workspaceId}/service-accounts/${accountId}/disable`, owner.headers, {});
    expect(disabled.statusCode).toBe(200);
    await waitUntil(() => refusedOnB(key), 3000, 2);
    const elapsed = performance.now() - started;
    console.log(`[replicas] service account disabled through A; its key refused on B after ${elapsed.toFixed(1)} ms (request included)`);
    expect(elapsed).toBeLessThan(PROPAGATION_BUDGET_MS);
    await adminCall(a, 'POST', `/admin/workspaces/${workspaceId}/service-accounts/${accountId}/enable`, owner.headers, {});
    await waitUntil(() => worksOnB(key), PROPAGATION_BUDGET_MS);
  });
});
