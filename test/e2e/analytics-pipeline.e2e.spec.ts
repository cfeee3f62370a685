import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallLogWriterHost } from '../../src/audit/call-logs/call-log-writer.host';
import { createMember, type TestUser } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { call } from './workspaces.support';

const BOOTSTRAP_KEY = 'e2e-analytics-bootstrap-key-0123456789';

describe('analytics from real /v1 traffic', () => {
  let subject: TestApp;
  let workspaceId: string;
  let viewer: TestUser;
  const app = () => subject.app;
  const analytics = (rest: string) => `/admin/workspaces/${workspaceId}/analytics/${rest}`;

  beforeAll(async () => {
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY });
    workspaceId = subject.runtime.firstRun!.workspaceId;
    viewer = await createMember(app(), workspaceId, 'viewer');
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('counts answered and refused calls, their tokens and latencies, exactly as call_logs holds them', async () => {
    const chat = (model: string, stream = false) =>
      app().inject({
        method: 'POST',
        url: '/v1/chat/completions',
        headers: { authorization: `Bearer ${BOOTSTRAP_KEY}`, 'content-type': 'application/json' },
        payload: { model, stream, messages: [{ role: 'user', content: 'Count me in the dashboards' }] },
      });
    const answers = [
      ...(await Promise.all(Array.from({ length: 6 }, () => chat('mock/mock-chat')))),
      ...(await Promise.all(Array.from({ length: 3 }, () => chat('mock/mock-chat-large', true)))),
      await chat('mock/no-such-model'),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([...Array(9).fill(200), 404]);
    await app().get(CallLogWriterHost).writer.flush();

    const [logged] = await app()
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS requests, count(*) FILTER (WHERE error_class IS NOT NULL)::int AS errors,
           sum(prompt_tokens)::int AS prompt_tokens, sum(completion_tokens)::int AS completion_tokens, count(ttfb_ms)::int AS streamed
         FROM call_logs WHERE workspace_id = $1`,
        [workspaceId],
      );
    expect(logged).toMatchObject({ requests: 10, errors: 1, streamed: 3 });
    expect(logged.prompt_tokens).toBeGreaterThan(0);

    const summary = await call(app(), 'GET', analytics('summary'), viewer.headers);
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      requests: logged.requests,
      errors: logged.errors,
      promptTokens: logged.prompt_tokens,
      completionTokens: logged.completion_tokens,
      errorsByClass: { not_found: 1 },
    });
    expect(summary.body.latencyMs.p50).toBeGreaterThan(0);
    expect(summary.body.ttfbMs.p50).not.toBeNull();

    const byModel = await call(app(), 'GET', analytics('top?by=model&metric=requests'), viewer.headers);
    expect(byModel.body.items.map((item: { label: string; requests: number }) => [item.label, item.requests])).toEqual([
      ['mock/mock-chat', 6],
      ['mock/mock-chat-large', 3],
      ['(none)', 1],
    ]);
    const series = await call(app(), 'GET', analytics('timeseries?groupBy=provider&metrics=requests'), viewer.headers);
    const perProvider = Object.fromEntries(
      series.body.series.map((s: { label: string; values: { requests: number[] } }) => [s.label, s.values.requests.reduce((a, b) => a + b, 0)]),
    );
    expect(perProvider).toEqual({ 'provider-mock': 9, '(none)': 1 });
  });
});
