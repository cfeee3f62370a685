import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digest } from '../../plugins/provider-mock/reply';
import type { CallRecord } from '../../src/audit/call-records/call-record';
import { CallRecords } from '../../src/audit/call-records/call-records';
import { SubscriptionSnapshot } from '../../src/portal/subscriptions/subscription-snapshot';
import { ApiProductSnapshot } from '../../src/prompt-apis/runtime/api-product-snapshot';
import { repairRequest } from '../../src/prompt-apis/runtime/json-output';
import { PromptSnapshot } from '../../src/prompts/runtime/prompt-snapshot';
import { UsagePolicySnapshot } from '../../src/usage/enforcement/usage-policy-snapshot';
import { createMember, createServiceAccountKey, type TestUser } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

const BOOTSTRAP_KEY = 'e2e-prompt-apis-bootstrap-key-0123456789';
const admin = { authorization: `Bearer ${BOOTSTRAP_KEY}` };

/** The JSON events of a server-sent-events body. */
const sseEvents = (body: string) => body.split('\n\n').filter(Boolean).map((frame) => JSON.parse(frame.replace(/^data: /, '')));

const summariser = {
  messages: [{ role: 'user', content: 'Summarise {{text}} in {{words}} words' }],
  model: 'mock/mock-chat',
  parameters: { max_tokens: 4 },
  inputSchema: { type: 'object', properties: { text: { type: 'string', minLength: 1 }, words: { type: 'integer', minimum: 1 } }, required: ['text', 'words'], additionalProperties: false },
};
const rater = (outputSchema: Record<string, unknown>) => ({
  messages: [{ role: 'user', content: 'Rate {{text}}' }],
  model: 'mock/mock-chat',
  inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
  outputSchema,
});

/** Prompt APIs end to end: lifecycle through the admin API and the approval engine, then `/apis/...` on the mock provider. */
describe('prompt APIs', () => {
  let subject: TestApp;
  let workspaceId: string;
  let author: TestUser;
  let approver: TestUser;
  let caller: { serviceAccountId: string; keyId: string; headers: { authorization: string } };
  const records: CallRecord[] = [];
  const base = () => `/admin/workspaces/${workspaceId}/prompt-apis`;

  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = admin) => {
    const response = await subject.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    if (method !== 'GET' && response.statusCode < 300) {
      await subject.app.get(PromptSnapshot, { strict: false }).reloadAll();
      await subject.app.get(ApiProductSnapshot).reloadAll();
      await subject.app.get(SubscriptionSnapshot, { strict: false }).reloadAll();
      await subject.app.get(UsagePolicySnapshot, { strict: false }).reloadAll();
    }
    return response;
  };
  const invoke = (path: string, payload: unknown, headers: Record<string, string> = caller.headers) => subject.app.inject({ method: 'POST', url: path, headers, payload: payload as Record<string, unknown> });
  /** The caller's app asks for access through the portal's own subscriptions (approval policy on: pending). */
  const requestAccess = async (slug: string, serviceAccountId = caller.serviceAccountId) => {
    const requested = await call('POST', `/admin/workspaces/${workspaceId}/subscriptions`, { apiProduct: slug, subscriber: { type: 'service_account', id: serviceAccountId } });
    expect(requested.statusCode, requested.body).toBe(201);
    return requested.json() as { id: string; state: string; approvalRequestId: string | null };
  };
  const approve = async (approvalRequestId: string) => {
    const approved = await call('POST', `/admin/workspaces/${workspaceId}/approvals/${approvalRequestId}/approve`, {}, approver.headers);
    expect(approved.statusCode, approved.body).toBe(200);
  };
  const recordOf = (requestId: unknown) => records.find((record) => record.requestId === requestId);
  /** Creates a product whose v1 serves `prompt` and publishes it with the approval policy off (the lifecycle test covers approval). */
  const publishedProduct = async (slug: string, prompt: string, output: 'text' | 'json') => {
    const product = await call('POST', base(), { slug, title: slug });
    expect(product.statusCode, product.body).toBe(201);
    expect((await call('POST', `${base()}/${slug}/versions`, { prompt, promptVersion: 1, output })).statusCode).toBe(201);
    expect((await call('PUT', `/admin/workspaces/${workspaceId}/approval-policies/api_publication`, { enabled: false })).statusCode).toBe(200);
    try {
      const submitted = await call('POST', `${base()}/${slug}/versions/1/submit`, {});
      expect(submitted.statusCode, submitted.body).toBe(200);
      expect(submitted.json()).toMatchObject({ outcome: 'published', version: { state: 'published', promptVersion: 1 } });
    } finally {
      await call('PUT', `/admin/workspaces/${workspaceId}/approval-policies/api_publication`, { enabled: true });
    }
    await approve((await requestAccess(slug)).approvalRequestId!);
    return product.json().id as string;
  };

  beforeAll(async () => {
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY });
    const rows: { workspace_id: string }[] = await subject.app.get(DataSource).query(`SELECT workspace_id FROM api_keys LIMIT 1`);
    workspaceId = rows[0]!.workspace_id;
    subject.app.get(CallRecords).subscribe((record) => records.push(record));
    author = await createMember(subject.app, workspaceId, 'admin');
    approver = await createMember(subject.app, workspaceId, 'approver');
    caller = await createServiceAccountKey(subject.app, workspaceId, 'viewer', ['invoke:*']);
    expect((await call('POST', `/admin/workspaces/${workspaceId}/prompts`, { slug: 'summariser', name: 'Summariser', version: summariser })).statusCode).toBe(201);
    expect((await call('POST', `/admin/workspaces/${workspaceId}/prompts/summariser/versions`, { ...summariser, parameters: { max_tokens: 6 } })).statusCode).toBe(201);
    expect((await call('PUT', `/admin/workspaces/${workspaceId}/prompts/summariser/labels/staging`, { version: 2 })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await subject?.close();
  });

  describe('lifecycle', () => {
    let productId: string;

    it('publishes a version through an api_publication approval: in review, not callable, four eyes, then published', async () => {
      const created = await call('POST', base(), { slug: 'summarise', title: 'Summarise a text', description: 'Short summaries', tags: ['text'], visibility: 'public' }, author.headers);
      expect(created.statusCode, created.body).toBe(201);
      productId = created.json().id;
      expect((await call('POST', base(), { slug: 'summarise', title: 'again' })).statusCode).toBe(409);
      const draft = await call('POST', `${base()}/summarise/versions`, { prompt: 'summariser', promptVersion: 1 }, author.headers);
      expect(draft.json()).toMatchObject({ number: 1, state: 'draft', prompt: 'summariser', promptVersion: 1, output: 'text' });

      const submitted = await call('POST', `${base()}/summarise/versions/1/submit`, { reason: 'first release' }, author.headers);
      expect(submitted.statusCode, submitted.body).toBe(202);
      expect(submitted.json()).toMatchObject({ outcome: 'pending_approval', version: { state: 'in_review' }, approvalRequest: { kind: 'api_publication', state: 'pending' } });
      const requestId = submitted.json().approvalRequest.id;
      expect((await call('POST', `${base()}/summarise/versions/1/submit`, {}, author.headers)).json().error.code).toBe('PORTICO_ERR_API_VERSION_INVALID_TRANSITION');
      expect((await invoke('/apis/summarise/v1', { text: 'x', words: 3 })).json().error.code).toBe('api_not_found');

      const own = await call('POST', `/admin/workspaces/${workspaceId}/approvals/${requestId}/approve`, {}, author.headers);
      expect(own.json().error.code).toBe('PORTICO_ERR_APPROVAL_SELF_APPROVAL');
      const approved = await call('POST', `/admin/workspaces/${workspaceId}/approvals/${requestId}/approve`, { comment: 'ok' }, approver.headers);
      expect(approved.statusCode, approved.body).toBe(200);
      const version = (await call('GET', `${base()}/summarise/versions/1`)).json();
      expect(version).toMatchObject({ state: 'published', approvalRequestId: requestId });
      expect(version.publishedAt).not.toBeNull();
      const audit: unknown[] = await subject.app.get(DataSource).query(`SELECT 1 FROM audit_entries WHERE action = 'api_version.publish' AND after ->> 'approvalRequestId' = $1`, [requestId]);
      expect(audit).toHaveLength(1);
      await approve((await requestAccess('summarise')).approvalRequestId!);
      expect(subject.app.get(ApiProductSnapshot).bySlug(workspaceId, 'summarise')).toMatchObject({ id: productId, visibility: 'public', tags: ['text'], currentVersion: 1, versions: [{ number: 1, state: 'published', promptSlug: 'summariser', inputSchema: summariser.inputSchema }] });
    });

    it('resolves a label to the version it points at when submitted; a rejected request sends the version back to draft', async () => {
      const draft = await call('POST', `${base()}/summarise/versions`, { prompt: 'summariser', promptLabel: 'staging' }, author.headers);
      expect(draft.json()).toMatchObject({ number: 2, promptVersion: null, promptLabel: 'staging' });
      const submitted = await call('POST', `${base()}/summarise/versions/2/submit`, {}, author.headers);
      expect(submitted.json()).toMatchObject({ version: { state: 'in_review', promptVersion: 2, promptLabel: 'staging' } });
      const rejected = await call('POST', `/admin/workspaces/${workspaceId}/approvals/${submitted.json().approvalRequest.id}/reject`, { comment: 'not yet' }, approver.headers);
      expect(rejected.statusCode, rejected.body).toBe(200);
      expect((await call('GET', `${base()}/summarise/versions/2`)).json()).toMatchObject({ state: 'draft', promptVersion: null, approvalRequestId: null });
      const again = await call('POST', `${base()}/summarise/versions/2/submit`, {}, author.headers);
      await call('POST', `/admin/workspaces/${workspaceId}/approvals/${again.json().approvalRequest.id}/approve`, {}, approver.headers);
      expect((await call('GET', `${base()}/summarise`)).json().versions.map((entry: { state: string }) => entry.state)).toEqual(['published', 'published']);
    });

    it('refuses illegal moves with a coded 409 and bad lifecycle input with 422', async () => {
      const retirePublished = await call('POST', `${base()}/summarise/versions/2/retire`, { successor: 1 });
      expect(retirePublished.statusCode).toBe(409);
      expect(retirePublished.json().error).toMatchObject({ code: 'PORTICO_ERR_API_VERSION_INVALID_TRANSITION', details: { from: 'published', to: 'retired' } });
      expect((await call('POST', `${base()}/summarise/versions/1/deprecate`, { sunset: '2001-01-01T00:00:00Z' })).statusCode).toBe(422);
      expect((await call('POST', `${base()}/summarise/versions/9/deprecate`, { sunset: '2099-01-01T00:00:00Z' })).statusCode).toBe(404);
      expect((await call('POST', `${base()}/summarise/versions`, { prompt: 'summariser', promptVersion: 7 })).json().error.code).toBe('PORTICO_ERR_API_VERSION_SOURCE_INVALID');
      expect((await call('DELETE', `${base()}/summarise`)).statusCode).toBe(409);
    });

    it('answers a deprecated version with Deprecation and Sunset headers, and a retired one with 410 naming its successor', async () => {
      const deprecated = await call('POST', `${base()}/summarise/versions/1/deprecate`, { sunset: '2099-01-31T00:00:00Z' });
      expect(deprecated.statusCode, deprecated.body).toBe(200);
      const deprecatedAt = new Date(deprecated.json().deprecatedAt);
      const old = await invoke('/apis/summarise/v1', { text: 'a long story', words: 3 });
      expect(old.statusCode, old.body).toBe(200);
      expect(old.headers.deprecation).toBe(`@${Math.floor(deprecatedAt.getTime() / 1000)}`);
      expect(old.headers.sunset).toBe('Sat, 31 Jan 2099 00:00:00 GMT');
      expect(old.headers.link).toBe('</apis/summarise/v2>; rel="successor-version"');
      const current = await invoke('/apis/summarise', { text: 'a long story', words: 3 });
      expect(current.json()).toMatchObject({ version: 2, prompt: { slug: 'summariser', version: 2 } });
      expect(current.headers.deprecation).toBeUndefined();

      expect((await call('POST', `${base()}/summarise/versions/1/retire`, { successor: 1 })).statusCode).toBe(422);
      const retired = await call('POST', `${base()}/summarise/versions/1/retire`, { successor: 2 });
      expect(retired.json()).toMatchObject({ state: 'retired', successorVersion: 2 });
      const gone = await invoke('/apis/summarise/v1', { text: 'a long story', words: 3 });
      expect(gone.statusCode).toBe(410);
      expect(gone.json().error).toMatchObject({ code: 'api_version_retired', successor: 'v2' });
      expect(gone.headers.link).toBe('</apis/summarise/v2>; rel="successor-version"');
      expect(recordOf(gone.headers['x-request-id'])).toMatchObject({ endpoint: 'prompt_api', promptApiId: productId, promptVersion: 1, status: 410 });
    });
  });

  describe('runtime', () => {
    let productId: string;
    let promptId: string;

    beforeAll(async () => {
      promptId = (await call('GET', `/admin/workspaces/${workspaceId}/prompts/summariser`)).json().id;
    });

    it('needs an approved subscription: none → 403 subscription_required, pending → 403 subscription_pending, approved → 200', async () => {
      const product = await call('POST', base(), { slug: 'brief', title: 'Brief' });
      productId = product.json().id;
      await call('POST', `${base()}/brief/versions`, { prompt: 'summariser', promptVersion: 1 });
      await approve((await call('POST', `${base()}/brief/versions/1/submit`, {}, author.headers)).json().approvalRequest.id);
      const none = await invoke('/apis/brief', { text: 'x', words: 2 });
      expect(none.statusCode).toBe(403);
      expect(none.json().error.code).toBe('subscription_required');
      const requested = await requestAccess('brief');
      expect(requested.state).toBe('pending');
      const pending = await invoke('/apis/brief', { text: 'x', words: 2 });
      expect(pending.statusCode).toBe(403);
      expect(pending.json().error).toMatchObject({ code: 'subscription_pending', subscriptionId: requested.id });
      await approve(requested.approvalRequestId!);
      const active = await invoke('/apis/brief', { text: 'x', words: 2 });
      expect(active.statusCode, active.body).toBe(200);
      expect(recordOf(pending.headers['x-request-id'])).toMatchObject({ endpoint: 'prompt_api', promptApiId: productId, status: 403, errorClass: 'permission', errorCode: 'subscription_pending' });
    });

    it('answers output, usage, request id and version, and records the API, prompt and version with tokens', async () => {
      const answer = await invoke('/apis/brief/v1', { text: 'the quick brown fox', words: 3 });
      expect(answer.statusCode, answer.body).toBe(200);
      const body = answer.json();
      // The mock counts one token per message plus its words ("Summarise the quick brown fox in 3 words": 8); max_tokens 4.
      expect(body).toMatchObject({ usage: { promptTokens: 9, completionTokens: 4, totalTokens: 13 }, requestId: answer.headers['x-request-id'], version: 1, prompt: { slug: 'summariser', version: 1 } });
      expect(body.output).toMatch(/^mock [0-9a-f]{8} \w+ \w+$/);
      expect(answer.headers['x-portico-api-version']).toBe('v1');
      expect(recordOf(answer.headers['x-request-id'])).toMatchObject({ endpoint: 'prompt_api', promptApiId: productId, promptId, promptVersion: 1, status: 200, requestedModel: 'mock/mock-chat', promptTokens: 9, completionTokens: 4, errorClass: null });
      expect((await invoke('/apis/nope', { text: 'x' })).json().error.code).toBe('api_not_found');
      expect((await invoke('/apis/brief/v2', { text: 'x', words: 1 })).json().error.code).toBe('api_version_not_found');
    });

    it('refuses a body that does not match the input schema with 422 listing every problem', async () => {
      const refused = await invoke('/apis/brief', { words: 'three', extra: true });
      expect(refused.statusCode).toBe(422);
      const error = refused.json().error;
      expect(error.code).toBe('input_invalid');
      expect(error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['extra', 'text', 'words']);
      expect((await invoke('/apis/brief', [1, 2])).statusCode).toBe(422);
      expect(recordOf(refused.headers['x-request-id'])).toMatchObject({ promptApiId: productId, errorClass: 'invalid_request', errorCode: 'input_invalid' });
    });

    it('streams a text API as delta events and one done event', async () => {
      const streamed = await invoke('/apis/brief', { text: 'the quick brown fox', words: 3, stream: true });
      expect(streamed.statusCode).toBe(200);
      expect(streamed.headers['content-type']).toContain('text/event-stream');
      const events = streamed.body.split('\n\n').filter(Boolean).map((frame) => JSON.parse(frame.replace(/^data: /, '')));
      const deltas = events.filter((event) => event.type === 'delta').map((event) => event.text).join('');
      const done = events.at(-1);
      expect(done).toMatchObject({ type: 'done', version: 1, usage: { completionTokens: 4 } });
      expect(done.output).toBe(deltas);
      const buffered = await invoke('/apis/brief', { text: 'the quick brown fox', words: 3 });
      expect(done.output).toBe(buffered.json().output);
      expect(recordOf(streamed.headers['x-request-id'])).toMatchObject({ stream: true, status: 200, promptApiId: productId, completionTokens: 4 });
    });

    it("holds calls to the key's rate limits like /v1 (429 with retry-after, logged against the API)", async () => {
      const limited = await createServiceAccountKey(subject.app, workspaceId, 'viewer', ['invoke:*']);
      await approve((await requestAccess('brief', limited.serviceAccountId)).approvalRequestId!);
      expect((await call('POST', `/admin/workspaces/${workspaceId}/rate-limits`, { name: 'one per minute', requestsPerMinute: 1, match: { apiKeyId: limited.keyId } })).statusCode).toBe(201);
      const first = await invoke('/apis/brief', { text: 'x', words: 1 }, limited.headers);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.headers['x-ratelimit-limit-requests']).toBe('1');
      const second = await invoke('/apis/brief', { text: 'x', words: 1 }, limited.headers);
      expect(second.statusCode).toBe(429);
      expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
      expect(recordOf(second.headers['x-request-id'])).toMatchObject({ apiKeyId: limited.keyId, promptApiId: productId, errorClass: 'rate_limited', status: 429 });
    });

    it('without an API key: 401 and a call record', async () => {
      const refused = await invoke('/apis/brief', { text: 'x', words: 1 }, {});
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['www-authenticate']).toBe('Bearer realm="portico"');
      expect(recordOf(refused.headers['x-request-id'])).toMatchObject({ endpoint: 'prompt_api', workspaceId: null, errorClass: 'authentication', status: 401 });
    });
  });

  describe('JSON output', () => {
    it('asks for structured output and answers the parsed JSON', async () => {
      expect((await call('POST', `/admin/workspaces/${workspaceId}/prompts`, { slug: 'rater-ok', name: 'Rater', version: rater({ type: 'object', properties: { reply: { type: 'string' } }, required: ['reply'], additionalProperties: false }) })).statusCode).toBe(201);
      await publishedProduct('rate-ok', 'rater-ok', 'json');
      const answer = await invoke('/apis/rate-ok', { text: 'this' });
      expect(answer.statusCode, answer.body).toBe(200);
      expect(answer.json().output).toEqual({ reply: expect.stringMatching(/^mock [0-9a-f]{8}/) });
      expect(answer.headers['x-portico-attempts']).toBe('1');
      // Streamed: the raw text as deltas, then the parsed and validated output once the stream ended.
      const streamed = await invoke('/apis/rate-ok', { text: 'this', stream: true });
      expect(streamed.statusCode).toBe(200);
      expect(streamed.headers['content-type']).toContain('text/event-stream');
      const events = sseEvents(streamed.body);
      expect(JSON.parse(events.filter((event) => event.type === 'delta').map((event) => event.text).join(''))).toEqual(answer.json().output);
      expect(events.at(-1)).toMatchObject({ type: 'done', output: answer.json().output, attempts: 1, version: 1 });
      expect(recordOf(streamed.headers['x-request-id'])).toMatchObject({ stream: true, status: 200 });
    });

    it('repairs an answer that breaks the output schema once', async () => {
      // The mock's reply starts with the hash of the last user message: the repair message is fixed, so
      // the pattern is chosen to accept the repaired answer and the input to make the first answer fail.
      const classOf = (text: string) => (/^[0-9]/.test(digest(`${text}\u00000`)) ? '0-9' : 'a-f');
      const patternFor = (range: string) => `^mock [${range}]`;
      const repairText = (range: string) => repairRequest({ model: 'm', messages: [] }, '', [{ path: 'reply', message: `must match pattern "${patternFor(range)}"` }]).messages.at(-1)!.content as string;
      const range = ['0-9', 'a-f'].find((candidate) => classOf(repairText(candidate)) === candidate)!;
      const text = Array.from({ length: 50 }, (_, index) => `input ${index}`).find((candidate) => classOf(`Rate ${candidate}`) !== range)!;
      expect(range && text).toBeTruthy();
      const schema = { type: 'object', properties: { reply: { type: 'string', pattern: patternFor(range) } }, required: ['reply'] };
      expect((await call('POST', `/admin/workspaces/${workspaceId}/prompts`, { slug: 'rater-repair', name: 'Rater', version: rater(schema) })).statusCode).toBe(201);
      const productId = await publishedProduct('rate-repair', 'rater-repair', 'json');
      const answer = await invoke('/apis/rate-repair', { text });
      expect(answer.statusCode, answer.body).toBe(200);
      expect(answer.json().output.reply).toMatch(new RegExp(patternFor(range)));
      expect(answer.headers['x-portico-attempts']).toBe('2');
      const record = recordOf(answer.headers['x-request-id'])!;
      expect(record).toMatchObject({ promptApiId: productId, status: 200 });
      expect(record.promptTokens).toBe(answer.json().usage.promptTokens);
      expect(answer.json().usage.promptTokens).toBeGreaterThan(3); // both calls: "Rate input n" (4) and the longer repair conversation
      const streamed = sseEvents((await invoke('/apis/rate-repair', { text, stream: true })).body);
      expect(streamed.at(-1)).toMatchObject({ type: 'done', output: answer.json().output, attempts: 2, usage: answer.json().usage });
    });

    it('answers 502 with the validation errors when the repaired answer is still invalid', async () => {
      const schema = { type: 'object', properties: { score: { type: 'integer' } }, required: ['score'], additionalProperties: false };
      expect((await call('POST', `/admin/workspaces/${workspaceId}/prompts`, { slug: 'rater-bad', name: 'Rater', version: rater(schema) })).statusCode).toBe(201);
      const productId = await publishedProduct('rate-bad', 'rater-bad', 'json');
      const failed = await invoke('/apis/rate-bad', { text: 'that' });
      expect(failed.statusCode).toBe(502);
      const error = failed.json().error;
      expect(error.code).toBe('output_invalid');
      expect(error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['reply', 'score']);
      expect(recordOf(failed.headers['x-request-id'])).toMatchObject({ promptApiId: productId, status: 502, errorClass: 'upstream_error', errorCode: 'output_invalid' });
      const streamed = await invoke('/apis/rate-bad', { text: 'that', stream: true });
      const last = sseEvents(streamed.body).at(-1);
      expect(last).toMatchObject({ type: 'error', error: { code: 'output_invalid', type: 'server_error' } });
      expect(last.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['reply', 'score']);
      expect(recordOf(streamed.headers['x-request-id'])).toMatchObject({ stream: true, errorCode: 'output_invalid' });
    });
  });

  describe('draft versions and the prompts behind them', () => {
    it('changes a draft with PATCH and deletes one with DELETE, both audited; a version past draft answers 409', async () => {
      expect((await call('POST', base(), { slug: 'drafts', title: 'Drafts' })).statusCode).toBe(201);
      expect((await call('POST', `${base()}/drafts/versions`, { prompt: 'summariser', promptVersion: 1 }, author.headers)).statusCode).toBe(201);
      const patched = await call('PATCH', `${base()}/drafts/versions/1`, { promptLabel: 'staging', output: 'json' }, author.headers);
      expect(patched.statusCode, patched.body).toBe(200);
      expect(patched.json()).toMatchObject({ number: 1, state: 'draft', prompt: 'summariser', promptVersion: null, promptLabel: 'staging', output: 'json' });
      expect((await call('PATCH', `${base()}/drafts/versions/1`, { promptVersion: 2 }, author.headers)).json()).toMatchObject({ promptVersion: 2, promptLabel: null, output: 'json' });
      expect((await call('PATCH', `${base()}/drafts/versions/1`, { promptVersion: 9 }, author.headers)).json().error.code).toBe('PORTICO_ERR_API_VERSION_SOURCE_INVALID');
      expect((await call('PATCH', `${base()}/drafts/versions/1`, { promptVersion: 1, promptLabel: 'staging' }, author.headers)).statusCode).toBe(400);
      expect((await call('PATCH', `${base()}/drafts/versions/1`, {}, author.headers)).statusCode).toBe(400);
      expect((await call('PATCH', `${base()}/drafts/versions/7`, { output: 'text' }, author.headers)).statusCode).toBe(404);

      expect((await call('POST', `${base()}/drafts/versions`, { prompt: 'summariser', promptVersion: 1 }, author.headers)).statusCode).toBe(201);
      const submitted = await call('POST', `${base()}/drafts/versions/2/submit`, {}, author.headers);
      expect(submitted.json().version.state).toBe('in_review');
      for (const [method, payload] of [['PATCH', { output: 'text' }], ['DELETE', undefined]] as const) {
        const refused = await call(method, `${base()}/drafts/versions/2`, payload, author.headers);
        expect(refused.statusCode, `${method}: ${refused.body}`).toBe(409);
        expect(refused.json().error.code).toBe('PORTICO_ERR_API_VERSION_NOT_DRAFT');
      }

      expect((await call('DELETE', `${base()}/drafts/versions/1`, undefined, author.headers)).statusCode).toBe(204);
      expect((await call('GET', `${base()}/drafts/versions/1`)).statusCode).toBe(404);
      expect((await call('POST', `${base()}/drafts/versions`, { prompt: 'summariser', promptVersion: 1 }, author.headers)).json().number).toBe(3);
      const actions: { action: string }[] = await subject.app.get(DataSource).query(
        `SELECT action FROM audit_entries WHERE resource_type = 'api_product_version' AND action IN ('api_version.update', 'api_version.delete') AND workspace_id = $1 ORDER BY seq`,
        [workspaceId],
      );
      expect(actions.map((row) => row.action)).toEqual(['api_version.update', 'api_version.update', 'api_version.delete']);
      const document = (await subject.app.inject({ method: 'GET', url: '/docs-json' })).json();
      const path = document.paths['/admin/workspaces/{workspaceId}/prompt-apis/{slug}/versions/{n}'];
      expect(path.patch.summary).toBeTruthy();
      expect(path.delete.summary).toBeTruthy();
      expect(Object.keys(path.patch.responses)).toEqual(expect.arrayContaining(['200', '409']));
    });

    it('refuses to delete a prompt that serves an API version with 409 PORTICO_ERR_PROMPT_IN_USE, then deletes it once nothing refers to it', async () => {
      expect((await call('POST', `/admin/workspaces/${workspaceId}/prompts`, { slug: 'short-lived', name: 'Short lived', version: summariser })).statusCode).toBe(201);
      expect((await call('POST', base(), { slug: 'short-lived-api', title: 'Short lived' })).statusCode).toBe(201);
      expect((await call('POST', `${base()}/short-lived-api/versions`, { prompt: 'short-lived', promptVersion: 1 })).statusCode).toBe(201);
      const refused = await call('DELETE', `/admin/workspaces/${workspaceId}/prompts/short-lived`);
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'PORTICO_ERR_PROMPT_IN_USE', details: { apiVersions: [{ apiProduct: 'short-lived-api', version: 1, state: 'draft' }] } });
      expect((await call('GET', `/admin/workspaces/${workspaceId}/prompts/short-lived`)).statusCode).toBe(200);
      expect((await call('DELETE', `${base()}/short-lived-api/versions/1`)).statusCode).toBe(204);
      expect((await call('DELETE', `/admin/workspaces/${workspaceId}/prompts/short-lived`)).statusCode).toBe(204);
    });
  });
});
