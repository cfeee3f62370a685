import OpenAI from 'openai';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallLogWriterHost } from '../../src/audit/call-logs/call-log-writer.host';
import type { CallRecord } from '../../src/audit/call-records/call-record';
import { CallRecords } from '../../src/audit/call-records/call-records';
import { PromptSnapshot } from '../../src/prompts/runtime/prompt-snapshot';
import { UsagePolicySnapshot } from '../../src/usage/enforcement/usage-policy-snapshot';
import { createMember, createServiceAccountKey } from '../support/auth-helpers';
import { findFreePort } from '../support/ports';
import { startTestApp, type TestApp } from '../support/test-app';

const BOOTSTRAP_KEY = 'e2e-prompts-v1-bootstrap-key-0123456789';
const admin = { authorization: `Bearer ${BOOTSTRAP_KEY}` };

const greeting = (content: string, parameters: Record<string, unknown> = {}) => ({
  messages: [{ role: 'user', content }],
  model: 'mock/mock-chat',
  parameters: { max_tokens: 3, ...parameters },
  inputSchema: { type: 'object', properties: { name: { type: 'string', minLength: 1 }, age: { type: 'integer' } }, required: ['name'], additionalProperties: false },
});

/** `/v1/chat/completions` naming a registered prompt, with the official client, plus "try" and per-version analytics. */
describe('prompts on the data plane', () => {
  let subject: TestApp;
  let baseURL: string;
  let workspaceId: string;
  let openai: OpenAI;
  let promptId: string;
  const records: CallRecord[] = [];
  const base = () => `/admin/workspaces/${workspaceId}/prompts`;

  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = admin) => {
    const response = await subject.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    if (method !== 'GET' && response.statusCode < 300) await subject.app.get(PromptSnapshot, { strict: false }).reloadAll();
    return response;
  };
  /** The official client sends whatever body it is given; `prompt` replaces `messages`. */
  const ask = (body: Record<string, unknown>, client = openai) => client.chat.completions.create(body as never).withResponse() as Promise<{ data: OpenAI.ChatCompletion; response: Response }>;
  const recordOf = (response: Response) => records.find((record) => record.requestId === response.headers.get('x-request-id'));
  const failure = (work: Promise<unknown>) => work.then(() => expect.unreachable('expected an error'), (error: unknown) => error as InstanceType<typeof OpenAI.APIError>);

  beforeAll(async () => {
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY });
    const port = await findFreePort();
    await subject.app.listen({ port, host: '127.0.0.1' });
    baseURL = `http://127.0.0.1:${port}/v1`;
    openai = new OpenAI({ apiKey: BOOTSTRAP_KEY, baseURL, maxRetries: 0 });
    const rows: { workspace_id: string }[] = await subject.app.get(DataSource).query(`SELECT workspace_id FROM api_keys LIMIT 1`);
    workspaceId = rows[0]!.workspace_id;
    subject.app.get(CallRecords).subscribe((record) => records.push(record));

    const created = await call('POST', base(), { slug: 'greeter', name: 'Greeter', version: greeting('Hello {{name}}') });
    expect(created.statusCode, created.body).toBe(201);
    promptId = created.json().id;
    expect((await call('POST', `${base()}/greeter/versions`, greeting('Hi there {{name}}!', { max_tokens: 4 }))).statusCode).toBe(201);
    // Promotions need no approval in this workspace: this suite is about the data plane.
    expect((await call('PUT', `/admin/workspaces/${workspaceId}/approval-policies/prompt_promotion`, { enabled: false })).statusCode).toBe(200);
    expect((await call('PUT', `${base()}/greeter/labels/production`, { version: 1 })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('renders the production version in place of messages, with its model and parameters, and names it in the call record', async () => {
    const { data, response } = await ask({ prompt: { slug: 'greeter', variables: { name: 'Ada Lovelace' } } });
    expect(data.model).toBe('mock/mock-chat');
    // The mock counts one token per message plus its words: "Hello Ada Lovelace" → 4; the version's max_tokens: 3.
    expect(data.usage).toMatchObject({ prompt_tokens: 4, completion_tokens: 3 });
    const direct = await openai.chat.completions.create({ model: 'mock/mock-chat', max_tokens: 3, messages: [{ role: 'user', content: 'Hello Ada Lovelace' }] });
    expect(data.choices[0]!.message.content).toBe(direct.choices[0]!.message.content);
    expect(recordOf(response)).toMatchObject({ promptId, promptVersion: 1, status: 200, requestedModel: 'mock/mock-chat', errorClass: null });
  });

  it('takes the request\'s own model and parameters over the version\'s, and appends its messages', async () => {
    const { data, response } = await ask({
      model: 'mock/mock-chat-large',
      max_tokens: 5,
      prompt: { slug: 'greeter', version: 2, variables: { name: 'Grace' } },
      messages: [{ role: 'user', content: 'and more' }],
    });
    expect(data.model).toBe('mock/mock-chat-large');
    expect(data.usage).toMatchObject({ prompt_tokens: 4 + 3, completion_tokens: 5 });
    expect(recordOf(response)).toMatchObject({ promptId, promptVersion: 2 });
  });

  it('accepts the x-portico-prompt header with variables in the body, and streams', async () => {
    const response = await fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOOTSTRAP_KEY}`, 'content-type': 'application/json', 'x-portico-prompt': 'greeter@2' },
      body: JSON.stringify({ variables: { name: 'Linus' }, stream: true, stream_options: { include_usage: true } }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('data: [DONE]');
    expect(text).toMatch(/"completion_tokens":4/);
    expect(recordOf(response)).toMatchObject({ promptId, promptVersion: 2, stream: true });

    const byLabel = await fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOOTSTRAP_KEY}`, 'content-type': 'application/json', 'x-portico-prompt': 'greeter@production' },
      body: JSON.stringify({ variables: { name: 'Linus' } }),
    });
    expect(recordOf(byLabel)).toMatchObject({ promptVersion: 1 });
  });

  it('answers 422 in OpenAI\'s envelope listing each variable problem, and still names the version', async () => {
    const error = await failure(ask({ prompt: { slug: 'greeter', variables: { age: 'old', nickname: 'x' } } }));
    expect(error).toBeInstanceOf(OpenAI.UnprocessableEntityError);
    expect(error.status).toBe(422);
    expect(error.code).toBe('prompt_variables_invalid');
    expect(error.param).toBe('variables');
    const body = error.error as { message: string; type: string; issues: { path: string; message: string }[] };
    expect(body.type).toBe('invalid_request_error');
    expect(body.issues).toEqual(
      expect.arrayContaining([
        { path: 'name', message: 'is required' },
        { path: 'age', message: 'must be integer' },
        { path: 'nickname', message: 'is not a declared variable' },
      ]),
    );
    expect(body.issues).toHaveLength(3);
    expect(body.message).toContain('name is required');
    expect(body.message).toContain('age must be integer');
    const record = records.find((candidate) => candidate.requestId === error.headers?.get('x-request-id'));
    expect(record).toMatchObject({ status: 422, errorClass: 'invalid_request', errorCode: 'prompt_variables_invalid', promptId, promptVersion: 1 });
  });

  it('answers 404 prompt_not_found for an unknown prompt, label or version, and 400 for a malformed reference', async () => {
    for (const prompt of [{ slug: 'nobody' }, { slug: 'greeter', label: 'nope' }, { slug: 'greeter', version: 9 }]) {
      const error = await failure(ask({ prompt: { ...prompt, variables: { name: 'x' } } }));
      expect(error, JSON.stringify(prompt)).toBeInstanceOf(OpenAI.NotFoundError);
      expect(error.code).toBe('prompt_not_found');
      expect(error.param).toBe('prompt');
    }
    const both = await failure(ask({ prompt: { slug: 'greeter', label: 'production', version: 1 } }));
    expect(both).toBeInstanceOf(OpenAI.BadRequestError);
    expect(both.param).toBe('prompt');
    const badHeader = await fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOOTSTRAP_KEY}`, 'content-type': 'application/json', 'x-portico-prompt': 'Greeter@@' },
      body: JSON.stringify({ variables: { name: 'x' } }),
    });
    expect(badHeader.status).toBe(400);
    expect(((await badHeader.json()) as { error: unknown }).error).toMatchObject({ code: 'invalid_request', param: 'x-portico-prompt' });
    const otherWorkspace = await createServiceAccountKey(subject.app, (await subject.app.get(DataSource).query(`INSERT INTO workspaces (slug, name) VALUES ('prompts-elsewhere', 'x') RETURNING id`))[0].id, 'developer', ['invoke:*']);
    const elsewhere = await failure(ask({ prompt: { slug: 'greeter', variables: { name: 'x' } } }, new OpenAI({ apiKey: otherWorkspace.key, baseURL, maxRetries: 0 })));
    expect(elsewhere).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('splits an 80/20 label over 1,000 calls within ±5%, each call record naming its version', async () => {
    expect((await call('PUT', `${base()}/greeter/labels/ab`, { versions: [{ version: 1, weight: 80 }, { version: 2, weight: 20 }] })).statusCode).toBe(200);
    const before = records.length;
    const versions: number[] = [];
    const calls = Array.from({ length: 1_000 }, (_unused, index) => index);
    const worker = async () => {
      for (let index = calls.pop(); index !== undefined; index = calls.pop()) {
        const { data, response } = await ask({ prompt: { slug: 'greeter', label: 'ab', variables: { name: `user ${index}` } } });
        const record = recordOf(response);
        expect(record?.promptId).toBe(promptId);
        // Each version caps the answer differently (v1: 3 tokens, v2: 4): the answer proves which version served it.
        expect(data.usage?.completion_tokens).toBe(record?.promptVersion === 1 ? 3 : 4);
        versions.push(record!.promptVersion!);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(records.length - before).toBe(1_000);
    const first = versions.filter((version) => version === 1).length;
    const second = versions.filter((version) => version === 2).length;
    expect(first + second).toBe(1_000);
    expect(Math.abs(first - 800)).toBeLessThanOrEqual(50);
    expect(Math.abs(second - 200)).toBeLessThanOrEqual(50);
  }, 120_000);

  it("tries a prompt through the data plane's pipeline and logs the call with its version", async () => {
    const tried = await call('POST', `${base()}/greeter/try`, { version: 2, variables: { name: 'Tim' }, parameters: { max_tokens: 2 } });
    expect(tried.statusCode, tried.body).toBe(200);
    expect(tried.json()).toMatchObject({
      prompt: 'greeter',
      version: 2,
      model: 'mock/mock-chat',
      parameters: { max_tokens: 2 },
      messages: [{ role: 'user', content: 'Hi there Tim!' }],
      target: 'mock/mock-chat',
      attempts: 1,
      response: { object: 'chat.completion', model: 'mock/mock-chat', usage: { completion_tokens: 2 } },
    });
    const record = records.find((candidate) => candidate.requestId === tried.headers['x-request-id']);
    expect(record).toMatchObject({ workspaceId, promptId, promptVersion: 2, status: 200, endpoint: 'chat.completions', completionTokens: 2, apiKeyId: expect.any(String) });

    const developer = await createMember(subject.app, workspaceId, 'developer');
    const byUser = await call('POST', `${base()}/greeter/try`, { label: 'production', variables: { name: 'Tim' } }, developer.headers);
    expect(byUser.statusCode, byUser.body).toBe(200);
    expect(records.find((candidate) => candidate.requestId === byUser.headers['x-request-id'])).toMatchObject({ promptVersion: 1, apiKeyId: null });

    const invalid = await call('POST', `${base()}/greeter/try`, { variables: {} });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().error.code).toBe('PORTICO_ERR_PROMPT_VARIABLES_INVALID');
    const upstreamDown = await call('POST', `${base()}/greeter/try`, { version: 1, variables: { name: '[mock:status=503]' } });
    expect(upstreamDown.statusCode).toBe(503);
    expect(upstreamDown.json().error).toMatchObject({ code: 'PORTICO_ERR_PROMPT_TRY_FAILED' });
    expect(records.find((candidate) => candidate.requestId === upstreamDown.headers['x-request-id'])).toMatchObject({ status: 503, errorClass: 'upstream_error', promptVersion: 1 });
  });

  it("holds a try to the workspace's rate limits, like any call", async () => {
    const rule = await call('POST', `/admin/workspaces/${workspaceId}/rate-limits`, { name: 'large once', requestsPerMinute: 1, match: { model: 'mock/mock-chat-large' } });
    expect(rule.statusCode, rule.body).toBe(201);
    await subject.app.get(UsagePolicySnapshot, { strict: false }).reloadAll();
    const body = { version: 1, model: 'mock/mock-chat-large', variables: { name: 'Tim' } };
    expect((await call('POST', `${base()}/greeter/try`, body)).statusCode).toBe(200);
    const refused = await call('POST', `${base()}/greeter/try`, body);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'PORTICO_ERR_RATE_LIMITED', details: { code: 'rate_limit_exceeded' } });
    expect(records.find((candidate) => candidate.requestId === refused.headers['x-request-id'])).toMatchObject({ status: 429, errorClass: 'rate_limited', promptVersion: 1 });
  });

  it('reports calls, errors, latency percentiles and cost per version from the call logs', async () => {
    await subject.app.get(CallLogWriterHost).writer.flush();
    const mine = records.filter((record) => record.promptId === promptId);
    const expected = (version: number) => mine.filter((record) => record.promptVersion === version);
    const analytics = await call('GET', `${base()}/greeter/analytics`);
    expect(analytics.statusCode, analytics.body).toBe(200);
    const byVersion = new Map(analytics.json().versions.map((row: { version: number }) => [row.version, row]));
    for (const version of [1, 2]) {
      const rows = expected(version);
      expect(byVersion.get(version), `v${version}`).toMatchObject({
        calls: rows.length,
        errors: rows.filter((record) => record.errorClass !== null).length,
        completionTokens: rows.reduce((sum, record) => sum + record.completionTokens, 0),
        p50LatencyMs: expect.any(Number),
        p95LatencyMs: expect.any(Number),
      });
      const row = byVersion.get(version) as { p50LatencyMs: number; p95LatencyMs: number };
      expect(row.p95LatencyMs).toBeGreaterThanOrEqual(row.p50LatencyMs);
    }
    const past = await call('GET', `${base()}/greeter/analytics?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z`);
    expect(past.json().versions).toEqual([]);
    expect((await call('GET', `${base()}/greeter/analytics?from=2020-01-01T00:00:00Z&to=2021-01-01T00:00:00Z`)).statusCode).toBe(400);
  });
});
