import SwaggerParser from '@apidevtools/swagger-parser';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/common/errors';
import { WebhookOutbox } from '../../src/webhooks/webhook-outbox';
import { verifyWebhookSignature } from '../../src/webhooks/webhook-signature';
import { createMember, createServiceAccountKey, createWorkspace, type TestUser } from '../support/auth-helpers';
import { type FakeWebhookReceiver, startWebhookReceiver } from '../support/fakes/webhook-receiver';
import { startTestApp, type TestApp } from '../support/test-app';
import { call, OTHER_UUID } from './workspaces.support';

interface Delivery {
  id: string;
  status: string;
  attemptCount: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  event: { id: string; type: string; payload: Record<string, unknown> };
  attempts: Array<{ attempt: number; statusCode: number | null; error: string | null }>;
}

describe('webhooks admin API and delivery', () => {
  let subject: TestApp;
  let receiver: FakeWebhookReceiver;
  let wsA: string;
  let wsB: string;
  let adminA: TestUser;
  let viewerA: TestUser;
  let developerA: TestUser;
  let adminB: TestUser;
  const app = () => subject.app;
  const url = (workspaceId: string, rest = '') => `/admin/workspaces/${workspaceId}/webhooks${rest}`;
  const create = async (body: Record<string, unknown> = {}, user = adminA, workspaceId = wsA) => {
    const created = await call(app(), 'POST', url(workspaceId), user.headers, { url: receiver.url, ...body });
    expect(created.status).toBe(201);
    return created.body as { id: string; secret: string; secretHint: string };
  };
  const deliveriesOf = async (endpointId: string): Promise<Delivery[]> => (await call(app(), 'GET', url(wsA, `/${endpointId}/deliveries`), viewerA.headers)).body;
  const settledDelivery = async (endpointId: string, deliveryId: string): Promise<Delivery> => {
    let found: Delivery | undefined;
    await expect
      .poll(async () => (found = (await deliveriesOf(endpointId)).find((delivery) => delivery.id === deliveryId))?.status, { timeout: 20_000, interval: 100 })
      .not.toBe('pending');
    return found!;
  };

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    subject = await startTestApp({ PORTICO_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true' });
    wsA = (await createWorkspace(app())).id;
    wsB = (await createWorkspace(app())).id;
    adminA = await createMember(app(), wsA, 'admin');
    viewerA = await createMember(app(), wsA, 'viewer');
    developerA = await createMember(app(), wsA, 'developer');
    adminB = await createMember(app(), wsB, 'admin');
  });
  afterAll(async () => {
    await subject?.close();
    await receiver?.close();
  });
  beforeEach(() => {
    receiver.requests.length = 0;
    receiver.setScript([]);
  });

  it('shows the signing secret once, at creation, and stores it sealed', async () => {
    const created = await create({ description: 'budget alerts', eventTypes: ['budget.*', 'budget.*'] });
    expect(created).toMatchObject({ url: receiver.url, description: 'budget alerts', eventTypes: ['budget.*'], enabled: true, workspaceId: wsA, previousSecretExpiresAt: null });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.secretHint).toBe(`whsec_…${created.secret.slice(-4)}`);

    for (const path of ['', `/${created.id}`]) {
      const read = await call(app(), 'GET', url(wsA, path), viewerA.headers);
      expect(read.status).toBe(200);
      expect(read.raw).not.toContain(created.secret.slice(6));
      expect(read.raw).toContain(created.secretHint);
    }
    const [row] = await app().get(DataSource).query(`SELECT secret_enc FROM webhook_endpoints WHERE id = $1`, [created.id]);
    expect(row.secret_enc).toMatch(/^v1\./);
    expect(row.secret_enc).not.toContain(created.secret.slice(6));
  });

  it('sends a signed webhook.test event the receiver can verify, and lists the delivery with its attempt', async () => {
    const endpoint = await create({ eventTypes: ['approval.*'] });
    const accepted = await call(app(), 'POST', url(wsA, `/${endpoint.id}/test`), adminA.headers);
    expect(accepted).toMatchObject({ status: 202, body: { status: 'pending', attemptCount: 0, event: { type: 'webhook.test' } } });

    const [request] = await receiver.waitForRequests(1);
    expect(request.method).toBe('POST');
    expect(verifyWebhookSignature(endpoint.secret, request.headers, request.body, 60)).toMatchObject({ valid: true, webhookId: accepted.body.event.id });
    expect(JSON.parse(request.body)).toEqual({ id: accepted.body.event.id, type: 'webhook.test', createdAt: expect.any(String), workspaceId: wsA, data: expect.objectContaining({ endpointId: endpoint.id }) });

    const delivery = await settledDelivery(endpoint.id, accepted.body.id);
    expect(delivery).toMatchObject({ status: 'delivered', attemptCount: 1, nextAttemptAt: null, attempts: [{ attempt: 1, statusCode: 200, error: null }] });
    expect(delivery.event.payload).toEqual(JSON.parse(request.body));
  });

  it('retries after a 500 on the backoff schedule and after a 429 when retry-after says, with the same webhook-id', async () => {
    const endpoint = await create();
    receiver.setScript([{ status: 500, body: 'upstream broke' }, { status: 429, headers: { 'retry-after': '1' } }, { status: 200 }]);
    const accepted = await call(app(), 'POST', url(wsA, `/${endpoint.id}/test`), adminA.headers);

    await receiver.waitForRequests(1);
    await expect.poll(async () => (await deliveriesOf(endpoint.id)).find((delivery) => delivery.id === accepted.body.id)?.attemptCount).toBe(1);
    const afterFirst = (await deliveriesOf(endpoint.id)).find((delivery) => delivery.id === accepted.body.id)!;
    const firstDelay = Date.parse(afterFirst.nextAttemptAt!) - Date.parse(afterFirst.lastAttemptAt!);
    expect(firstDelay).toBeGreaterThanOrEqual(4_000 - 50);
    expect(firstDelay).toBeLessThanOrEqual(6_000 + 1_000);

    const delivery = await settledDelivery(endpoint.id, accepted.body.id);
    expect(delivery).toMatchObject({ status: 'delivered', attemptCount: 3 });
    expect(delivery.attempts.map((attempt) => attempt.statusCode)).toEqual([500, 429, 200]);
    const [first, second, third] = receiver.requests;
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(4_000 - 50);
    expect(third.receivedAt - second.receivedAt).toBeGreaterThanOrEqual(1_000 - 50);
    expect(third.receivedAt - second.receivedAt).toBeLessThan(4_000);
    expect(new Set(receiver.requests.map((request) => request.headers['webhook-id']))).toEqual(new Set([accepted.body.event.id]));
    for (const request of receiver.requests) expect(verifyWebhookSignature(endpoint.secret, request.headers, request.body, 60).valid).toBe(true);
  });

  it('redelivers an event as a new delivery with the same webhook-id', async () => {
    const endpoint = await create();
    const accepted = await call(app(), 'POST', url(wsA, `/${endpoint.id}/test`), adminA.headers);
    await settledDelivery(endpoint.id, accepted.body.id);
    const again = await call(app(), 'POST', url(wsA, `/${endpoint.id}/deliveries/${accepted.body.id}/redeliver`), adminA.headers);
    expect(again).toMatchObject({ status: 202, body: { status: 'pending', event: { id: accepted.body.event.id } } });
    expect(again.body.id).not.toBe(accepted.body.id);
    await settledDelivery(endpoint.id, again.body.id);
    expect(receiver.requests.map((request) => request.headers['webhook-id'])).toEqual([accepted.body.event.id, accepted.body.event.id]);
  });

  it('delivers what other modules enqueue in their transactions, to the endpoints whose filters match', async () => {
    const wsC = (await createWorkspace(app())).id;
    const adminC = await createMember(app(), wsC, 'admin');
    const budgets = await create({ eventTypes: ['budget.*'] }, adminC, wsC);
    const approvals = await create({ eventTypes: ['approval.*'] }, adminC, wsC);
    const elsewhere = await create({ eventTypes: ['*'] }, adminB, wsB);
    await app().get(DataSource).transaction((manager) =>
      app().get(WebhookOutbox).enqueue(manager, { workspaceId: wsC, type: 'budget.threshold_reached', data: { budgetId: 'b-1', threshold: 0.8 } }),
    );
    const [request] = await receiver.waitForRequests(1);
    expect(JSON.parse(request.body)).toMatchObject({ type: 'budget.threshold_reached', workspaceId: wsC, data: { budgetId: 'b-1', threshold: 0.8 } });
    expect(verifyWebhookSignature(budgets.secret, request.headers, request.body, 60).valid).toBe(true);
    const deliveries = async (workspaceId: string, endpointId: string, user: TestUser) => (await call(app(), 'GET', url(workspaceId, `/${endpointId}/deliveries`), user.headers)).body;
    expect(await deliveries(wsC, budgets.id, adminC)).toEqual([expect.objectContaining({ event: expect.objectContaining({ type: 'budget.threshold_reached' }) })]);
    expect(await deliveries(wsC, approvals.id, adminC)).toEqual([]);
    expect(await deliveries(wsB, elsewhere.id, adminB)).toEqual([]);
    expect(receiver.requests).toHaveLength(1);
  });

  it('rotates the secret: shown once, and the old one keeps signing alongside during the grace period', async () => {
    const endpoint = await create();
    const rotated = await call(app(), 'POST', url(wsA, `/${endpoint.id}/rotate-secret`), adminA.headers, { graceSeconds: 3600 });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(3_500_000);

    await call(app(), 'POST', url(wsA, `/${endpoint.id}/test`), adminA.headers);
    const [request] = await receiver.waitForRequests(1);
    expect(verifyWebhookSignature(rotated.body.secret, request.headers, request.body, 60).valid).toBe(true);
    expect(verifyWebhookSignature(endpoint.secret, request.headers, request.body, 60).valid).toBe(true);

    const immediate = await call(app(), 'POST', url(wsA, `/${endpoint.id}/rotate-secret`), adminA.headers, { graceSeconds: 0 });
    expect(immediate.body.previousSecretExpiresAt).toBeNull();
    await call(app(), 'POST', url(wsA, `/${endpoint.id}/test`), adminA.headers);
    const [, later] = await receiver.waitForRequests(2);
    expect(verifyWebhookSignature(immediate.body.secret, later.headers, later.body, 60).valid).toBe(true);
    expect(verifyWebhookSignature(rotated.body.secret, later.headers, later.body, 60).valid).toBe(false);
  });

  it('updates, disables (then refuses a test with a coded 409) and deletes an endpoint', async () => {
    const endpoint = await create();
    const updated = await call(app(), 'PATCH', url(wsA, `/${endpoint.id}`), adminA.headers, { enabled: false, eventTypes: ['approval.*.approved'], description: 'approvals' });
    expect(updated).toMatchObject({ status: 200, body: { enabled: false, eventTypes: ['approval.*.approved'], description: 'approvals', url: receiver.url } });
    const refused = await call(app(), 'POST', url(wsA, `/${endpoint.id}/test`), adminA.headers);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe(ErrorCode.WEBHOOK_ENDPOINT_DISABLED);

    expect((await call(app(), 'DELETE', url(wsA, `/${endpoint.id}`), adminA.headers)).status).toBe(204);
    expect((await call(app(), 'GET', url(wsA, `/${endpoint.id}`), adminA.headers)).status).toBe(404);
    expect((await call(app(), 'DELETE', url(wsA, `/${endpoint.id}`), adminA.headers)).status).toBe(404);
  });

  it('audits every change in the same transaction, never with a secret', async () => {
    const endpoint = await create();
    await call(app(), 'PATCH', url(wsA, `/${endpoint.id}`), adminA.headers, { description: 'audited' });
    const rotated = await call(app(), 'POST', url(wsA, `/${endpoint.id}/rotate-secret`), adminA.headers, {});
    const delivery = (await call(app(), 'POST', url(wsA, `/${endpoint.id}/test`), adminA.headers)).body;
    await settledDelivery(endpoint.id, delivery.id);
    const again = (await call(app(), 'POST', url(wsA, `/${endpoint.id}/deliveries/${delivery.id}/redeliver`), adminA.headers)).body;
    await call(app(), 'DELETE', url(wsA, `/${endpoint.id}`), adminA.headers);

    const entries: Array<{ action: string; resource_id: string; actor_id: string; text: string }> = await app()
      .get(DataSource)
      .query(`SELECT action, resource_id, actor_id, coalesce(before::text, '') || coalesce(after::text, '') AS text FROM audit_entries WHERE workspace_id = $1 AND resource_id IN ($2, $3) ORDER BY seq`, [wsA, endpoint.id, again.id]);
    expect(entries.map((entry) => entry.action)).toEqual([
      'webhook_endpoint.create',
      'webhook_endpoint.update',
      'webhook_endpoint.rotate_secret',
      'webhook_endpoint.test',
      'webhook_delivery.redeliver',
      'webhook_endpoint.delete',
    ]);
    expect(entries.every((entry) => entry.actor_id === adminA.id)).toBe(true);
    for (const secret of [endpoint.secret, rotated.body.secret]) expect(entries.map((entry) => entry.text).join()).not.toContain(secret.slice(6));
  });

  it('refuses bad URLs and filters with coded errors', async () => {
    for (const bad of ['ftp://hooks.example.com/', 'https://user:secret@hooks.example.com/', 'not a url']) {
      const refused = await call(app(), 'POST', url(wsA), adminA.headers, { url: bad });
      expect(refused.status, bad).toBe(422);
      expect(refused.body.error.code).toBe(ErrorCode.WEBHOOK_URL_REFUSED);
    }
    const badFilter = await call(app(), 'POST', url(wsA), adminA.headers, { url: receiver.url, eventTypes: ['budget**'] });
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error.code).toBe(ErrorCode.VALIDATION_FAILED);
    const endpoint = await create();
    const badPatch = await call(app(), 'PATCH', url(wsA, `/${endpoint.id}`), adminA.headers, { url: 'gopher://x' });
    expect(badPatch.body.error.code).toBe(ErrorCode.WEBHOOK_URL_REFUSED);
    expect((await call(app(), 'PATCH', url(wsA, `/${endpoint.id}`), adminA.headers, {})).status).toBe(400);
  });

  it('lets readers read and only writers change (viewer, developer, a viewer service-account key)', async () => {
    const endpoint = await create();
    const delivery = (await call(app(), 'POST', url(wsA, `/${endpoint.id}/test`), adminA.headers)).body;
    const viewerKey = await createServiceAccountKey(app(), wsA, 'viewer', ['admin']);
    for (const reader of [viewerA.headers, developerA.headers, viewerKey.headers]) {
      expect((await call(app(), 'GET', url(wsA), reader)).status).toBe(200);
      expect((await call(app(), 'GET', url(wsA, `/${endpoint.id}`), reader)).status).toBe(200);
      expect((await call(app(), 'GET', url(wsA, `/${endpoint.id}/deliveries`), reader)).status).toBe(200);
      const writes = [
        call(app(), 'POST', url(wsA), reader, { url: receiver.url }),
        call(app(), 'PATCH', url(wsA, `/${endpoint.id}`), reader, { enabled: false }),
        call(app(), 'DELETE', url(wsA, `/${endpoint.id}`), reader),
        call(app(), 'POST', url(wsA, `/${endpoint.id}/rotate-secret`), reader, {}),
        call(app(), 'POST', url(wsA, `/${endpoint.id}/test`), reader),
        call(app(), 'POST', url(wsA, `/${endpoint.id}/deliveries/${delivery.id}/redeliver`), reader),
      ];
      for (const refused of await Promise.all(writes)) {
        expect(refused.status).toBe(403);
        expect(refused.body.error.code).toBe(ErrorCode.FORBIDDEN);
      }
    }
    expect((await call(app(), 'GET', url(wsA, `/${endpoint.id}`), adminA.headers)).body.enabled).toBe(true);
  });

  it("never shows or touches another workspace's endpoints and deliveries", async () => {
    const endpoint = await create();
    const delivery = (await call(app(), 'POST', url(wsA, `/${endpoint.id}/test`), adminA.headers)).body;
    await settledDelivery(endpoint.id, delivery.id);
    // Through its own workspace, B's admin finds nothing of A's.
    const asB = [
      call(app(), 'GET', url(wsB, `/${endpoint.id}`), adminB.headers),
      call(app(), 'PATCH', url(wsB, `/${endpoint.id}`), adminB.headers, { enabled: false }),
      call(app(), 'DELETE', url(wsB, `/${endpoint.id}`), adminB.headers),
      call(app(), 'POST', url(wsB, `/${endpoint.id}/rotate-secret`), adminB.headers, {}),
      call(app(), 'POST', url(wsB, `/${endpoint.id}/test`), adminB.headers),
      call(app(), 'GET', url(wsB, `/${endpoint.id}/deliveries`), adminB.headers),
      call(app(), 'POST', url(wsB, `/${endpoint.id}/deliveries/${delivery.id}/redeliver`), adminB.headers),
      // Through A's workspace, B's admin is not a member: the workspace does not exist for them.
      call(app(), 'GET', url(wsA), adminB.headers),
      call(app(), 'GET', url(wsA, `/${endpoint.id}/deliveries`), adminB.headers),
      call(app(), 'POST', url(wsA, `/${endpoint.id}/test`), adminB.headers),
      // Unknown or malformed ids.
      call(app(), 'GET', url(wsA, `/${OTHER_UUID}`), adminA.headers),
      call(app(), 'GET', url(wsA, '/not-a-uuid/deliveries'), adminA.headers),
      call(app(), 'POST', url(wsA, `/${endpoint.id}/deliveries/${OTHER_UUID}/redeliver`), adminA.headers),
    ];
    for (const response of await Promise.all(asB)) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe(ErrorCode.NOT_FOUND);
    }
    expect((await call(app(), 'GET', url(wsB), adminB.headers)).body.some((listed: { id: string }) => listed.id === endpoint.id)).toBe(false);
    expect((await call(app(), 'GET', url(wsA, `/${endpoint.id}`), adminA.headers)).body).toMatchObject({ enabled: true, secretHint: endpoint.secretHint });
  });

  it('documents every webhooks endpoint in a valid OpenAPI document', async () => {
    const document = (await app().inject({ method: 'GET', url: '/docs-json' })).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/admin/workspaces/{workspaceId}/webhooks',
        '/admin/workspaces/{workspaceId}/webhooks/{webhookId}',
        '/admin/workspaces/{workspaceId}/webhooks/{webhookId}/rotate-secret',
        '/admin/workspaces/{workspaceId}/webhooks/{webhookId}/test',
        '/admin/workspaces/{workspaceId}/webhooks/{webhookId}/deliveries',
        '/admin/workspaces/{workspaceId}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver',
      ]),
    );
    expect(document.components.schemas.WebhookEndpointWithSecretDto.properties.secret).toBeDefined();
    expect(document.components.schemas.WebhookEndpointDto.properties.secret).toBeUndefined();
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
  });
});
