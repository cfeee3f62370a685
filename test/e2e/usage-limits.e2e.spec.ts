import OpenAI from 'openai';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/audit/call-records/call-record';
import { CallRecords } from '../../src/audit/call-records/call-records';
import { BudgetLedger } from '../../src/usage/budgets/budget-ledger';
import { UsagePolicySnapshot } from '../../src/usage/enforcement/usage-policy-snapshot';
import { verifyWebhookSignature } from '../../src/webhooks/webhook-signature';
import { createMember, createServiceAccountKey } from '../support/auth-helpers';
import { startWebhookReceiver, type FakeWebhookReceiver } from '../support/fakes/webhook-receiver';
import { findFreePort } from '../support/ports';
import { startTestApp, type TestApp } from '../support/test-app';

const BOOTSTRAP_KEY = 'e2e-usage-limits-bootstrap-key-0123456789';
const admin = { authorization: `Bearer ${BOOTSTRAP_KEY}` };

/** Rate limits and budgets through `/v1` with the official client, in one process (memory counters). */
describe('rate limits and budgets on /v1', () => {
  let subject: TestApp;
  let baseURL: string;
  let workspaceId: string;
  let receiver: FakeWebhookReceiver;
  const records: CallRecord[] = [];

  /** Admin calls; a successful write waits until the data plane's snapshot has it (NOTIFY is asynchronous). */
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers = admin) => {
    const response = await subject.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    if (method !== 'GET' && response.statusCode < 300) await subject.app.get(UsagePolicySnapshot, { strict: false }).reloadAll();
    return response;
  };
  const client = (apiKey: string) => new OpenAI({ apiKey, baseURL, maxRetries: 0 });
  const ask = (openai: OpenAI, extra: Record<string, unknown> = {}) =>
    openai.chat.completions.create({ model: 'mock/mock-chat', messages: [{ role: 'user', content: 'hello there' }], ...extra }).withResponse();

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY, PORTICO_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true' });
    const port = await findFreePort();
    await subject.app.listen({ port, host: '127.0.0.1' });
    baseURL = `http://127.0.0.1:${port}/v1`;
    const rows: { workspace_id: string }[] = await subject.app.get(DataSource).query(`SELECT workspace_id FROM api_keys LIMIT 1`);
    workspaceId = rows[0]!.workspace_id;
    subject.app.get(CallRecords).subscribe((record) => records.push(record));
  });
  afterAll(async () => {
    await subject?.close();
    await receiver?.close();
  });

  describe('rate limits', () => {
    it('validates rules and refuses duplicates, unknown keys and callers without budgets:write', async () => {
      const url = `/admin/workspaces/${workspaceId}/rate-limits`;
      expect((await call('POST', url, { name: 'empty' })).statusCode).toBe(400);
      const unknownKey = await call('POST', url, { name: 'ghost', requestsPerMinute: 1, match: { apiKeyId: '00000000-0000-4000-8000-000000000000' } });
      expect(unknownKey.statusCode).toBe(422);
      const created = await call('POST', url, { name: 'dup', requestsPerMinute: 1000 });
      expect(created.statusCode).toBe(201);
      expect((await call('POST', url, { name: 'dup', requestsPerMinute: 5 })).statusCode).toBe(409);
      const viewer = await createMember(subject.app, workspaceId, 'viewer');
      expect((await call('GET', url, undefined, viewer.headers)).statusCode).toBe(200);
      expect((await call('POST', url, { name: 'viewer', requestsPerMinute: 5 }, viewer.headers)).statusCode).toBe(403);
      const replaced = await call('PUT', `${url}/${created.json().id}`, { name: 'dup', requestsPerMinute: 2000, per: { key: true } });
      expect(replaced.statusCode).toBe(200);
      expect(replaced.json()).toMatchObject({ requestsPerMinute: 2000, per: { key: true, route: false, model: false } });
      expect((await call('DELETE', `${url}/${created.json().id}`)).statusCode).toBe(204);
      expect((await call('GET', `${url}/${created.json().id}`)).statusCode).toBe(404);
    });

    it('answers 429 rate_limit_exceeded with retry-after and x-ratelimit headers once a key spent its requests per minute', async () => {
      const limited = await createServiceAccountKey(subject.app, workspaceId, 'developer', ['invoke:*']);
      const other = await createServiceAccountKey(subject.app, workspaceId, 'developer', ['invoke:*']);
      const rule = await call('POST', `/admin/workspaces/${workspaceId}/rate-limits`, { name: 'three per minute', requestsPerMinute: 3, match: { apiKeyId: limited.keyId } });
      expect(rule.statusCode).toBe(201);
      const openai = client(limited.key);
      const remaining: (string | null)[] = [];
      for (let i = 0; i < 3; i++) remaining.push((await ask(openai)).response.headers.get('x-ratelimit-remaining-requests'));
      expect(remaining).toEqual(['2', '1', '0']);
      const refused = await ask(openai).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
      const error = refused as InstanceType<typeof OpenAI.RateLimitError>;
      expect(error.status).toBe(429);
      expect(error.code).toBe('rate_limit_exceeded');
      expect(error.message).toContain('three per minute');
      expect(Number(error.headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(error.headers?.get('x-ratelimit-limit-requests')).toBe('3');
      expect(error.headers?.get('x-ratelimit-remaining-requests')).toBe('0');
      expect(error.headers?.get('x-ratelimit-reset-requests')).toMatch(/^\d+(ms|s|m\d+s)$/);
      expect((await ask(client(other.key))).response.status).toBe(200);
      const usage = await call('GET', `/admin/workspaces/${workspaceId}/rate-limits/${rule.json().id}/usage`);
      expect(usage.json()).toMatchObject({ requests: 3, tokens: null });
      const record = records.find((candidate) => candidate.apiKeyId === limited.keyId && candidate.status === 429);
      expect(record).toMatchObject({ errorClass: 'rate_limited', errorCode: 'rate_limit_exceeded', workspaceId, endpoint: 'chat.completions' });
    });

    it('counts tokens per minute from the prompt and max_tokens, and refuses a request that can never fit', async () => {
      const limited = await createServiceAccountKey(subject.app, workspaceId, 'developer', ['invoke:*']);
      await call('POST', `/admin/workspaces/${workspaceId}/rate-limits`, { name: 'tokens', tokensPerMinute: 400, match: { apiKeyId: limited.keyId } });
      const openai = client(limited.key);
      const first = await ask(openai, { max_tokens: 100 });
      expect(first.response.headers.get('x-ratelimit-limit-tokens')).toBe('400');
      expect(Number(first.response.headers.get('x-ratelimit-remaining-tokens'))).toBeLessThan(300);
      const huge = await ask(openai, { max_tokens: 5_000 }).catch((error: unknown) => error);
      expect(huge).toBeInstanceOf(OpenAI.RateLimitError);
      expect((huge as Error).message).toContain('more than the 400 tokens per minute');
    });

    it('applies the same limits to /v1/messages in Anthropic\'s envelope', async () => {
      const limited = await createServiceAccountKey(subject.app, workspaceId, 'developer', ['invoke:*']);
      await call('POST', `/admin/workspaces/${workspaceId}/rate-limits`, { name: 'one', requestsPerMinute: 1, match: { apiKeyId: limited.keyId } });
      const body = { model: 'mock/mock-chat', max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] };
      const headers = { 'x-api-key': limited.key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' };
      expect((await fetch(`${baseURL}/messages`, { method: 'POST', headers, body: JSON.stringify(body) })).status).toBe(200);
      const refused = await fetch(`${baseURL}/messages`, { method: 'POST', headers, body: JSON.stringify(body) });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBeTruthy();
      expect(await refused.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    });
  });

  describe('budgets', () => {
    let team: Awaited<ReturnType<typeof createServiceAccountKey>>;

    beforeAll(async () => {
      team = await createServiceAccountKey(subject.app, workspaceId, 'developer', ['invoke:*']);
      // One call of mock-chat costs exactly $0.001 in this workspace, whatever its tokens.
      const price = await call('POST', `/admin/workspaces/${workspaceId}/prices`, { pluginId: 'provider-mock', model: 'mock-chat', inputPerMTok: 0, outputPerMTok: 0, perRequest: 0.001 });
      expect(price.statusCode).toBe(201);
    });

    it('keeps budgets nested: key ≤ owner ≤ workspace, in both directions, one per subject and period', async () => {
      const url = `/admin/workspaces/${workspaceId}/budgets`;
      const workspace = await call('POST', url, { scope: 'workspace', period: 'month', limitUsd: 100 });
      expect(workspace.statusCode).toBe(201);
      expect((await call('POST', url, { scope: 'workspace', period: 'month', limitUsd: 50 })).statusCode).toBe(409);
      expect((await call('POST', url, { scope: 'service_account', scopeId: team.serviceAccountId, period: 'month', limitUsd: 101 })).statusCode).toBe(422);
      const owner = await call('POST', url, { scope: 'service_account', scopeId: team.serviceAccountId, period: 'month', limitUsd: 40 });
      expect(owner.statusCode).toBe(201);
      const tooBig = await call('POST', url, { scope: 'api_key', scopeId: team.keyId, period: 'month', limitUsd: 41 });
      expect(tooBig.statusCode).toBe(422);
      expect(tooBig.json().error.details.conflictingBudgetId).toBe(owner.json().id);
      const key = await call('POST', url, { scope: 'api_key', scopeId: team.keyId, period: 'month', limitUsd: 30 });
      expect(key.statusCode).toBe(201);
      expect((await call('PATCH', `${url}/${owner.json().id}`, { limitUsd: 20 })).statusCode).toBe(422);
      expect((await call('PATCH', `${url}/${workspace.json().id}`, { limitUsd: 35 })).statusCode).toBe(422);
      const raised = await call('PATCH', `${url}/${workspace.json().id}`, { limitUsd: 120, alertThresholds: [90] });
      expect(raised.statusCode).toBe(200);
      expect(raised.json()).toMatchObject({ limitUsd: 120, alertThresholds: [90], consumption: { period: new Date().toISOString().slice(0, 7) } });
      expect((await call('POST', url, { scope: 'api_key', period: 'month', limitUsd: 1 })).statusCode).toBe(400);
      for (const created of [key, owner, workspace]) expect((await call('DELETE', `${url}/${created.json().id}`)).statusCode).toBe(204);
    });

    it('200 concurrent requests against a budget that pays for 10: exactly 10 succeed, the rest 429 budget_exceeded', async () => {
      const created = await call('POST', `/admin/workspaces/${workspaceId}/budgets`, { scope: 'api_key', scopeId: team.keyId, period: 'day', limitUsd: 0.01 });
      expect(created.statusCode).toBe(201);
      const openai = client(team.key);
      const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => ask(openai, { messages: [{ role: 'user', content: `question ${i}` }] })));
      const ok = results.filter((result) => result.status === 'fulfilled');
      const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as InstanceType<typeof OpenAI.APIError>] : []));
      console.info(`[budgets] ${ok.length} of 200 concurrent requests succeeded against a budget for 10`);
      expect(ok).toHaveLength(10);
      expect(refused).toHaveLength(190);
      expect(refused.every((error) => error.status === 429 && error.code === 'budget_exceeded' && error.type === 'insufficient_quota')).toBe(true);
      expect(refused[0]!.headers?.get('x-should-retry')).toBe('false');
      const budget = await call('GET', `/admin/workspaces/${workspaceId}/budgets/${created.json().id}`);
      expect(budget.json().consumption).toMatchObject({ spentUsd: 0.01, reservedUsd: 0, remainingUsd: 0 });
      await subject.app.get(BudgetLedger).flush();
      const spend: { spent_nano_usd: string }[] = await subject.app.get(DataSource).query(`SELECT spent_nano_usd FROM budget_spend WHERE budget_id = $1`, [created.json().id]);
      expect(spend.map((row) => Number(row.spent_nano_usd))).toEqual([10_000_000]);
      const mine = records.filter((record) => record.apiKeyId === team.keyId);
      expect(mine.filter((record) => record.errorClass === 'budget_exceeded')).toHaveLength(190);
      expect(mine.filter((record) => record.status === 200).map((record) => record.costNanoUsd)).toEqual(Array(10).fill(1_000_000));
      await call('DELETE', `/admin/workspaces/${workspaceId}/budgets/${created.json().id}`);
    });

    it('settles a streamed call at the same cost as a buffered one, and refuses the next once the budget is spent', async () => {
      const streamer = await createServiceAccountKey(subject.app, workspaceId, 'developer', ['invoke:*']);
      const created = await call('POST', `/admin/workspaces/${workspaceId}/budgets`, { scope: 'api_key', scopeId: streamer.keyId, period: 'total', limitUsd: 0.002 });
      const openai = client(streamer.key);
      await ask(openai);
      const stream = await openai.chat.completions.create({ model: 'mock/mock-chat', messages: [{ role: 'user', content: 'hello there' }], stream: true });
      for await (const _chunk of stream) {
        // drain
      }
      const refused = await ask(openai).catch((error: unknown) => error);
      expect(refused).toMatchObject({ status: 429, code: 'budget_exceeded' });
      expect((refused as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after')).toBeNull();
      const costs = records.filter((record) => record.apiKeyId === streamer.keyId && record.status === 200).map((record) => [record.stream, record.costNanoUsd]);
      expect(costs).toEqual([
        [false, 1_000_000],
        [true, 1_000_000],
      ]);
      const budget = await call('GET', `/admin/workspaces/${workspaceId}/budgets/${created.json().id}`);
      expect(budget.json().consumption).toMatchObject({ period: 'total', spentUsd: 0.002, resetsAt: null });
    });

    it('sends a signed budget.threshold_reached webhook once per threshold crossed', async () => {
      const hook = await call('POST', `/admin/workspaces/${workspaceId}/webhooks`, { url: receiver.url, eventTypes: ['budget.*'] });
      expect(hook.statusCode).toBe(201);
      const secret = hook.json().secret as string;
      const alerted = await createServiceAccountKey(subject.app, workspaceId, 'developer', ['invoke:*']);
      const budget = await call('POST', `/admin/workspaces/${workspaceId}/budgets`, { scope: 'api_key', scopeId: alerted.keyId, period: 'month', limitUsd: 0.004, alertThresholds: [50, 100] });
      const openai = client(alerted.key);
      const ledger = subject.app.get(BudgetLedger, { strict: false });
      await ask(openai);
      await ask(openai);
      await ledger.flush();
      const mine = () => receiver.requests.filter((request) => JSON.parse(request.body).data?.budgetId === budget.json().id);
      const arrived = async (count: number) => {
        for (let waited = 0; mine().length < count && waited < 15_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
        return mine();
      };
      const [first] = await arrived(1);
      expect(verifyWebhookSignature(secret, first!.headers, first!.body)).toMatchObject({ valid: true });
      expect(JSON.parse(first!.body)).toMatchObject({
        type: 'budget.threshold_reached',
        workspaceId,
        data: { budgetId: budget.json().id, scope: 'api_key', scopeId: alerted.keyId, thresholdPercent: 50, limitUsd: 0.004, spentUsd: 0.002 },
      });
      await ask(openai);
      await ledger.flush();
      await ask(openai);
      await ledger.flush();
      const both = await arrived(2);
      expect(both.map((request) => JSON.parse(request.body).data.thresholdPercent)).toEqual([50, 100]);
      await ledger.flush();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(mine()).toHaveLength(2);
    });
  });
});
