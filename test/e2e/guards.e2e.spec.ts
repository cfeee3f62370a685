import OpenAI from 'openai';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/audit/call-records/call-record';
import { CallRecords } from '../../src/audit/call-records/call-records';
import { GuardBindingSnapshot } from '../../src/guards/guard-binding-snapshot';
import { GuardBlockAuditor } from '../../src/guards/guard-block-auditor';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fakes/openai-upstream';
import { findFreePort } from '../support/ports';
import { startTestApp, type TestApp } from '../support/test-app';

const BOOTSTRAP_KEY = 'e2e-guards-bootstrap-key-0123456789abcdef';
const admin = { authorization: `Bearer ${BOOTSTRAP_KEY}` };
const EMAIL = 'jane.doe@example.com';
const PHONE = '+44 20 7946 0958';

/** Guards bound as data, run by the /v1 pipeline: PII tokenised for the provider and rehydrated for the caller, fail modes. */
describe('guards on /v1', () => {
  let subject: TestApp;
  let upstream: FakeOpenAI;
  let openai: OpenAI;
  let workspaceId: string;
  const records: CallRecord[] = [];
  const bindings: string[] = [];

  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const response = await subject.app.inject({ method, url, headers: admin, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    if (method !== 'GET' && response.statusCode < 300) await subject.app.get(GuardBindingSnapshot, { strict: false }).reloadAll();
    return response;
  };
  const bind = async (pluginId: string, extra: Record<string, unknown> = {}) => {
    const response = await call('POST', `/admin/workspaces/${workspaceId}/guard-bindings`, { pluginId, scope: 'workspace', ...extra });
    expect(response.statusCode, response.body).toBe(201);
    bindings.push(response.json().id);
    return response.json();
  };
  const unbindAll = async () => {
    for (const id of bindings.splice(0)) await call('DELETE', `/admin/workspaces/${workspaceId}/guard-bindings/${id}`);
  };
  /** The fake answers with exactly what it was sent as the last user message: the caller must get the originals back. */
  const echo = () => upstream.setScript((request) => ({ kind: 'ok', reply: lastUserText(request.body) }));

  beforeAll(async () => {
    upstream = await startFakeOpenAI({ chunkDelayMs: 1 });
    const plugins = 'provider-mock,provider-openai,guard-pii-redaction,./test/support/fixtures/guard-faulty';
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY, PORTICO_PLUGINS: plugins });
    const port = await findFreePort();
    await subject.app.listen({ port, host: '127.0.0.1' });
    openai = new OpenAI({ apiKey: BOOTSTRAP_KEY, baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
    const rows: { workspace_id: string }[] = await subject.app.get(DataSource).query(`SELECT workspace_id FROM api_keys LIMIT 1`);
    workspaceId = rows[0]!.workspace_id;
    const account = await call('POST', `/admin/workspaces/${workspaceId}/provider-accounts`, { name: 'fake', pluginId: 'provider-openai', baseUrl: upstream.baseUrl, credential: 'sk-fake' });
    expect(account.statusCode, account.body).toBe(201);
    subject.app.get(CallRecords).subscribe((record) => records.push(record));
  });
  afterAll(async () => {
    await subject?.close();
    await upstream?.close();
  });

  it('lists loaded guards and refuses bindings its schema refuses, unknown guards and duplicates', async () => {
    const guards = await call('GET', '/admin/guards');
    expect(guards.json().map((guard: { id: string }) => guard.id)).toEqual(['guard-pii-redaction', 'guard-faulty']);
    expect((await call('POST', `/admin/workspaces/${workspaceId}/guard-bindings`, { pluginId: 'guard-nope', scope: 'workspace' })).statusCode).toBe(422);
    expect((await call('POST', `/admin/workspaces/${workspaceId}/guard-bindings`, { pluginId: 'guard-faulty', scope: 'workspace', config: { mode: 'explode' } })).statusCode).toBe(422);
    expect((await call('POST', `/admin/workspaces/${workspaceId}/guard-bindings`, { pluginId: 'guard-faulty', scope: 'route', scopeRef: 'no-such-route' })).statusCode).toBe(422);
    await bind('guard-faulty', { config: { mode: 'pass' } });
    expect((await call('POST', `/admin/workspaces/${workspaceId}/guard-bindings`, { pluginId: 'guard-faulty', scope: 'workspace' })).statusCode).toBe(409);
    await unbindAll();
  });

  it('tokenises PII for the provider and gives the caller the original values back, byte for byte (buffered)', async () => {
    await bind('guard-pii-redaction');
    const stored = await subject.app.inject({ method: 'PUT', url: `/admin/workspaces/${workspaceId}/call-log-settings`, headers: admin, payload: { storeBodies: true } });
    expect(stored.statusCode, stored.body).toBe(200);
    for (let waited = 0; !subject.app.get(CallRecords).capturesBodies(workspaceId) && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    echo();
    const prompt = `Write to ${EMAIL} or call ${PHONE} today.`;
    const completion = await openai.chat.completions.create({ model: 'fake/gpt-4o-mini', messages: [{ role: 'user', content: prompt }] });
    const sent = upstream.requests.at(-1)!.rawBody;
    expect(sent).not.toContain(EMAIL);
    expect(sent).not.toContain('7946');
    expect(sent).toContain('<EMAIL_1>');
    expect(completion.choices[0]!.message.content).toBe(prompt);
    const record = records.at(-1)!;
    expect(record.requestBody, 'bodies are captured in this workspace').toBeDefined();
    expect(JSON.stringify(record.requestBody)).toContain('<EMAIL_1>');
    expect(JSON.stringify(record.responseBody)).toContain('<EMAIL_1>');
    expect(record.guardVerdicts).toEqual([expect.objectContaining({ guardId: 'guard-pii-redaction', action: 'modify', counts: expect.objectContaining({ 'request.EMAIL': 1 }) })]);
    expect(JSON.stringify(record)).not.toContain(EMAIL);
    await unbindAll();
  });

  it('never serves one caller\'s rehydrated answer to another whose prompt redacts to the same placeholders (cached route)', async () => {
    const accountId = (await call('GET', `/admin/workspaces/${workspaceId}/provider-accounts`)).json().find((account: { name: string }) => account.name === 'fake').id;
    const route = await call('POST', `/admin/workspaces/${workspaceId}/routes`, { alias: 'cached-chat', targets: [{ providerAccountId: accountId, model: 'gpt-4o-mini' }], cacheTtlSeconds: 60 });
    expect(route.statusCode, route.body).toBe(201);
    await bind('guard-pii-redaction');
    echo();
    const ask = async (content: string) => (await openai.chat.completions.create({ model: 'cached-chat', messages: [{ role: 'user', content }] })).choices[0]!.message.content;
    expect(await ask('Write to anna@example.com')).toBe('Write to anna@example.com');
    expect(await ask('Write to boris@example.org')).toBe('Write to boris@example.org');
    expect(await ask('Write to anna@example.com')).toBe('Write to anna@example.com');
    await unbindAll();
  });

  it('rehydrates a stream even when a token is split across two chunks', async () => {
    await bind('guard-pii-redaction');
    upstream.setScript([{ kind: 'ok', pieces: ['Reply to <EMA', 'IL_1> and ', '<PHONE_1> now.'] }]);
    const stream = await openai.chat.completions.create({
      model: 'fake/gpt-4o-mini',
      messages: [{ role: 'user', content: `Contacts: ${EMAIL}, ${PHONE}` }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(upstream.requests.at(-1)!.rawBody).not.toContain(EMAIL);
    expect(text).toBe(`Reply to ${EMAIL} and ${PHONE} now.`);
    await unbindAll();
  });

  it('redacts a value the model emits split across two stream chunks', async () => {
    await bind('guard-pii-redaction', { config: { response: { detect: true, action: 'replace' } } });
    upstream.setScript([{ kind: 'ok', pieces: ['Her address is mary.s', 'mith@example.org, ', 'done.'] }]);
    const stream = await openai.chat.completions.create({ model: 'fake/gpt-4o-mini', messages: [{ role: 'user', content: 'Who?' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).not.toContain('mary.smith');
    expect(text).not.toContain('example.org');
    expect(text).toContain('<EMAIL>');
    await unbindAll();
  });

  it('follows fail-closed and fail-open when a guard throws, answers garbage or runs over its budget, and keeps serving', async () => {
    const ask = () => openai.chat.completions.create({ model: 'mock/mock-chat', messages: [{ role: 'user', content: 'hi' }] });
    for (const mode of ['throw', 'garbage', 'hang'] as const) {
      await bind('guard-faulty', { config: { mode }, failMode: 'closed', timeoutMs: 100 });
      const refused = await ask().catch((error: unknown) => error);
      expect(refused, mode).toMatchObject({ status: 503 });
      expect(records.at(-1)).toMatchObject({ errorClass: 'guard_blocked', guardVerdicts: [expect.objectContaining({ guardId: 'guard-faulty', action: 'block' })] });
      await unbindAll();
      await bind('guard-faulty', { config: { mode }, failMode: 'open', timeoutMs: 100 });
      expect((await ask()).choices[0]!.message.content, mode).toMatch(/^mock /);
      await unbindAll();
    }
    expect((await ask()).object).toBe('chat.completion');
  });

  it('blocks in the endpoint\'s own envelope when a binding says block', async () => {
    await bind('guard-pii-redaction', { config: { entities: { email: 'block' } } });
    const refused = await openai.chat.completions.create({ model: 'mock/mock-chat', messages: [{ role: 'user', content: `mail ${EMAIL}` }] }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.APIError);
    const error = refused as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(422);
    expect(error.message).not.toContain(EMAIL);
    await subject.app.get(GuardBlockAuditor, { strict: false }).flush();
    const audited: { action: string; resource_id: string; after: Record<string, unknown> }[] = await subject.app
      .get(DataSource)
      .query(`SELECT action, resource_id, after FROM audit_entries WHERE action = 'guard.block' AND workspace_id = $1`, [workspaceId]);
    const entry = audited.find((row) => row.after.requestId === records.at(-1)!.requestId);
    expect(entry).toMatchObject({ resource_id: 'guard-pii-redaction', after: { endpoint: 'chat.completions', status: 422 } });
    expect(JSON.stringify(audited)).not.toContain(EMAIL);
    await unbindAll();
  });
});

function lastUserText(body: unknown): string {
  const messages = (body as { messages?: { role: string; content: unknown }[] }).messages ?? [];
  const last = [...messages].reverse().find((message) => message.role === 'user');
  return typeof last?.content === 'string' ? last.content : '';
}
