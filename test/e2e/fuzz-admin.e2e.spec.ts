import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, type TestUser } from '../support/auth-helpers';
import { describeRoutes, fillPath, hostileBody, hostileParams, hostileQuery, type FuzzRoute, type OpenApiDocument } from '../support/fuzz/admin-routes';
import { assertWellFormed, surfaceOf } from '../support/fuzz/envelopes';
import { effectivePath, send, stillAlive } from '../support/fuzz/fuzz-client';
import { deepNesting, invalidUtf8Body, malformedJson, nestedJson } from '../support/fuzz/hostile-input';
import { fuzzParameters } from '../support/fuzz/settings';
import { listRoutes } from '../support/routes';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Property-based fuzzing of the admin API, walking the live route table (like the tenant-isolation
 * matrix) with a superadmin who owns the workspace, so refusals are about the input, not access:
 * hostile path parameters, query filters and bodies. Never a 5xx, always the problem envelope.
 */
describe('fuzzing /admin', () => {
  let subject: TestApp;
  let admin: TestUser;
  let workspaceId: string;
  let routes: FuzzRoute[];

  const call = (route: FuzzRoute, url: string, payload?: string | Buffer) => send(subject.app, route.method, url, admin.headers, route.method === 'GET' || route.method === 'DELETE' ? undefined : (payload ?? '{}'));
  const label = (route: FuzzRoute, url: string) => `${route.method} ${url}${effectivePath(url) === url.split('?')[0] ? '' : ` (arrives as ${effectivePath(url)})`}`;
  const bodyRoutes = () => routes.filter((route) => route.method !== 'GET' && route.method !== 'DELETE');
  /** Routes whose only parameter is the workspace: filled with the real one, their input is the only thing that can be wrong. */
  const inWorkspace = (route: FuzzRoute) => fillPath(route.path, { workspaceId }, () => 'unused');

  beforeAll(async () => {
    subject = await startTestApp({}, [DiscoveryModule]);
    workspaceId = subject.runtime.firstRun!.workspaceId;
    admin = await createMember(subject.app, workspaceId, 'owner', { superadmin: true });
    const document = (await subject.app.inject({ method: 'GET', url: '/docs-json' })).json() as OpenApiDocument;
    routes = describeRoutes(listRoutes(subject.app.get(DiscoveryService)), document).filter((route) => route.path.startsWith('/admin'));
    expect(routes.length).toBeGreaterThan(100);
  });
  afterAll(async () => {
    if (subject) expect(await stillAlive(subject.app)).toBe(true);
    await subject?.close();
  });

  it('answers every route with hostile path parameters (traversal, encoded slashes, SQL, unicode) with a 4xx in the envelope', async () => {
    const parameterised = routes.filter((route) => route.params.length > 0);
    const input = fc.constantFrom(...parameterised).chain((route) => hostileParams(route).map((values) => ({ route, url: fillPath(route.path, values, () => 'x') })));
    await fc.assert(
      fc.asyncProperty(input, async ({ route, url }) => {
        const normalised = effectivePath(url) !== url;
        assertWellFormed(surfaceOf(effectivePath(url)), label(route, url), await call(route, url), normalised ? {} : { statusIn: [400, 401, 403, 404, 405, 409, 414, 422] });
      }),
      fuzzParameters(300),
    );
  });

  it('keeps the workspace and answers hostile ids inside it with a 4xx (or success on a name it created) in the envelope', async () => {
    const inside = routes.filter((route) => route.params.includes('workspaceId') && route.params.length > 1);
    const input = fc.constantFrom(...inside).chain((route) => hostileParams(route).map((values) => ({ route, url: fillPath(route.path, { ...values, workspaceId }, () => 'x') })));
    await fc.assert(
      fc.asyncProperty(input, async ({ route, url }) => {
        assertWellFormed(surfaceOf(effectivePath(url)), label(route, url), await call(route, url));
      }),
      fuzzParameters(200),
    );
    const workspace = await send(subject.app, 'GET', `/admin/workspaces/${workspaceId}`, admin.headers);
    expect(workspace.statusCode, workspace.body).toBe(200);
  });

  it('answers SQL metacharacters, unicode and wrong types in every query filter without a 5xx, in the envelope', async () => {
    const filtered = routes.filter((route) => route.method === 'GET' && route.queryNames.length > 0);
    expect(filtered.length).toBeGreaterThan(5);
    const input = fc.constantFrom(...filtered).chain((route) => hostileQuery(route).map((query) => ({ route, url: `${inWorkspace(route)}?${query}` })));
    await fc.assert(
      fc.asyncProperty(input, async ({ route, url }) => {
        assertWellFormed('admin', label(route, url), await call(route, url), { statusIn: [200, 400, 404, 422] });
      }),
      fuzzParameters(250),
    );
  });

  it('answers bodies with wrong types and hostile strings in every documented field without a 5xx, in the envelope', async () => {
    const input = fc.constantFrom(...bodyRoutes()).chain((route) => hostileBody(route).map((body) => ({ route, body })));
    await fc.assert(
      fc.asyncProperty(input, async ({ route, body }) => {
        const url = inWorkspace(route);
        assertWellFormed('admin', `${label(route, url)} ${body}`, await call(route, url, body));
      }),
      fuzzParameters(300),
    );
    const workspace = await send(subject.app, 'GET', `/admin/workspaces/${workspaceId}`, admin.headers);
    expect(workspace.statusCode, workspace.body).toBe(200);
  });

  it('answers malformed JSON with 400, deep nesting with 400, bodies over the limit with 413, invalid UTF-8 without a 5xx', async () => {
    const sample = { name: 'x', description: 'y', enabled: true };
    const route = fc.constantFrom(...bodyRoutes());
    await fc.assert(
      fc.asyncProperty(route, malformedJson(sample), async (target, text) => {
        const url = inWorkspace(target);
        const json = (() => {
          try {
            return JSON.parse(text) as unknown;
          } catch {
            return undefined;
          }
        })();
        // `null`, `123` or `[]` are JSON, only not an object: the route's validation answers (400/404/422) instead of the parser.
        assertWellFormed('admin', `${label(target, url)} ${JSON.stringify(text)}`, await call(target, url, text), json === undefined ? { statusIn: [400] } : { statusIn: [400, 404, 409, 422] });
      }),
      fuzzParameters(80),
    );
    await fc.assert(
      fc.asyncProperty(route, deepNesting.filter(({ depth }) => depth > 100), async (target, { depth, shape }) => {
        const url = inWorkspace(target);
        assertWellFormed('admin', `${label(target, url)} nested ${shape} x${depth}`, await call(target, url, `{"name":${nestedJson(depth, shape)}}`), { statusIn: [400] });
      }),
      fuzzParameters(15),
    );
    const limit = subject.runtime.config.server.bodyLimitBytes;
    await fc.assert(
      fc.asyncProperty(route, async (target) => {
        const url = inWorkspace(target);
        assertWellFormed('admin', `${label(target, url)} over the limit`, await call(target, url, JSON.stringify({ name: 'x'.repeat(limit + 1) })), { statusIn: [413] });
      }),
      fuzzParameters(3),
    );
    await fc.assert(
      fc.asyncProperty(route, invalidUtf8Body(sample), async (target, bytes) => {
        const url = inWorkspace(target);
        assertWellFormed('admin', `${label(target, url)} ${bytes.toString('hex')}`, await call(target, url, bytes));
      }),
      fuzzParameters(40),
    );
  });
});
