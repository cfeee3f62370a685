import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallLogWriterHost } from '../../src/audit/call-logs/call-log-writer.host';
import { SubscriptionSnapshot } from '../../src/portal/subscriptions/subscription-snapshot';
import { petstoreDocument } from '../../src/rest-apis/__fixtures__/petstore';
import { RestApiSnapshot } from '../../src/rest-apis/runtime/rest-api-snapshot';
import { UsagePolicySnapshot } from '../../src/usage/enforcement/usage-policy-snapshot';
import { createMember, createServiceAccountKey, createWorkspace, type TestUser } from '../support/auth-helpers';
import { FakeRestUpstream, PETS_BODY } from '../support/fakes/rest-upstream';
import { startTestApp, type TestApp } from '../support/test-app';

const BOOTSTRAP_KEY = 'e2e-rest-apis-bootstrap-key-0123456789';
const admin = { authorization: `Bearer ${BOOTSTRAP_KEY}` };
const UPSTREAM_SECRET = 'sk-upstream-secret-0123456789';

const errorOf = async (response: Response) => ((await response.json()) as { error: Record<string, unknown> }).error;

/** The path exactly as written (fetch would resolve dot segments before sending). */
const rawGetFrom = (baseUrl: string, headers: Record<string, string>) => (path: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const { hostname, port } = new URL(baseUrl);
    const request = httpRequest({ hostname, port, path, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject).end();
  });

/** A port nothing listens on: bound, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** REST APIs end to end: registration, publication through an approval, and `/rest/...` over real sockets to a fake upstream. */
describe('REST APIs', () => {
  let subject: TestApp;
  let upstream: FakeRestUpstream;
  let upstreamUrl: string;
  let baseUrl: string;
  let workspaceId: string;
  let approver: TestUser;
  let caller: { serviceAccountId: string; keyId: string; headers: { authorization: string } };
  let apiId: string;
  const apis = () => `/admin/workspaces/${workspaceId}/rest-apis`;

  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = admin) => {
    const response = await subject.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    if (method !== 'GET' && response.statusCode < 300) {
      await subject.app.get(RestApiSnapshot).reloadAll();
      await subject.app.get(SubscriptionSnapshot, { strict: false }).reloadAll();
      await subject.app.get(UsagePolicySnapshot, { strict: false }).reloadAll();
    }
    return response;
  };
  const rawGet = (path: string) => rawGetFrom(baseUrl, caller.headers)(path);
  const rest = (path: string, init: RequestInit = {}, headers: Record<string, string> = caller.headers) => fetch(`${baseUrl}${path}`, { ...init, headers: { ...headers, ...((init.headers as Record<string, string>) ?? {}) } });
  const approve = async (approvalRequestId: string) => {
    const approved = await call('POST', `/admin/workspaces/${workspaceId}/approvals/${approvalRequestId}/approve`, {}, approver.headers);
    expect(approved.statusCode, approved.body).toBe(200);
  };
  const publishWithoutApproval = async (slug: string, version: number) => {
    expect((await call('PUT', `/admin/workspaces/${workspaceId}/approval-policies/rest_api_publication`, { enabled: false })).statusCode).toBe(200);
    try {
      const submitted = await call('POST', `${apis()}/${slug}/versions/${version}/submit`, {});
      expect(submitted.statusCode, submitted.body).toBe(200);
    } finally {
      await call('PUT', `/admin/workspaces/${workspaceId}/approval-policies/rest_api_publication`, { enabled: true });
    }
  };

  beforeAll(async () => {
    upstream = new FakeRestUpstream();
    upstreamUrl = await upstream.start();
    subject = await startTestApp({ PORTICO_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY });
    await subject.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(subject.app.getHttpServer().address() as AddressInfo).port}`;
    const rows: { workspace_id: string }[] = await subject.app.get(DataSource).query(`SELECT workspace_id FROM api_keys LIMIT 1`);
    workspaceId = rows[0]!.workspace_id;
    approver = await createMember(subject.app, workspaceId, 'approver');
    caller = await createServiceAccountKey(subject.app, workspaceId, 'viewer', ['invoke:*']);
  });
  afterAll(async () => {
    await subject?.close();
    await upstream?.close();
  });

  it("refuses an invalid OpenAPI document with 422 listing the parser's problems", async () => {
    const document = petstoreDocument() as { info: Record<string, unknown>; paths: Record<string, Record<string, unknown>> };
    delete document.info.version;
    document.paths['/pets']!.get = { responses: 'none' };
    const refused = await call('POST', apis(), { slug: 'broken', title: 'Broken', baseUrl: `${upstreamUrl}/api`, openapi: document });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error.code).toBe('PORTICO_ERR_OPENAPI_INVALID');
    const issues = refused.json().error.details.issues as { path: string; message: string }[];
    expect(issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'info', message: expect.stringContaining('version') }), expect.objectContaining({ path: expect.stringMatching(/^paths\.\/pets\.get/) })]));
    expect((await call('GET', `${apis()}/broken`)).statusCode).toBe(404);
  });

  it('registers an upstream (credential sealed, never shown) and publishes v1 through a rest_api_publication approval', async () => {
    const created = await call('POST', apis(), {
      slug: 'petstore',
      title: 'Pet store',
      description: 'Pets',
      tags: ['pets'],
      visibility: 'public',
      baseUrl: `${upstreamUrl}/api/`,
      openapi: petstoreDocument(),
      credential: { header: 'X-Upstream-Key', value: UPSTREAM_SECRET },
    });
    expect(created.statusCode, created.body).toBe(201);
    apiId = created.json().id;
    expect(created.json()).toMatchObject({ slug: 'petstore', credential: { header: 'x-upstream-key' }, versions: [{ number: 1, state: 'draft', baseUrl: `${upstreamUrl}/api` }] });
    expect(created.body).not.toContain(UPSTREAM_SECRET);
    const [{ credential_enc: sealed }] = await subject.app.get(DataSource).query(`SELECT credential_enc FROM rest_apis WHERE product_id = $1`, [apiId]);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(UPSTREAM_SECRET);
    expect((await call('POST', `/admin/workspaces/${workspaceId}/prompt-apis`, { slug: 'petstore', title: 'clash' })).statusCode).toBe(409);
    expect((await call('GET', `/admin/workspaces/${workspaceId}/prompt-apis`)).json()).toEqual([]);

    const submitted = await call('POST', `${apis()}/petstore/versions/1/submit`, { reason: 'first release' });
    expect(submitted.statusCode, submitted.body).toBe(202);
    expect(submitted.json()).toMatchObject({ outcome: 'pending_approval', version: { state: 'in_review' }, approvalRequest: { kind: 'rest_api_publication', state: 'pending' } });
    expect((await errorOf(await rest('/rest/petstore/v1/pets'))).code).toBe('api_not_found');
    await approve(submitted.json().approvalRequest.id);
    expect((await call('GET', `${apis()}/petstore/versions/1`)).json()).toMatchObject({ state: 'published', openapi: { info: { title: 'Pet store' } } });
  });

  it('answers 403 without a subscription, 403 subscription_pending while it waits, and forwards once approved', async () => {
    const none = await rest('/rest/petstore/v1/pets');
    expect(none.status).toBe(403);
    expect(await errorOf(none)).toMatchObject({ code: 'subscription_required', type: 'permission_error' });
    const requested = await call('POST', `/admin/workspaces/${workspaceId}/subscriptions`, { apiProduct: 'petstore', subscriber: { type: 'service_account', id: caller.serviceAccountId } });
    expect(requested.statusCode, requested.body).toBe(201);
    expect((await errorOf(await rest('/rest/petstore/v1/pets'))).code).toBe('subscription_pending');
    await approve(requested.json().approvalRequestId);
    expect((await rest('/rest/petstore/v1/pets')).status).toBe(200);
    expect(upstream.requests.filter((request) => request.url === '/api/pets')).toHaveLength(1);
  });

  it('passes status, headers and body through byte for byte; the caller key never reaches the upstream, the credential does', async () => {
    const before = upstream.requests.length;
    const response = await rest('/rest/petstore/pets?limit=2&q=a%20b', { headers: { 'x-api-key': 'pk_should_not_leak', cookie: 'portico=1', 'x-custom': 'kept' } });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(PETS_BODY)).toBe(true);
    expect(response.headers.get('etag')).toBe('"pets-1"');
    expect(response.headers.get('x-upstream')).toBe('yes');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(response.headers.get('content-length')).toBe(String(PETS_BODY.length));
    expect(response.headers.get('x-portico-api-version')).toBe('v1');
    const seen = upstream.requests[before]!;
    expect(seen.url).toBe('/api/pets?limit=2&q=a%20b');
    expect(seen.headers['x-upstream-key']).toBe(UPSTREAM_SECRET);
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers['x-api-key']).toBeUndefined();
    expect(seen.headers.cookie).toBeUndefined();
    expect(seen.headers['x-custom']).toBe('kept');
    expect(seen.headers['x-request-id']).toBe(response.headers.get('x-request-id'));

    const bytes = randomBytes(256 * 1024);
    const echoed = await rest('/rest/petstore/v1/echo', { method: 'POST', body: bytes, headers: { 'content-type': 'application/octet-stream' } });
    expect(echoed.status).toBe(201);
    expect(echoed.headers.get('x-echo-length')).toBe(String(bytes.length));
    expect(Buffer.from(await echoed.arrayBuffer()).equals(bytes)).toBe(true);
    expect(upstream.requests.at(-1)!.body.equals(bytes)).toBe(true);

    const json = await rest('/rest/petstore/v1/echo', { method: 'POST', body: '{"a":  1}', headers: { 'content-type': 'application/json' } });
    expect(await json.text()).toBe('{"a":  1}');

    const missing = await rest('/rest/petstore/v1/pets/missing');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(await missing.text()).toBe('{"title":"no such pet"}');
  });

  it('streams the request body to the upstream as the caller sends it', async () => {
    const head = randomBytes(64 * 1024);
    const tail = randomBytes(1024);
    let push!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (controller) => void (push = controller) });
    const arrivedBefore = upstream.bytesArrived;
    const pending = rest('/rest/petstore/v1/echo', { method: 'POST', body, duplex: 'half', headers: { 'content-type': 'application/octet-stream' } } as RequestInit);
    push.enqueue(head);
    // The first part reaches the upstream while the caller has not finished sending.
    await expect.poll(() => upstream.bytesArrived - arrivedBefore, { timeout: 5_000 }).toBe(head.length);
    push.enqueue(tail);
    push.close();
    const echoed = await pending;
    expect(echoed.status).toBe(201);
    expect(Buffer.from(await echoed.arrayBuffer()).equals(Buffer.concat([head, tail]))).toBe(true);
    expect(upstream.requests.at(-1)!.headers['transfer-encoding']).toBe('chunked');
  });

  it('streams a chunked answer as the upstream writes it', async () => {
    upstream.holdStream();
    const response = await rest('/rest/petstore/v1/stream');
    expect(response.status).toBe(200);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(Buffer.from(first.value!).toString()).toBe('tick 1\n');
    upstream.releaseStream();
    let rest_ = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest_ += Buffer.from(chunk.value).toString();
    expect(rest_).toBe('tick 2\ntick 3\n');
  });

  it('closes the upstream request when the caller goes away mid-stream, and logs the call as client_closed', async () => {
    upstream.holdStream();
    const controller = new AbortController();
    const response = await rest('/rest/petstore/v1/stream', { signal: controller.signal });
    const reader = response.body!.getReader();
    expect(Buffer.from((await reader.read()).value!).toString()).toBe('tick 1\n');
    controller.abort();
    await expect.poll(() => upstream.streamsCut, { timeout: 5_000 }).toBe(1);
    upstream.releaseStream();
    const requestId = response.headers.get('x-request-id')!;
    const writer = subject.app.get(CallLogWriterHost).writer;
    await expect
      .poll(async () => {
        await writer.flush();
        return (await call('GET', `/admin/workspaces/${workspaceId}/call-logs?requestId=${requestId}`)).json().items;
      })
      .toEqual([expect.objectContaining({ endpoint: 'rest_api', errorClass: 'client_closed' })]);
  });

  it('answers 404 in the envelope for operations the document does not declare, without calling the upstream', async () => {
    const before = upstream.requests.length;
    for (const [method, path] of [
      ['DELETE', '/rest/petstore/v1/pets'],
      ['GET', '/rest/petstore/v1/admin'],
      ['GET', '/rest/petstore/v1/pets/1/owner'],
      ['PUT', '/rest/petstore/pets/1'],
    ] as const) {
      const response = await rest(path, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await errorOf(response)).toMatchObject({ code: 'operation_not_found', type: 'invalid_request_error', param: 'path' });
    }
    for (const path of ['/rest/petstore/v1/pets/..', '/rest/petstore/v1/pets/%2e%2e', '/rest/petstore/v1/pets/..%2Fadmin']) {
      const raw = await rawGet(path);
      expect(raw.status, path).toBe(400);
      expect(JSON.parse(raw.body).error.code, path).toBe('path_invalid');
    }
    expect((await errorOf(await rest('/rest/nothing/v1/pets'))).code).toBe('api_not_found');
    expect((await errorOf(await rest('/rest/petstore/v9/pets'))).code).toBe('api_version_not_found');
    expect(upstream.requests.length).toBe(before);
  });

  it('applies rate limits on the route rest:<slug>: 429 with retry-after', async () => {
    const rule = await call('POST', `/admin/workspaces/${workspaceId}/rate-limits`, { name: 'petstore two a minute', requestsPerMinute: 2, match: { route: 'rest:petstore' } });
    expect(rule.statusCode, rule.body).toBe(201);
    try {
      expect((await rest('/rest/petstore/v1/pets/1')).status).toBe(200);
      const second = await rest('/rest/petstore/v1/pets/2');
      expect(second.status).toBe(200);
      expect(second.headers.get('x-ratelimit-remaining-requests')).toBe('0');
      const third = await rest('/rest/petstore/v1/pets/3');
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await errorOf(third)).code).toBe('rate_limit_exceeded');
      expect(upstream.requests.some((request) => request.url === '/api/pets/3')).toBe(false);
    } finally {
      expect((await call('DELETE', `/admin/workspaces/${workspaceId}/rate-limits/${rule.json().id}`)).statusCode).toBe(204);
    }
  });

  it("serves a public API to another workspace's app through its own subscription, whose plan limits it", async () => {
    const other = await createWorkspace(subject.app, 'rest-outsiders');
    const ownerB = await createMember(subject.app, other.id, 'owner');
    const appB = await createServiceAccountKey(subject.app, other.id, 'viewer', ['invoke:*']);
    expect((await errorOf(await rest('/rest/petstore/v1/pets/1', {}, appB.headers))).code).toBe('subscription_required');
    const filed = await call('POST', `/admin/workspaces/${other.id}/subscriptions`, { apiProduct: 'petstore', subscriber: { type: 'service_account', id: appB.serviceAccountId }, plan: { name: 'one a minute', requestsPerMinute: 1 } }, ownerB.headers);
    expect(filed.statusCode, filed.body).toBe(201);
    await approve(filed.json().approvalRequestId);
    const first = await rest('/rest/petstore/v1/pets/outsider', {}, appB.headers);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ name: 'outsider' });
    const second = await rest('/rest/petstore/v1/pets/outsider', {}, appB.headers);
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await errorOf(second)).code).toBe('rate_limit_exceeded');
    expect(upstream.requests.filter((request) => request.url === '/api/pets/outsider')).toHaveLength(1);
    // The API's own workspace is not limited by the outsider's plan.
    expect((await rest('/rest/petstore/v1/pets/insider')).status).toBe(200);
  });

  it('answers 502 in the envelope when the upstream cannot be reached', async () => {
    const version = await call('POST', `${apis()}/petstore/versions`, { openapi: petstoreDocument(), baseUrl: `http://127.0.0.1:${await deadPort()}/api` });
    expect(version.statusCode, version.body).toBe(201);
    await publishWithoutApproval('petstore', 2);
    const down = await rest('/rest/petstore/v2/pets');
    expect(down.status).toBe(502);
    expect(await errorOf(down)).toMatchObject({ code: 'upstream_unavailable', type: 'server_error' });
    expect((await rest('/rest/petstore/pets')).status).toBe(502);
  });

  it('writes one call-log row per call, with the API, status and latency', async () => {
    const response = await rest('/rest/petstore/v1/pets');
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    const requestId = response.headers.get('x-request-id')!;
    const writer = subject.app.get(CallLogWriterHost).writer;
    await expect
      .poll(async () => {
        await writer.flush();
        return (await call('GET', `/admin/workspaces/${workspaceId}/call-logs?requestId=${requestId}`)).json().items;
      })
      .toHaveLength(1);
    const [row] = (await call('GET', `/admin/workspaces/${workspaceId}/call-logs?requestId=${requestId}`)).json().items;
    expect(row).toMatchObject({ endpoint: 'rest_api', status: 200, promptApiId: apiId, routeName: 'rest:petstore', apiKeyId: caller.keyId });
    expect(row.latencyMs).toBeGreaterThan(0);
    const items = (await call('GET', `/admin/workspaces/${workspaceId}/call-logs?apiKeyId=${caller.keyId}&limit=500`)).json().items as { endpoint: string; status: number; errorCode: string | null }[];
    const refused = items.filter((item) => item.endpoint === 'rest_api');
    expect(refused).toEqual(expect.arrayContaining([expect.objectContaining({ status: 502, errorCode: 'upstream_unavailable' }), expect.objectContaining({ status: 404, errorCode: 'operation_not_found' })]));
  });

  it('answers a deprecated version with Deprecation and Sunset headers, and a retired one with 410 naming its successor', async () => {
    const sunset = '2099-01-01T00:00:00.000Z';
    expect((await call('POST', `${apis()}/petstore/versions/1/deprecate`, { sunset })).statusCode).toBe(200);
    const deprecated = await rest('/rest/petstore/v1/pets');
    expect(deprecated.status).toBe(200);
    expect(deprecated.headers.get('deprecation')).toMatch(/^@\d+$/);
    expect(deprecated.headers.get('sunset')).toBe(new Date(sunset).toUTCString());
    expect(deprecated.headers.get('link')).toBe('</rest/petstore/v2>; rel="successor-version"');
    expect(Buffer.from(await deprecated.arrayBuffer()).equals(PETS_BODY)).toBe(true);

    expect((await call('POST', `${apis()}/petstore/versions/1/retire`, { successor: 2 })).statusCode).toBe(200);
    const before = upstream.requests.length;
    const retired = await rest('/rest/petstore/v1/pets');
    expect(retired.status).toBe(410);
    expect(await errorOf(retired)).toMatchObject({ code: 'api_version_retired', successor: 'v2' });
    expect(retired.headers.get('link')).toBe('</rest/petstore/v2>; rel="successor-version"');
    expect(upstream.requests.length).toBe(before);
    expect((await call('DELETE', `${apis()}/petstore`)).statusCode).toBe(409);
  });

  it('documents the admin routes in Swagger with their permission errors and the document problems', async () => {
    const docs = (await subject.app.inject({ method: 'GET', url: '/docs-json' })).json() as { paths: Record<string, Record<string, { tags?: string[]; responses: Record<string, { description?: string }> }>> };
    const create = docs.paths['/admin/workspaces/{workspaceId}/rest-apis']!.post!;
    expect(create.tags).toEqual(['rest-apis']);
    expect(create.responses['422']!.description).toContain('PORTICO_ERR_OPENAPI_INVALID');
    for (const path of ['/admin/workspaces/{workspaceId}/rest-apis/{slug}', '/admin/workspaces/{workspaceId}/rest-apis/{slug}/versions/{n}/submit', '/admin/workspaces/{workspaceId}/rest-apis/{slug}/versions/{n}/retire']) {
      expect(docs.paths[path], path).toBeDefined();
    }
  });

  it('lists the API in the portal with its operations and a valid OpenAPI document', async () => {
    const catalog = await subject.app.inject({ method: 'GET', url: '/portal' });
    expect(catalog.body).toContain('<code>/rest/petstore</code>');
    const page = await subject.app.inject({ method: 'GET', url: '/portal/apis/petstore' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-operation="listPets"');
    const document = (await subject.app.inject({ method: 'GET', url: '/portal/apis/petstore/openapi.json' })).json();
    expect(document.servers[0].url).toMatch(/\/rest\/petstore\/v2$/);
    expect(JSON.stringify(document)).not.toContain(upstreamUrl);
    const merged = (await subject.app.inject({ method: 'GET', url: '/portal/openapi.json' })).json();
    expect(Object.keys(merged.paths)).toContain('/rest/petstore/v2/pets');
  });
});
