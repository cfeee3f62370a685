import SwaggerParser from '@apidevtools/swagger-parser';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRecord } from '../../src/audit/call-logs/__fixtures__/call-record.fixture';
import { CallLogWriterHost } from '../../src/audit/call-logs/call-log-writer.host';
import type { CallRecord } from '../../src/audit/call-records/call-record';
import { CallRecords } from '../../src/audit/call-records/call-records';
import { ErrorCode } from '../../src/common/errors';
import { createMember, createWorkspace, type TestUser } from '../support/auth-helpers';
import { findFreePort } from '../support/ports';
import { startTestApp, type TestApp } from '../support/test-app';
import { call } from './workspaces.support';

const BOOTSTRAP_KEY = 'e2e-call-logs-bootstrap-key-0123456789';
const HOUR = 3_600_000;

describe('call logs: search API, settings, permissions and workspace isolation', () => {
  let subject: TestApp;
  let wsA: string;
  let wsB: string;
  let adminA: TestUser;
  let viewerA: TestUser;
  let noLogsA: TestUser;
  let adminB: TestUser;
  let baseUrl: string;
  const app = () => subject.app;
  const logs = (workspaceId: string, query = '') => `/admin/workspaces/${workspaceId}/call-logs${query}`;
  const settings = (workspaceId: string) => `/admin/workspaces/${workspaceId}/call-log-settings`;
  const put = (url: string, headers: Record<string, string>, payload: unknown) => app().inject({ method: 'PUT', url, headers, payload: payload as object });
  const publish = async (...records: CallRecord[]) => {
    for (const record of records) app().get(CallRecords).publish(record);
    await app().get(CallLogWriterHost).writer.flush();
  };
  /** Over a real socket, as a client would call. */
  const chat = async (content: string) => {
    const response = await fetch(`${baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOOTSTRAP_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock/mock-chat', messages: [{ role: 'user', content }] }),
    });
    expect(response.status).toBe(200);
    await response.json();
    await expect.poll(() => app().get(CallLogWriterHost).writer.flush().then(() => byRequestId(response.headers.get('x-request-id')!))).toHaveLength(1);
    return response.headers.get('x-request-id')!;
  };
  const byRequestId = async (requestId: string) => (await call(app(), 'GET', logs(wsA, `?requestId=${requestId}`), viewerA.headers)).body.items;

  beforeAll(async () => {
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY });
    const port = await findFreePort();
    await app().listen({ port, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${port}`;
    wsA = subject.runtime.firstRun!.workspaceId;
    wsB = (await createWorkspace(app())).id;
    adminA = await createMember(app(), wsA, 'admin');
    viewerA = await createMember(app(), wsA, 'viewer');
    adminB = await createMember(app(), wsB, 'admin');
    expect((await call(app(), 'POST', `/admin/workspaces/${wsA}/roles`, adminA.headers, { name: 'no-logs', permissions: ['prompts:read'] })).status).toBe(201);
    noLogsA = await createMember(app(), wsA, 'custom:no-logs');
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('logs every /v1 call; it is found by the x-request-id the caller saw', async () => {
    const requestId = await chat('Hello');
    const [log] = await byRequestId(requestId);
    expect(log).toMatchObject({
      requestId,
      workspaceId: wsA,
      endpoint: 'chat.completions',
      requestedModel: 'mock/mock-chat',
      target: 'mock/mock-chat',
      provider: 'provider-mock',
      status: 200,
      errorClass: null,
      stream: false,
      hasBodies: false,
    });
    expect(log.promptTokens).toBeGreaterThan(0);
    expect(log.apiKeyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(log).not.toHaveProperty('requestBody');
  });

  it('filters by key, model, status and error class', async () => {
    const key = randomUUID();
    const ok = callRecord({ workspaceId: wsA, apiKeyId: key, model: 'gpt-4o-mini' });
    const limited = callRecord({ workspaceId: wsA, apiKeyId: key, model: 'gpt-4o', status: 429, errorClass: 'rate_limited', errorCode: 'rate_limit_exceeded' });
    const failed = callRecord({ workspaceId: wsA, apiKeyId: key, model: 'gpt-4o', status: 502, errorClass: 'upstream_error' });
    await publish(ok, limited, failed, callRecord({ workspaceId: wsA, model: 'gpt-4o' }));
    const ids = async (query: string) => (await call(app(), 'GET', logs(wsA, `?apiKeyId=${key}&${query}`), viewerA.headers)).body.items.map((log: { callId: string }) => log.callId).sort();
    expect(await ids('')).toEqual([ok.callId, limited.callId, failed.callId].sort());
    expect(await ids('model=gpt-4o')).toEqual([limited.callId, failed.callId].sort());
    expect(await ids('status=429')).toEqual([limited.callId]);
    expect(await ids('errorClass=upstream_error')).toEqual([failed.callId]);
    const invalid = await call(app(), 'GET', logs(wsA, '?status=abc'), viewerA.headers);
    expect(invalid).toMatchObject({ status: 400, body: { error: { code: ErrorCode.VALIDATION_FAILED } } });
    expect((await call(app(), 'GET', logs(wsA, '?errorClass=nope'), viewerA.headers)).status).toBe(400);
  });

  it('searches the last 24 hours unless told otherwise, and never more than 31 days at once', async () => {
    const key = randomUUID();
    const old = callRecord({ workspaceId: wsA, apiKeyId: key, startedAt: new Date(Date.now() - 48 * HOUR) });
    const recent = callRecord({ workspaceId: wsA, apiKeyId: key, startedAt: new Date(Date.now() - HOUR) });
    await publish(old, recent);
    const page = await call(app(), 'GET', logs(wsA, `?apiKeyId=${key}`), viewerA.headers);
    expect(page.body.items.map((log: { callId: string }) => log.callId)).toEqual([recent.callId]);
    expect(new Date(page.body.to).getTime() - new Date(page.body.from).getTime()).toBe(24 * HOUR);

    const from = new Date(Date.now() - 72 * HOUR).toISOString();
    const wider = await call(app(), 'GET', logs(wsA, `?apiKeyId=${key}&from=${from}`), viewerA.headers);
    expect(wider.body.items.map((log: { callId: string }) => log.callId)).toEqual([recent.callId, old.callId]);

    const tooWide = await call(app(), 'GET', logs(wsA, `?from=${new Date(Date.now() - 40 * 24 * HOUR).toISOString()}`), viewerA.headers);
    expect(tooWide).toMatchObject({ status: 400, body: { error: { code: ErrorCode.VALIDATION_FAILED } } });
    const backwards = await call(app(), 'GET', logs(wsA, `?from=${new Date().toISOString()}&to=${from}`), viewerA.headers);
    expect(backwards.status).toBe(400);
  });

  it('pages newest first by keyset, without gaps or repeats even when calls share a millisecond', async () => {
    const key = randomUUID();
    const base = Date.now() - 10 * 60_000;
    const records = Array.from({ length: 7 }, (_, index) => callRecord({ workspaceId: wsA, apiKeyId: key, startedAt: new Date(base + Math.floor(index / 2) * 1_000) }));
    await publish(...records);
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const page: { status: number; body: { items: Array<{ callId: string }>; nextCursor: string | null } } = await call(
        app(),
        'GET',
        logs(wsA, `?apiKeyId=${key}&limit=3${cursor ? `&cursor=${cursor}` : ''}`),
        viewerA.headers,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((log) => log.callId));
      cursor = page.body.nextCursor;
      pages += 1;
    }
    expect(pages).toBe(3);
    const expected = [...records].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || (b.callId < a.callId ? -1 : 1)).map((record) => record.callId);
    expect(seen).toEqual(expected);
    const bad = await call(app(), 'GET', logs(wsA, '?cursor=bm90LWEtY3Vyc29y'), viewerA.headers);
    expect(bad).toMatchObject({ status: 400, body: { error: { code: ErrorCode.VALIDATION_FAILED } } });
  });

  it('shows bodies only on the single call, and only when they were stored', async () => {
    const withBodies = callRecord({ workspaceId: wsA, requestBody: { messages: [{ role: 'user', content: 'hi' }] }, responseBody: { id: 'x' } });
    const without = callRecord({ workspaceId: wsA });
    await publish(withBodies, without);
    const [listed] = await byRequestId(withBodies.requestId);
    expect(listed).toMatchObject({ callId: withBodies.callId, hasBodies: true });
    expect(listed).not.toHaveProperty('requestBody');
    const detail = await call(app(), 'GET', logs(wsA, `/${withBodies.callId}`), viewerA.headers);
    expect(detail).toMatchObject({ status: 200, body: { callId: withBodies.callId, requestBody: withBodies.requestBody, responseBody: { id: 'x' } } });
    const plain = await call(app(), 'GET', logs(wsA, `/${without.callId}`), viewerA.headers);
    expect(plain.body.hasBodies).toBe(false);
    expect(plain.body).not.toHaveProperty('requestBody');
    expect(plain.body).not.toHaveProperty('responseBody');
    expect((await call(app(), 'GET', logs(wsA, '/not-a-uuid'), viewerA.headers)).status).toBe(404);
  });

  it("keeps each workspace's calls to itself, and requires call_logs:read", async () => {
    const inB = callRecord({ workspaceId: wsB });
    const inA = callRecord({ workspaceId: wsA, requestId: inB.requestId });
    await publish(inA, inB);
    expect((await byRequestId(inB.requestId)).map((log: { callId: string }) => log.callId)).toEqual([inA.callId]);
    expect((await call(app(), 'GET', logs(wsA, `/${inB.callId}`), adminA.headers)).status).toBe(404);
    const fromB = await call(app(), 'GET', logs(wsB, `?requestId=${inB.requestId}`), adminB.headers);
    expect(fromB.body.items.map((log: { callId: string }) => log.callId)).toEqual([inB.callId]);
    expect((await call(app(), 'GET', logs(wsB, `/${inA.callId}`), adminB.headers)).status).toBe(404);
    expect((await call(app(), 'GET', logs(wsA), adminB.headers)).status).toBe(404);

    const denied = await call(app(), 'GET', logs(wsA), noLogsA.headers);
    expect(denied).toMatchObject({ status: 403, body: { error: { code: ErrorCode.FORBIDDEN, details: { permission: 'call_logs:read' } } } });
    expect((await call(app(), 'GET', logs(wsA, `/${inA.callId}`), noLogsA.headers)).status).toBe(403);
    expect((await call(app(), 'GET', settings(wsA), noLogsA.headers)).status).toBe(403);
    expect((await call(app(), 'GET', logs(wsA), {})).status).toBe(401);
  });

  it('stores bodies of /v1 calls once an admin turns it on, and stops when turned off', async () => {
    expect((await call(app(), 'GET', settings(wsA), viewerA.headers)).body).toEqual({ workspaceId: wsA, storeBodies: false, updatedAt: null, updatedBy: null });
    expect((await put(settings(wsA), viewerA.headers, { storeBodies: true })).statusCode).toBe(403);
    const invalid = await put(settings(wsA), adminA.headers, { storeBodies: 'yes' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect((await put(settings(wsB), adminA.headers, { storeBodies: true })).statusCode).toBe(404);

    const on = await put(settings(wsA), adminA.headers, { storeBodies: true });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toMatchObject({ workspaceId: wsA, storeBodies: true, updatedBy: `user:${adminA.id}` });
    await expect.poll(() => app().get(CallRecords).capturesBodies(wsA)).toBe(true);
    expect(app().get(CallRecords).capturesBodies(wsB)).toBe(false);

    const captured = (await byRequestId(await chat('Remember this')))[0];
    const detail = (await call(app(), 'GET', logs(wsA, `/${captured.callId}`), viewerA.headers)).body;
    expect(detail.requestBody).toMatchObject({ model: 'mock/mock-chat', messages: [{ role: 'user', content: 'Remember this' }] });
    expect(detail.responseBody).toMatchObject({ object: 'chat.completion' });

    expect((await put(settings(wsA), adminA.headers, { storeBodies: false })).statusCode).toBe(200);
    await expect.poll(() => app().get(CallRecords).capturesBodies(wsA)).toBe(false);
    const plain = (await byRequestId(await chat('Forget this')))[0];
    expect(plain.hasBodies).toBe(false);
  });

  it('feeds the analytics rollups in the insert transaction: a replayed record counts once, rollups equal the rows', async () => {
    const record = callRecord({ workspaceId: wsA });
    await publish(record);
    await publish(record, { ...record });
    const dataSource = app().get(DataSource);
    const [{ rows }] = await dataSource.query(`SELECT count(*)::int AS rows FROM call_logs WHERE workspace_id = $1`, [wsA]);
    const [{ requests }] = await dataSource.query(`SELECT coalesce(sum(requests), 0)::int AS requests FROM analytics_rollups_day WHERE workspace_id = $1`, [wsA]);
    expect(rows).toBeGreaterThan(10);
    expect(requests).toBe(rows);
  });

  it('documents the call-log endpoints in a valid OpenAPI document', async () => {
    const document = (await app().inject({ method: 'GET', url: '/docs-json' })).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/admin/workspaces/{workspaceId}/call-logs', '/admin/workspaces/{workspaceId}/call-logs/{callId}', '/admin/workspaces/{workspaceId}/call-log-settings']),
    );
    expect(Object.keys(document.components.schemas.CallLogDto.properties)).toEqual(expect.arrayContaining(['callId', 'requestId', 'costNanoUsd', 'guardVerdicts', 'hasBodies']));
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
  });
});
