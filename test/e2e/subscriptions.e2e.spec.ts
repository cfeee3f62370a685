import SwaggerParser from '@apidevtools/swagger-parser';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyRecord } from '../../src/auth/api-keys/api-key-registry';
import { ErrorCode } from '../../src/common/errors';
import { SUBSCRIPTION_CHECK, type SubscriptionCheck } from '../../src/portal/subscription-check.contract';
import { createMember, createServiceAccountKey, createWorkspace, type TestUser } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

const BOOTSTRAP_KEY = 'e2e-subscriptions-bootstrap-key-0123456789';
const admin = { authorization: `Bearer ${BOOTSTRAP_KEY}` };

type Method = 'GET' | 'POST' | 'PUT';
const request = (app: NestFastifyApplication, method: Method, url: string, headers: Record<string, string>, payload?: unknown) =>
  app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

/** Publishes a public prompt API through the prompt APIs admin API (publication needs no approval in these workspaces). */
async function publishApi(app: NestFastifyApplication, workspaceId: string, headers: Record<string, string>, slug: string, extra: Record<string, unknown> = {}): Promise<string> {
  const expectStatus = async (response: ReturnType<typeof request>, status: number) => {
    const answer = await response;
    expect(answer.statusCode, answer.body).toBe(status);
    return answer;
  };
  const ws = `/admin/workspaces/${workspaceId}`;
  await expectStatus(request(app, 'PUT', `${ws}/approval-policies/api_publication`, headers, { enabled: false }), 200);
  await expectStatus(
    request(app, 'POST', `${ws}/prompts`, headers, {
      slug: `${slug}-prompt`,
      name: `Prompt of ${slug}`,
      version: {
        messages: [{ role: 'user', content: 'Summarise for {{audience}}: {{text}}' }],
        model: 'mock/mock-chat',
        parameters: { max_tokens: 8 },
        inputSchema: {
          type: 'object',
          properties: { text: { type: 'string', minLength: 1, description: 'The text to summarise' }, audience: { type: 'string', enum: ['children', 'experts'] } },
          required: ['text', 'audience'],
          additionalProperties: false,
        },
      },
    }),
    201,
  );
  const product = await expectStatus(
    request(app, 'POST', `${ws}/prompt-apis`, headers, { slug, title: `Summarise (${slug})`, description: 'Short summaries of long texts.', tags: ['text', 'summaries'], visibility: 'public', ...extra }),
    201,
  );
  await expectStatus(request(app, 'POST', `${ws}/prompt-apis/${slug}/versions`, headers, { prompt: `${slug}-prompt`, promptVersion: 1, output: 'text' }), 201);
  const submitted = await request(app, 'POST', `${ws}/prompt-apis/${slug}/versions/1/submit`, headers, {});
  expect(submitted.statusCode, submitted.body).toBeLessThan(300);
  return (product.json() as { id: string }).id;
}

async function waitFor(check: () => boolean | Promise<boolean>, budgetMs: number, stepMs = 5): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > budgetMs) throw new Error(`condition not met within ${budgetMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return performance.now() - started;
}

/** The subscriptions admin API end to end: request, approval by a second person through the generic approvals API, the in-memory check, revocation. */
describe('subscriptions', () => {
  let subject: TestApp;
  let workspaceId: string;
  let apiProductId: string;
  let approver: TestUser;
  let developer: TestUser;
  let app: { serviceAccountId: string; headers: { authorization: string } };
  let check: SubscriptionCheck;
  const base = () => `/admin/workspaces/${workspaceId}/subscriptions`;
  const appKey = (): ApiKeyRecord => ({ id: 'k', workspaceId, publicId: 'p', name: 'k', ownerType: 'service_account', ownerId: app.serviceAccountId, scopes: ['invoke:*'], expiresAt: null });

  beforeAll(async () => {
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY });
    workspaceId = (await subject.app.get(DataSource).query(`SELECT workspace_id FROM api_keys LIMIT 1`))[0].workspace_id;
    apiProductId = await publishApi(subject.app, workspaceId, admin, 'summarise');
    approver = await createMember(subject.app, workspaceId, 'approver');
    developer = await createMember(subject.app, workspaceId, 'developer');
    app = await createServiceAccountKey(subject.app, workspaceId, 'developer');
    check = subject.app.get<SubscriptionCheck>(SUBSCRIPTION_CHECK);
  });
  afterAll(async () => {
    await subject?.close();
  });

  it('an app requests access, a second person approves it through /approvals, and its keys are covered at once', async () => {
    await waitFor(async () => (await request(subject.app, 'GET', '/portal/openapi.json', {})).body.includes('/apis/summarise'), 2000);
    const requested = await request(subject.app, 'POST', base(), app.headers, { apiProduct: 'summarise', plan: { name: 'starter', requestsPerMinute: 30 }, reason: 'help desk' });
    expect(requested.statusCode, requested.body).toBe(201);
    const subscription = requested.json() as { id: string; state: string; approvalRequestId: string; subscriber: unknown };
    expect(subscription).toMatchObject({ state: 'pending', subscriber: { type: 'service_account', id: app.serviceAccountId }, apiProduct: { id: apiProductId, slug: 'summarise' } });
    await waitFor(() => check.statusFor(appKey(), apiProductId).state === 'pending', 1000);

    const again = await request(subject.app, 'POST', base(), app.headers, { apiProduct: 'summarise' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe(ErrorCode.SUBSCRIPTION_EXISTS);

    const approval = await request(subject.app, 'GET', `/admin/workspaces/${workspaceId}/approvals/${subscription.approvalRequestId}`, approver.headers);
    expect(approval.json()).toMatchObject({ kind: 'subscription', state: 'pending', subjectKey: `subscription:${subscription.id}` });
    expect((await request(subject.app, 'POST', `/admin/workspaces/${workspaceId}/approvals/${subscription.approvalRequestId}/approve`, developer.headers, {})).statusCode).toBe(403);
    const approved = await request(subject.app, 'POST', `/admin/workspaces/${workspaceId}/approvals/${subscription.approvalRequestId}/approve`, approver.headers, { comment: 'ok' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().state).toBe('approved');

    const active = await request(subject.app, 'GET', `${base()}/${subscription.id}`, developer.headers);
    expect(active.json()).toMatchObject({ state: 'active', plan: { name: 'starter', requestsPerMinute: 30, monthlyBudgetUsd: null }, activatedAt: expect.any(String) });
    await waitFor(() => check.statusFor(appKey(), apiProductId).state === 'active', 1000);

    const mine = await request(subject.app, 'GET', `${base()}?mine=true`, app.headers);
    expect(mine.json().map((row: { id: string }) => row.id)).toEqual([subscription.id]);
    expect((await request(subject.app, 'GET', `${base()}?mine=true`, developer.headers)).json()).toEqual([]);
    expect((await request(subject.app, 'GET', `${base()}?state=active&apiProduct=summarise`, approver.headers)).json().map((row: { id: string }) => row.id)).toEqual([subscription.id]);

    expect((await request(subject.app, 'POST', `${base()}/${subscription.id}/revoke`, developer.headers, {})).statusCode).toBe(403);
    const revoked = await request(subject.app, 'POST', `${base()}/${subscription.id}/revoke`, approver.headers, { reason: 'ended' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ state: 'revoked', revokedBy: `user:${approver.id}`, revokeReason: 'ended' });
    await waitFor(() => check.statusFor(appKey(), apiProductId).state === 'none', 1000);
    const twice = await request(subject.app, 'POST', `${base()}/${subscription.id}/revoke`, approver.headers, {});
    expect(twice.json().error.code).toBe(ErrorCode.SUBSCRIPTION_NOT_REVOCABLE);

    const actions = await subject.app.get(DataSource).query(`SELECT action FROM audit_entries WHERE resource_type = 'subscription' AND resource_id = $1 ORDER BY seq`, [subscription.id]);
    expect(actions.map((row: { action: string }) => row.action)).toEqual(['subscription.request', 'subscription.activate', 'subscription.revoke']);
  });

  it('answers 404 for unknown ids and products, 400 for bad bodies, and keeps other workspaces out', async () => {
    expect((await request(subject.app, 'GET', `${base()}/not-a-uuid`, approver.headers)).statusCode).toBe(404);
    expect((await request(subject.app, 'GET', `${base()}/00000000-0000-4000-8000-000000000000`, approver.headers)).statusCode).toBe(404);
    expect((await request(subject.app, 'POST', base(), developer.headers, { apiProduct: 'nope' })).statusCode).toBe(404);
    const bad = await request(subject.app, 'POST', base(), developer.headers, { apiProduct: 'summarise', plan: { requestsPerMinute: -1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe(ErrorCode.VALIDATION_FAILED);
    const other = await createWorkspace(subject.app);
    const outsider = await createMember(subject.app, other.id, 'owner');
    expect((await request(subject.app, 'GET', base(), outsider.headers)).statusCode).toBe(404);
    expect((await request(subject.app, 'GET', `${base()}/00000000-0000-4000-8000-000000000000`, outsider.headers)).statusCode).toBe(404);
    // 'summarise' is public: another workspace may ask for it; the request is filed with this workspace, which decides.
    const guest = await request(subject.app, 'POST', `/admin/workspaces/${other.id}/subscriptions`, outsider.headers, { apiProduct: 'summarise' });
    expect(guest.statusCode, guest.body).toBe(201);
    expect(guest.json()).toMatchObject({ workspaceId, subscriberWorkspaceId: other.id, state: 'pending' });
  });

  it('documents every subscription and portal route in Swagger, admin ones with their security and refusals', async () => {
    const document = (await request(subject.app, 'GET', '/docs-json', {})).json();
    const path = '/admin/workspaces/{workspaceId}/subscriptions';
    for (const [route, method] of [[path, 'post'], [path, 'get'], [`${path}/{id}`, 'get'], [`${path}/{id}/revoke`, 'post']] as const) {
      const operation = document.paths[route]?.[method];
      expect(operation?.summary, `${method} ${route}`).toBeTruthy();
      expect(operation.tags).toEqual(['subscriptions']);
      expect(operation.security).toEqual(expect.arrayContaining([{ bearer: [] }]));
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
    expect(document.components.schemas.RequestSubscriptionDto.properties.plan).toBeDefined();
    for (const route of ['/portal', '/portal/openapi.json', '/portal/apis/{slug}', '/portal/apis/{slug}/openapi.json']) expect(document.paths[route]?.get?.summary, route).toBeTruthy();
  });

  it('serves OpenAPI 3.1 documents that validate, for all public APIs and for one', async () => {
    const all = await request(subject.app, 'GET', '/portal/openapi.json', {});
    expect(all.statusCode).toBe(200);
    const document = all.json();
    await SwaggerParser.validate(structuredClone(document));
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/apis/summarise'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SummariseV1Input' });
    expect(document.components.schemas.SummariseV1Input).toMatchObject({ required: ['text', 'audience'], additionalProperties: false });
    const one = await request(subject.app, 'GET', '/portal/apis/summarise/openapi.json', {});
    await SwaggerParser.validate(structuredClone(one.json()));
    expect(Object.keys(one.json().paths)).toEqual(['/apis/summarise/v1', '/apis/summarise']);
    expect((await request(subject.app, 'GET', '/portal/apis/nope/openapi.json', {})).statusCode).toBe(404);
  });
});
