import SwaggerParser from '@apidevtools/swagger-parser';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRollups } from '../../src/audit/analytics/call-rollups';
import { HISTOGRAM_RESOLUTION } from '../../src/audit/analytics/histogram';
import { makeCall } from '../../src/audit/analytics/testing/call-fixtures';
import type { CallRecord } from '../../src/audit/call-records/call-record';
import { ErrorCode } from '../../src/common/errors';
import { createMember, createServiceAccountKey, createWorkspace, type TestUser } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { call } from './workspaces.support';

const HOUR = 3_600_000;
const FORMULA_NAME = '=HYPERLINK("http://evil.example","click"), really';

describe('analytics admin API', () => {
  let subject: TestApp;
  let wsA: string;
  let wsB: string;
  let adminA: TestUser;
  let viewerA: TestUser;
  let adminB: TestUser;
  let withoutAnalytics: TestUser;
  let withoutAnalyticsKey: { headers: { authorization: string } };
  let teamKey: { serviceAccountId: string; keyId: string; headers: { authorization: string } };
  let userKeyId: string;
  let start: number;
  const app = () => subject.app;
  const url = (workspaceId: string, rest: string) => `/admin/workspaces/${workspaceId}/analytics/${rest}`;

  async function seed(calls: readonly CallRecord[]): Promise<void> {
    await app().get(DataSource).transaction((manager) => app().get(CallRollups).applyBatch(manager, calls));
  }

  beforeAll(async () => {
    subject = await startTestApp();
    wsA = (await createWorkspace(app())).id;
    wsB = (await createWorkspace(app())).id;
    adminA = await createMember(app(), wsA, 'admin');
    viewerA = await createMember(app(), wsA, 'viewer');
    adminB = await createMember(app(), wsB, 'admin');
    expect((await call(app(), 'POST', `/admin/workspaces/${wsA}/roles`, adminA.headers, { name: 'log-reader', permissions: ['call_logs:read'] })).status).toBe(201);
    withoutAnalytics = await createMember(app(), wsA, 'custom:log-reader');
    withoutAnalyticsKey = await createServiceAccountKey(app(), wsA, 'custom:log-reader', ['admin']);
    teamKey = await createServiceAccountKey(app(), wsA, 'viewer', ['admin', 'invoke:*']);
    const userKey = await call(app(), 'POST', `/admin/workspaces/${wsA}/api-keys`, adminA.headers, { name: FORMULA_NAME, owner: { type: 'user' }, scopes: ['invoke:*'] });
    expect(userKey.status).toBe(201);
    userKeyId = userKey.body.id;

    start = Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR;
    const at = (minutes: number) => new Date(start + minutes * 60_000 + 1_234);
    await seed([
      ...Array.from({ length: 30 }, (_, i) =>
        makeCall({ workspaceId: wsA, apiKeyId: teamKey.keyId, provider: 'provider-openai', target: 'openai/gpt-4o-mini', costNanoUsd: 1_000_000, latencyMs: 100 + i * 10, startedAt: at(i) }),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        makeCall({
          workspaceId: wsA,
          apiKeyId: userKeyId,
          routeName: 'chat-default',
          provider: 'provider-anthropic',
          target: 'anthropic/claude-sonnet-4',
          endpoint: 'messages',
          status: i < 2 ? 429 : 200,
          errorClass: i < 2 ? 'rate_limited' : null,
          costNanoUsd: i < 2 ? null : 333_333_333,
          stream: true,
          ttfbMs: 50,
          latencyMs: 2_000,
          startedAt: at(70 + i),
        }),
      ),
    ]);
    await seed(Array.from({ length: 7 }, (_, i) => makeCall({ workspaceId: wsB, target: 'openai/gpt-4o', costNanoUsd: 9_000_000_000, startedAt: at(5 + i) })));
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('summarises a range: totals, errors by class, exact cost and latency percentiles', async () => {
    const summary = await call(app(), 'GET', url(wsA, 'summary'), viewerA.headers);
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      requests: 40,
      errors: 2,
      errorRate: 0.05,
      errorsByClass: { rate_limited: 2 },
      promptTokens: 400,
      completionTokens: 800,
      tokens: 1_200,
      costNanoUsd: String(30 * 1_000_000 + 8 * 333_333_333),
      costUsd: 2.696666664,
      unpricedRequests: 2,
    });
    // Exact p50 of the 40 latencies is 290 ms (the 20th smallest); p99 is 2,000 ms.
    expect(Math.max(summary.body.latencyMs.p50 / 290, 290 / summary.body.latencyMs.p50)).toBeLessThanOrEqual(HISTOGRAM_RESOLUTION);
    expect(Math.max(summary.body.latencyMs.p99 / 2_000, 2_000 / summary.body.latencyMs.p99)).toBeLessThanOrEqual(HISTOGRAM_RESOLUTION);
    expect(summary.body.ttfbMs.avg).toBe(50);
  });

  it('draws a time series per model with the buckets it covers, and folds groups beyond the limit', async () => {
    const from = new Date(start).toISOString();
    const to = new Date(start + 3 * HOUR).toISOString();
    const series = await call(app(), 'GET', url(wsA, `timeseries?from=${from}&to=${to}&groupBy=model&metrics=requests,costUsd,latencyP95Ms`), viewerA.headers);
    expect(series.status).toBe(200);
    expect(series.body).toMatchObject({ granularity: 'minute', groupBy: 'model', metrics: ['requests', 'costUsd', 'latencyP95Ms'] });
    expect(series.body.buckets).toHaveLength(180);
    expect(series.body.series.map((s: { label: string }) => s.label)).toEqual(['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4']);
    const [gpt] = series.body.series;
    expect(gpt.values.requests.reduce((sum: number, n: number) => sum + n, 0)).toBe(30);
    expect(gpt.values.requests.slice(0, 31)).toEqual([...Array(30).fill(1), 0]);
    expect(gpt.values.latencyP95Ms[30]).toBeNull();

    const hourly = await call(app(), 'GET', url(wsA, `timeseries?from=${from}&to=${to}&granularity=hour&groupBy=model&limit=1&metrics=requests`), viewerA.headers);
    expect(hourly.body.buckets).toEqual([0, 1, 2].map((h) => new Date(start + h * HOUR).toISOString()));
    expect(hourly.body.series).toEqual([
      { group: 'openai/gpt-4o-mini', label: 'openai/gpt-4o-mini', other: false, values: { requests: [30, 0, 0] } },
      { group: null, label: '(other)', other: true, values: { requests: [0, 10, 0] } },
    ]);
  });

  it('ranks top consumers by cost, requests or tokens, naming API keys', async () => {
    const byCost = await call(app(), 'GET', url(wsA, 'top?by=apiKey&metric=cost'), viewerA.headers);
    expect(byCost.status).toBe(200);
    expect(byCost.body.items.map((item: { group: string; label: string }) => [item.group, item.label])).toEqual([
      [userKeyId, FORMULA_NAME],
      [teamKey.keyId, 'test key'],
    ]);
    const byRequests = await call(app(), 'GET', url(wsA, 'top?by=apiKey&metric=requests&limit=1'), viewerA.headers);
    expect(byRequests.body.items).toEqual([expect.objectContaining({ group: teamKey.keyId, requests: 30, costUsd: 0.03 })]);
    const routes = await call(app(), 'GET', url(wsA, 'top?by=route&metric=requests'), viewerA.headers);
    expect(routes.body.items.map((item: { label: string; requests: number }) => [item.label, item.requests])).toEqual([
      ['(none)', 30],
      ['chat-default', 10],
    ]);
  });

  it('exports chargeback CSV per team with exact USD, as an attachment', async () => {
    const response = await app().inject({ method: 'GET', url: url(wsA, 'chargeback.csv'), headers: adminA.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="portico-chargeback-team-\d{8}T\d{4}-\d{8}T\d{4}\.csv"$/);
    const [header, ...lines] = response.body.trimEnd().split('\r\n');
    expect(header).toBe(
      'period_start,period_end,owner_type,owner_id,owner_name,requests,errors,prompt_tokens,completion_tokens,cached_tokens,reasoning_tokens,total_tokens,cost_usd,unpriced_requests',
    );
    expect(lines.map((line: string) => line.split(',').slice(2))).toEqual([
      ['user', adminA.id, adminA.email, '10', '2', '100', '200', '0', '0', '300', '2.666666664', '2'],
      ['service_account', teamKey.serviceAccountId, expect.stringMatching(/^sa-/), '30', '0', '300', '600', '0', '0', '900', '0.030000000', '0'],
    ]);
  });

  it('guards key names against spreadsheet formulas in the per-key export', async () => {
    const response = await app().inject({ method: 'GET', url: url(wsA, 'chargeback.csv?groupBy=apiKey'), headers: adminA.headers });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`,"'=HYPERLINK(""http://evil.example"",""click""), really",user,`);
    const perModel = await app().inject({ method: 'GET', url: url(wsA, 'chargeback.csv?groupBy=model'), headers: adminA.headers });
    expect(perModel.body.split('\r\n')[0]).toMatch(/^period_start,period_end,provider,model,requests,/);
    expect(perModel.body).toContain(',provider-anthropic,anthropic/claude-sonnet-4,10,2,');
  });

  it('refuses callers without analytics:read (403), and other workspaces (404)', async () => {
    for (const path of ['summary', 'timeseries', 'top', 'chargeback.csv']) {
      const user = await call(app(), 'GET', url(wsA, path), withoutAnalytics.headers);
      expect(user).toMatchObject({ status: 403, body: { error: { code: ErrorCode.FORBIDDEN } } });
      expect((await call(app(), 'GET', url(wsA, path), withoutAnalyticsKey.headers)).status).toBe(403);
      expect((await call(app(), 'GET', url(wsA, path), adminB.headers)).status).toBe(404);
    }
    expect((await call(app(), 'GET', url(wsA, 'summary'), teamKey.headers)).body.requests).toBe(40);
  });

  it("keeps each workspace's numbers to itself", async () => {
    const summaryB = await call(app(), 'GET', url(wsB, 'summary'), adminB.headers);
    expect(summaryB.body).toMatchObject({ requests: 7, costNanoUsd: '63000000000' });
    const topA = await call(app(), 'GET', url(wsA, 'top?by=model&metric=requests'), adminA.headers);
    expect(topA.body.items.map((item: { group: string }) => item.group)).not.toContain('openai/gpt-4o');
  });

  it('answers 422 for a granularity too fine for the range, 400 for bad parameters', async () => {
    const twoDays = `from=${new Date(Date.now() - 48 * HOUR).toISOString()}`;
    const minute = await call(app(), 'GET', url(wsA, `timeseries?${twoDays}&granularity=minute`), viewerA.headers);
    expect(minute).toMatchObject({ status: 422, body: { error: { code: ErrorCode.ANALYTICS_GRANULARITY_TOO_FINE } } });
    const old = new Date(Date.now() - 30 * 24 * HOUR);
    const expired = await call(app(), 'GET', url(wsA, `timeseries?from=${old.toISOString()}&to=${new Date(old.getTime() + HOUR).toISOString()}&granularity=minute`), viewerA.headers);
    expect(expired.body.error.code).toBe(ErrorCode.ANALYTICS_GRANULARITY_TOO_FINE);
    expect((await call(app(), 'GET', url(wsA, `timeseries?${twoDays}`), viewerA.headers)).body.granularity).toBe('hour');

    for (const bad of ['timeseries?metrics=requests,vibes', 'timeseries?groupBy=colour', 'top?metric=latency', 'top?limit=0', 'summary?from=yesterday', 'chargeback.csv?groupBy=planet', 'summary?foo=1']) {
      expect((await call(app(), 'GET', url(wsA, bad), viewerA.headers)).body.error.code).toBe(ErrorCode.VALIDATION_FAILED);
    }
    const reversed = await call(app(), 'GET', url(wsA, `summary?from=${new Date().toISOString()}&to=${new Date(Date.now() - HOUR).toISOString()}`), viewerA.headers);
    expect(reversed.status).toBe(400);
  });

  it('reads rollups only: every endpoint answers with call_logs out of reach', async () => {
    const dataSource = app().get(DataSource);
    await dataSource.query(`ALTER TABLE call_logs RENAME TO call_logs_hidden`);
    try {
      for (const path of ['summary', 'timeseries?groupBy=apiKey', 'top?by=provider', 'chargeback.csv?groupBy=apiKey']) {
        expect((await call(app(), 'GET', url(wsA, path), viewerA.headers)).status).toBe(200);
      }
    } finally {
      await dataSource.query(`ALTER TABLE call_logs_hidden RENAME TO call_logs`);
    }
  });

  it('documents the analytics endpoints in a valid OpenAPI document', async () => {
    const document = (await app().inject({ method: 'GET', url: '/docs-json' })).json();
    for (const path of ['timeseries', 'top', 'summary', 'chargeback.csv']) expect(document.paths).toHaveProperty([`/admin/workspaces/{workspaceId}/analytics/${path}`]);
    expect(document.components.schemas.SummaryDto.properties.latencyMs).toBeDefined();
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
  });
});
