import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/audit/call-records/call-record';
import { CallRecords } from '../../src/audit/call-records/call-records';
import { UsagePolicySnapshot } from '../../src/usage/enforcement/usage-policy-snapshot';
import { startTestApp, type TestApp } from '../support/test-app';

const BOOTSTRAP_KEY = 'e2e-redis-outage-bootstrap-key-0123456789';
const headers = { authorization: `Bearer ${BOOTSTRAP_KEY}` };

/** REDIS_URL points at nothing: limits keep being enforced per process, the gateway keeps serving, metrics say so. */
describe('rate limits when Redis is unreachable', () => {
  let subject: TestApp;
  let workspaceId: string;

  beforeAll(async () => {
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY, REDIS_URL: 'redis://127.0.0.1:1' });
    const rows: { workspace_id: string }[] = await subject.app.get(DataSource).query(`SELECT workspace_id FROM api_keys LIMIT 1`);
    workspaceId = rows[0]!.workspace_id;
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('serves, enforces locally and reports portico_limits_degraded 1', async () => {
    const rule = await subject.app.inject({ method: 'POST', url: `/admin/workspaces/${workspaceId}/rate-limits`, headers, payload: { name: 'two', requestsPerMinute: 2 } });
    expect(rule.statusCode).toBe(201);
    await subject.app.get(UsagePolicySnapshot, { strict: false }).reloadAll();
    const records: CallRecord[] = [];
    subject.app.get(CallRecords).subscribe((record) => records.push(record));
    const chat = () =>
      subject.app.inject({ method: 'POST', url: '/v1/chat/completions', headers, payload: { model: 'mock/mock-chat', messages: [{ role: 'user', content: 'hi' }] } });
    expect((await chat()).statusCode).toBe(200);
    expect((await chat()).statusCode).toBe(200);
    const third = await chat();
    expect(third.statusCode).toBe(429);
    expect(third.json().error.code).toBe('rate_limit_exceeded');
    // In-process (inject) answers are recorded like socket ones: finished, not cut.
    expect(records.map((record) => [record.status, record.errorClass])).toEqual([
      [200, null],
      [200, null],
      [429, 'rate_limited'],
    ]);
    const metrics = await subject.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/^portico_limits_degraded 1$/m);
    expect(metrics.body).toMatch(/^portico_limits_redis_outages 1$/m);
  });
});
