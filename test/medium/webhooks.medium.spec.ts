import { randomBytes } from 'node:crypto';
import type { LookupAddress } from 'node:dns';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rotateMasterKey } from '../../src/auth/secrets/master-key-rotation';
import { SecretBox } from '../../src/common/crypto/secret-box';
import { ErrorCode } from '../../src/common/errors';
import { connectDataSource } from '../../src/database/data-source';
import { runPendingMigrations } from '../../src/database/migration-runner';
import { DefaultWebhookRetryStrategy } from '../../src/webhooks/default-webhook-retry-strategy';
import { WebhookUrlPolicy } from '../../src/webhooks/url-policy';
import { WebhookDeliveriesRepository } from '../../src/webhooks/webhook-deliveries.repository';
import { type DispatcherOptions, WebhookDispatcher } from '../../src/webhooks/webhook-dispatcher';
import { WebhookEndpointsRepository } from '../../src/webhooks/webhook-endpoints.repository';
import { WebhookOutbox } from '../../src/webhooks/webhook-outbox';
import type { WebhookRetryStrategy } from '../../src/webhooks/webhook-retry-strategy';
import { asPrevious, newSecret } from '../../src/webhooks/webhook-secrets';
import { WebhookSender } from '../../src/webhooks/webhook-sender';
import { verifyWebhookSignature } from '../../src/webhooks/webhook-signature';
import { type FakeWebhookReceiver, startWebhookReceiver } from '../support/fakes/webhook-receiver';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const silent = pino({ level: 'silent' });
const MASTER_KEY = randomBytes(32);
const box = new SecretBox(MASTER_KEY);

/** Sends through a real WebhookSender and counts what this "process" sent. */
class CountingSender extends WebhookSender {
  sent = 0;
  override send(...args: Parameters<WebhookSender['send']>) {
    this.sent += 1;
    return super.send(...args);
  }
}

describe('webhooks on a real Postgres', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let endpoints: WebhookEndpointsRepository;
  let deliveries: WebhookDeliveriesRepository;
  let outbox: WebhookOutbox;
  let receiver: FakeWebhookReceiver;
  let wsA: string;
  let wsB: string;
  const running: WebhookDispatcher[] = [];
  const extraSources: DataSource[] = [];

  const addEndpoint = async (workspaceId: string, values: { url?: string; eventTypes?: string[]; enabled?: boolean } = {}) => {
    const { secret, sealed } = newSecret(box);
    const endpoint = await endpoints.transaction((manager) =>
      endpoints.insert(manager, workspaceId, { url: values.url ?? receiver.url, description: '', eventTypes: values.eventTypes ?? ['*'], enabled: values.enabled ?? true }, { ...sealed, previousSecretEnc: null, previousSecretExpiresAt: null }),
    );
    return { ...endpoint, secret };
  };
  const enqueue = (workspaceId: string, type = 'budget.threshold_reached', data: unknown = { threshold: 0.8 }) =>
    dataSource.transaction((manager) => outbox.enqueue(manager, { workspaceId, type, data }));
  const deliveryRows = (): Promise<Array<{ id: string; endpoint_id: string; status: string; attempt_count: number; claim_id: string | null; next_attempt_at: Date }>> =>
    dataSource.query(`SELECT id, endpoint_id, status, attempt_count, claim_id, next_attempt_at FROM webhook_deliveries ORDER BY created_at, id`);
  const attempts = (deliveryId: string): Promise<Array<{ attempt: number; status_code: number | null; error: string | null; response_body: string | null }>> =>
    dataSource.query(`SELECT attempt, status_code, error, response_body FROM webhook_delivery_attempts WHERE delivery_id = $1 ORDER BY attempt`, [deliveryId]);
  const dispatcher = (options: { source?: DataSource; sender?: WebhookSender; retry?: WebhookRetryStrategy; box?: SecretBox } & Partial<DispatcherOptions> = {}) => {
    const { source = dataSource, sender = new WebhookSender(new WebhookUrlPolicy(true)), retry = new DefaultWebhookRetryStrategy(), box: secrets = box, ...rest } = options;
    const instance = new WebhookDispatcher(new WebhookDeliveriesRepository(source), secrets, sender, retry, silent, { pollIntervalMs: 200, ...rest });
    running.push(instance);
    instance.start();
    return instance;
  };
  const until = async (condition: () => Promise<boolean>, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const settled = () => until(async () => (await deliveryRows()).every((row) => row.status !== 'pending'));

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });
  beforeEach(async () => {
    database = await createTestDatabase();
    dataSource = await connectDataSource({ url: database.url, poolSize: 6 });
    await runPendingMigrations(dataSource);
    [{ id: wsA }] = await dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ('a', 'A') RETURNING id`);
    [{ id: wsB }] = await dataSource.query(`INSERT INTO workspaces (slug, name) VALUES ('b', 'B') RETURNING id`);
    endpoints = new WebhookEndpointsRepository(dataSource);
    deliveries = new WebhookDeliveriesRepository(dataSource);
    outbox = new WebhookOutbox(endpoints, deliveries);
    receiver.requests.length = 0;
    receiver.setScript([]);
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((instance) => instance.stop()));
    await Promise.all(extraSources.splice(0).map((source) => source.destroy()));
    await dataSource.destroy();
    await database.drop();
  });

  describe('the outbox', () => {
    it("writes one delivery per matching, enabled endpoint of the event's workspace, visible only once the caller commits", async () => {
      const all = await addEndpoint(wsA);
      const budgets = await addEndpoint(wsA, { eventTypes: ['budget.*'] });
      await addEndpoint(wsA, { eventTypes: ['approval.*'] });
      await addEndpoint(wsA, { enabled: false });
      await addEndpoint(wsB);

      await dataSource.transaction(async (manager) => {
        await outbox.enqueue(manager, { workspaceId: wsA, type: 'budget.threshold_reached', data: { budgetId: 'b1', threshold: 0.5 } });
        expect(await deliveryRows()).toEqual([]);
      });
      const rows = await deliveryRows();
      expect(rows.map((row) => row.endpoint_id).sort()).toEqual([all.id, budgets.id].sort());
      expect(rows.every((row) => row.status === 'pending' && row.attempt_count === 0)).toBe(true);

      const [event] = await dataSource.query(`SELECT id, workspace_id, type, body FROM webhook_events`);
      expect(JSON.parse(event.body)).toEqual({ id: event.id, type: 'budget.threshold_reached', createdAt: expect.any(String), workspaceId: wsA, data: { budgetId: 'b1', threshold: 0.5 } });
      expect(event.workspace_id).toBe(wsA);
    });

    it('leaves nothing behind when the caller rolls back', async () => {
      await addEndpoint(wsA);
      const failure = new Error('the budget change failed');
      await expect(
        dataSource.transaction(async (manager) => {
          await outbox.enqueue(manager, { workspaceId: wsA, type: 'budget.exhausted', data: {} });
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await deliveryRows()).toEqual([]);
      expect(await dataSource.query(`SELECT * FROM webhook_events`)).toEqual([]);
    });

    it('holds off a concurrent delete from the moment it reads the endpoints, so the producer never fails on a vanished one', async () => {
      const endpoint = await addEndpoint(wsA);
      let deleted = false;
      let deletion: Promise<unknown> | undefined;
      await dataSource.transaction(async (manager) => {
        expect(await endpoints.listEnabledFilters(manager, wsA)).toEqual([{ id: endpoint.id, eventTypes: ['*'] }]);
        deletion = endpoints.transaction((other) => endpoints.delete(other, wsA, endpoint.id)).then(() => (deleted = true));
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(deleted).toBe(false);
        await outbox.enqueue(manager, { workspaceId: wsA, type: 'budget.exhausted', data: {} });
      });
      await deletion;
      expect(deleted).toBe(true);
      expect(await deliveryRows()).toEqual([]);
    });

    it('writes no event when no endpoint wants it', async () => {
      await addEndpoint(wsA, { eventTypes: ['approval.*'] });
      await enqueue(wsA, 'budget.exhausted');
      expect(await dataSource.query(`SELECT count(*)::int AS count FROM webhook_events`)).toEqual([{ count: 0 }]);
    });

    it('refuses malformed events with a coded error, before touching the database', async () => {
      const refused = expect.objectContaining({ code: ErrorCode.WEBHOOK_EVENT_INVALID });
      await expect(enqueue(wsA, 'budget.*')).rejects.toThrow(refused);
      await expect(enqueue('not-a-workspace')).rejects.toThrow(refused);
      await expect(enqueue(wsA, 'budget.exhausted', { amount: 10n })).rejects.toThrow(refused);
      await expect(enqueue(wsA, 'budget.exhausted', { blob: 'x'.repeat(300_000) })).rejects.toThrow(refused);
    });
  });

  describe('the dispatcher', () => {
    it('signs each delivery per Standard Webhooks with the endpoint secret, and records the attempt', async () => {
      const endpoint = await addEndpoint(wsA);
      await enqueue(wsA, 'budget.threshold_reached', { threshold: 0.8 });
      dispatcher();
      const [request] = await receiver.waitForRequests(1);
      await settled();

      const [event] = await dataSource.query(`SELECT id, body FROM webhook_events`);
      expect(request.body).toBe(event.body);
      expect(request.headers['webhook-id']).toBe(event.id);
      expect(request.headers['content-type']).toBe('application/json');
      expect(verifyWebhookSignature(endpoint.secret, request.headers, request.body, 60)).toEqual({ valid: true, webhookId: event.id, timestamp: expect.any(Number) });
      const [delivery] = await deliveryRows();
      expect(delivery).toMatchObject({ status: 'delivered', attempt_count: 1, claim_id: null });
      expect(await attempts(delivery.id)).toEqual([{ attempt: 1, status_code: 200, error: null, response_body: 'ok' }]);
    });

    it('never delivers one event twice when two processes dispatch from the same database', async () => {
      await addEndpoint(wsA);
      for (let index = 0; index < 60; index++) await enqueue(wsA, 'budget.threshold_reached', { index });
      receiver.setScript(() => ({ status: 200, delayMs: 15 }));
      const second = await connectDataSource({ url: database.url, poolSize: 4 });
      extraSources.push(second);
      const senders = [new CountingSender(new WebhookUrlPolicy(true)), new CountingSender(new WebhookUrlPolicy(true))];
      dispatcher({ sender: senders[0], concurrency: 4 });
      dispatcher({ source: second, sender: senders[1], concurrency: 4 });

      await receiver.waitForRequests(60);
      await settled();
      const ids = receiver.requests.map((request) => request.headers['webhook-id']);
      expect(new Set(ids).size).toBe(60);
      expect(ids).toHaveLength(60);
      expect(senders[0].sent + senders[1].sent).toBe(60);
      expect(senders[0].sent).toBeGreaterThan(0);
      expect(senders[1].sent).toBeGreaterThan(0);
      expect(await dataSource.query(`SELECT count(*)::int AS count FROM webhook_delivery_attempts`)).toEqual([{ count: 60 }]);
    });

    it('hands each due delivery to exactly one of many concurrent claims', async () => {
      await addEndpoint(wsA);
      for (let index = 0; index < 40; index++) await enqueue(wsA);
      const second = await connectDataSource({ url: database.url, poolSize: 4 });
      extraSources.push(second);
      const claimers = [deliveries, new WebhookDeliveriesRepository(second)];
      const batches = await Promise.all(Array.from({ length: 12 }, (_, index) => claimers[index % 2].claim(5, crypto.randomUUID(), 60_000)));
      const claimed = batches.flat().map((delivery) => delivery.id);
      expect(claimed).toHaveLength(40);
      expect(new Set(claimed).size).toBe(40);
      expect(await deliveries.claim(5, crypto.randomUUID(), 60_000)).toEqual([]);
    });

    it('retries network errors, 5xx and 429 (honouring retry-after) on the schedule, then delivers', async () => {
      await addEndpoint(wsA);
      receiver.setScript([{ status: 500, body: 'x'.repeat(5_000) }, { status: 429, headers: { 'retry-after': '1' } }, { status: 503 }, { status: 204 }]);
      await enqueue(wsA);
      const retry = new DefaultWebhookRetryStrategy({ initialDelayMs: 300, factor: 2, jitter: 0 });
      dispatcher({ retry });
      await receiver.waitForRequests(4);
      await settled();

      const gaps = receiver.requests.slice(1).map((request, index) => request.receivedAt - receiver.requests[index].receivedAt);
      expect(gaps[0]).toBeGreaterThanOrEqual(300 - 20);
      expect(gaps[1]).toBeGreaterThanOrEqual(1_000 - 20);
      expect(gaps[2]).toBeGreaterThanOrEqual(1_200 - 20);
      const [delivery] = await deliveryRows();
      expect(delivery).toMatchObject({ status: 'delivered', attempt_count: 4 });
      const recorded = await attempts(delivery.id);
      expect(recorded.map((attempt) => attempt.status_code)).toEqual([500, 429, 503, 204]);
      expect(recorded[0].response_body).toHaveLength(2_048);
      expect(new Set(receiver.requests.map((request) => request.headers['webhook-id'])).size).toBe(1);
      expect(new Set(receiver.requests.map((request) => request.headers['webhook-signature'])).size).toBeGreaterThan(1);
    });

    it('gives up when the retry window closes', async () => {
      await addEndpoint(wsA);
      receiver.setScript(() => ({ status: 500 }));
      await enqueue(wsA);
      dispatcher({ retry: new DefaultWebhookRetryStrategy({ initialDelayMs: 200, factor: 2, jitter: 0, windowMs: 1_000 }) });
      await settled();
      const [delivery] = await deliveryRows();
      // Attempts at 0, 0.2 s and 0.6 s; the next would come at 1.4 s, past the 1 s window.
      expect(delivery).toMatchObject({ status: 'failed', attempt_count: 3 });
      expect(receiver.requests).toHaveLength(3);
    });

    it('gives up after one attempt on other 4xx and on redirects, which it never follows', async () => {
      await addEndpoint(wsA);
      receiver.setScript([{ status: 404 }, { status: 302, headers: { location: '/elsewhere' } }]);
      await enqueue(wsA);
      await enqueue(wsA);
      dispatcher({ concurrency: 1 });
      await settled();
      expect(receiver.requests.map((request) => request.path)).toEqual(['/hooks', '/hooks']);
      const rows = await deliveryRows();
      expect(rows.map((row) => [row.status, row.attempt_count])).toEqual([
        ['failed', 1],
        ['failed', 1],
      ]);
      expect((await attempts(rows[1].id))[0]).toMatchObject({ status_code: 302, error: expect.stringContaining('redirects are not followed') });
    });

    it('counts a receiver that does not answer in time as a failed attempt and retries it', async () => {
      await addEndpoint(wsA);
      receiver.setScript([{ hang: true }, { status: 200 }]);
      await enqueue(wsA);
      dispatcher({ sender: new WebhookSender(new WebhookUrlPolicy(true), 300), retry: new DefaultWebhookRetryStrategy({ initialDelayMs: 100, jitter: 0 }) });
      await settled();
      const [delivery] = await deliveryRows();
      expect(delivery).toMatchObject({ status: 'delivered', attempt_count: 2 });
      expect(await attempts(delivery.id)).toEqual([
        expect.objectContaining({ attempt: 1, status_code: null, error: expect.stringMatching(/^timeout/) }),
        expect.objectContaining({ attempt: 2, status_code: 200 }),
      ]);
    });

    it('refuses at delivery time a name that now resolves to a private address (DNS rebinding)', async () => {
      const rebound = await addEndpoint(wsA, { url: `http://hooks.rebind.test:${receiver.port}/hooks` });
      await enqueue(wsA);
      const resolve = async (hostname: string): Promise<LookupAddress[]> => (hostname === 'hooks.rebind.test' ? [{ address: '127.0.0.1', family: 4 }] : []);
      dispatcher({ sender: new WebhookSender(new WebhookUrlPolicy(false, resolve)) });
      await settled();
      expect(receiver.requests).toEqual([]);
      const [delivery] = await deliveryRows();
      expect(delivery).toMatchObject({ endpoint_id: rebound.id, status: 'failed', attempt_count: 1 });
      expect((await attempts(delivery.id))[0].error).toMatch(new RegExp(`^${ErrorCode.WEBHOOK_URL_REFUSED}: .*127\\.0\\.0\\.1`));
    });

    it('at shutdown releases the deliveries it could not finish, and another process sends them', async () => {
      await addEndpoint(wsA);
      receiver.setScript([{ hang: true }]);
      await enqueue(wsA);
      const first = dispatcher({ drainTimeoutMs: 200 });
      await receiver.waitForRequests(1);
      await first.stop();
      const [released] = await deliveryRows();
      expect(released).toMatchObject({ status: 'pending', attempt_count: 0, claim_id: null });
      expect(await attempts(released.id)).toEqual([]);

      dispatcher();
      await settled();
      expect(await deliveryRows()).toEqual([expect.objectContaining({ status: 'delivered', attempt_count: 1 })]);
    });

    it('takes over a delivery whose claim expired (a crashed process) and ignores the late result of the old claim', async () => {
      await addEndpoint(wsA);
      await enqueue(wsA);
      const [stale] = await deliveries.claim(1, crypto.randomUUID(), 300);
      dispatcher();
      await settled();
      expect(receiver.requests).toHaveLength(1);
      const late = await deliveries.complete(stale, { startedAt: new Date(), durationMs: 1, statusCode: 500, error: null, responseBody: null }, { status: 'failed' });
      expect(late).toBe(false);
      expect(await deliveryRows()).toEqual([expect.objectContaining({ status: 'delivered', attempt_count: 1 })]);
    });

    it('signs with the previous secret too while a rotation grace period runs', async () => {
      const endpoint = await addEndpoint(wsA);
      const rotated = newSecret(box);
      const [{ secret_enc: sealedOld }] = await dataSource.query(`SELECT secret_enc FROM webhook_endpoints WHERE id = $1`, [endpoint.id]);
      await endpoints.transaction((manager) => endpoints.replaceSecrets(manager, wsA, endpoint.id, { ...rotated.sealed, ...asPrevious(box, sealedOld, new Date(Date.now() + 60_000)) }));
      await enqueue(wsA);
      dispatcher();
      const [request] = await receiver.waitForRequests(1);
      expect(request.headers['webhook-signature'].split(' ')).toHaveLength(2);
      expect(verifyWebhookSignature(rotated.secret, request.headers, request.body, 60).valid).toBe(true);
      expect(verifyWebhookSignature(endpoint.secret, request.headers, request.body, 60).valid).toBe(true);

      await dataSource.query(`UPDATE webhook_endpoints SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1`, [endpoint.id]);
      await enqueue(wsA);
      const [, later] = await receiver.waitForRequests(2);
      expect(later.headers['webhook-signature'].split(' ')).toHaveLength(1);
      expect(verifyWebhookSignature(endpoint.secret, later.headers, later.body, 60).valid).toBe(false);
      expect(verifyWebhookSignature(rotated.secret, later.headers, later.body, 60).valid).toBe(true);
    });

    it('keeps signing after the master key is rotated (the secrets are registered encrypted columns)', async () => {
      const endpoint = await addEndpoint(wsA);
      const newKey = randomBytes(32);
      const result = await rotateMasterKey(dataSource, MASTER_KEY, newKey);
      expect(result.resealed).toMatchObject({ 'webhook_endpoints.secret_enc': 1 });
      await enqueue(wsA);
      dispatcher({ box: new SecretBox(newKey) });
      const [request] = await receiver.waitForRequests(1);
      expect(verifyWebhookSignature(endpoint.secret, request.headers, request.body, 60).valid).toBe(true);
    });

    it("holds a disabled endpoint's deliveries until it is enabled again", async () => {
      const endpoint = await addEndpoint(wsA);
      await enqueue(wsA);
      await endpoints.transaction((manager) => endpoints.update(manager, wsA, endpoint.id, { enabled: false }));
      dispatcher();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(receiver.requests).toEqual([]);
      await endpoints.transaction((manager) => endpoints.update(manager, wsA, endpoint.id, { enabled: true }));
      await receiver.waitForRequests(1);
      await settled();
    });
  });
});
